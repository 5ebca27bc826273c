/** What `inception-explorer evaluate` prints: one JSON object (`--json`) or a table beside the paper's numbers. */
import { paperEvaluationFor } from '../model/paper-evaluation.ts';
import type { CropCount } from '../runtime/evaluation/crops.ts';
import type { Dataset } from '../runtime/evaluation/dataset.ts';
import { modeKey, modeTitle, type ModelChoice } from '../runtime/evaluation/mode.ts';
import { RELIABILITY_BINS, type ReliabilityBin } from '../runtime/evaluation/calibration.ts';
import type { Confusion } from '../runtime/evaluation/confusion.ts';
import { modeDashboard, type ModeDashboard } from '../runtime/evaluation/dashboards.ts';
import { skipReason, type ImageRecord, type Summary } from '../runtime/evaluation/records.ts';
import { IMAGENET_LABELS } from '../runtime/labels.ts';
import { FEATURE_MAP_LIMIT, featureMap, featureNetwork } from '../runtime/evaluation/feature-map.ts';
import type { PredictionMode } from '../runtime/evaluation/mode.ts';
import { errorText, rateText, table } from './format.ts';

/** Exactly what `--json` prints. Error rates are fractions (0.187 = 18.7 %); intervals are Wilson 95 %. */
export interface EvaluateReport {
  model: ModelChoice;
  crops: CropCount;
  /** Each weights file: the network it fits, its SHA-256, and whether it is the published checkpoint. */
  weights: WeightsFileReport[];
  /** Images evaluated (skipped ones not counted). */
  images: number;
  top1Error: number;
  top5Error: number;
  ci95: { top1: [number, number]; top5: [number, number] };
  /** With --real: top-1 error against the ReaL labels, over the images ReaL keeps. */
  real?: { images: number; top1Error: number; ci95: [number, number]; leftOut: number; notValidation: number };
  /**
   * Expected calibration error of the top-1 probability over RELIABILITY_BINS (15) equal-width bins, and
   * the bins (each (low, high]: its images, their mean top-1 probability and top-1 accuracy; null when empty).
   */
  ece: number;
  reliability: ReliabilityBin[];
  /** What each class present was taken for: a matrix up to 50 classes, the most frequent confusions always. */
  confusion: Confusion;
  /** The same figures for every mode the run yielded (12 crops also give 1 crop; the ensemble each network). */
  modes: { key: string; images: number; ece: number; reliability: ReliabilityBin[]; confusion: Confusion }[];
  /** Unreadable images, skipped. */
  skipped: { path: string; reason: string }[];
  /** Images that could not be labelled (wrong WordNet ID folder, not in the CSV), by reason. */
  unlabelled: { reason: string; count: number }[];
  /** With --features-map. */
  featureMap?: FeatureMapReport;
}

/**
 * The feature map: each evaluated image among the first `limit` of the set placed on the first two principal
 * components of `network`'s pooled features (centre crop), with its true and predicted (top-1) class.
 */
export interface FeatureMapReport {
  network: string;
  limit: number;
  /** The fraction of the features' variance along x and along y. */
  explained: [number, number];
  points: { path: string; label: number; predicted: number; x: number; y: number }[];
}

export interface WeightsFileReport {
  file: string;
  model: string;
  sha256: string;
  published: boolean;
}

const modeFigures = (d: ModeDashboard) => ({
  key: d.key,
  images: d.reliability.images,
  ece: d.reliability.ece,
  reliability: d.reliability.bins,
  confusion: d.confusion,
});

export function evaluateReport(
  model: ModelChoice,
  crops: CropCount,
  weights: WeightsFileReport[],
  summary: Summary,
  dataset: Pick<Dataset, 'leftOut'>,
  records: readonly ImageRecord[],
): EvaluateReport {
  const main = summary.modes.find((m) => m.key === modeKey({ model, crops }));
  if (!main) throw new Error(`no results for ${modeKey({ model, crops })}`);
  const modes = summary.modes.map((m) => modeFigures(modeDashboard(records, m.key)));
  const figures = modes.find((m) => m.key === main.key)!;
  return {
    model,
    crops,
    weights,
    images: main.top1.total,
    top1Error: main.top1.rate,
    top5Error: main.top5.rate,
    ci95: { top1: main.top1.ci95, top5: main.top5.ci95 },
    ...(main.real
      ? {
          real: {
            images: main.real.top1.total,
            top1Error: main.real.top1.rate,
            ci95: main.real.top1.ci95,
            leftOut: main.real.leftOut,
            notValidation: main.real.unknown,
          },
        }
      : {}),
    ece: figures.ece,
    reliability: figures.reliability,
    confusion: figures.confusion,
    modes,
    skipped: summary.skipped.map((r) => ({ path: r.path, reason: skipReason(r) })),
    unlabelled: dataset.leftOut.map((l) => ({ reason: l.reason, count: l.paths.length })),
  };
}

export function featureMapReport(
  records: readonly ImageRecord[],
  features: ReadonlyMap<number, Float32Array>,
  mode: PredictionMode,
): FeatureMapReport {
  const map = featureMap(records, features, modeKey(mode));
  return {
    network: featureNetwork(mode),
    limit: FEATURE_MAP_LIMIT,
    explained: map.explained,
    points: map.points.map((p) => ({ path: p.path, label: p.label, predicted: p.predicted, x: p.x, y: p.y })),
  };
}

/** The readable report: every mode the run yielded, the paper's numbers beside, skipped images listed. */
const shortName = (index: number) => IMAGENET_LABELS[index]?.split(', ')[0] ?? `class ${index}`;

/** "ECE (15 bins): …" for every mode, and the main mode's most frequent confusions. */
function dashboardLines(summary: Summary, records: readonly ImageRecord[], mainKey: string): string[] {
  const dashboards = summary.modes.map((m) => ({ title: modeTitle(m.mode), ...modeDashboard(records, m.key) }));
  const ece = (d: ModeDashboard) => rateText(d.reliability.ece);
  const lines = [
    '',
    `Expected calibration error (ECE, ${RELIABILITY_BINS} equal-width bins of the top-1 probability): ` +
      dashboards.map((d) => `${d.title} ${ece(d)}`).join('; '),
  ];
  const main = dashboards.find((d) => d.key === mainKey);
  const top = main?.confusion.top.slice(0, 5) ?? [];
  if (main && top.length > 0) {
    lines.push(
      `Most frequent confusions (${main.title}): ` +
        top.map((p) => `${shortName(p.label)} → ${shortName(p.predicted)} ×${p.count}`).join(', '),
    );
  }
  return lines;
}

export function evaluateText(
  heading: string,
  summary: Summary,
  dataset: Pick<Dataset, 'leftOut' | 'warnings'>,
  records: readonly ImageRecord[],
  mainKey: string,
): string {
  const withReal = summary.modes.some((m) => m.real);
  const header = [
    'mode',
    'images',
    'top-1 error',
    'top-5 error',
    ...(withReal ? ['ReaL top-1 error'] : []),
    'paper top-1 / top-5',
  ];
  const rows = summary.modes.map((m) => {
    const paper =
      m.mode.crops === 1 || m.mode.crops === 12 || m.mode.crops === 144
        ? paperEvaluationFor(m.mode.model, m.mode.crops)
        : undefined;
    const paperText = paper
      ? `${paper.top1Error?.toFixed(1) ?? '–'} % / ${paper.top5Error.toFixed(1)} % (Table ${paper.table})`
      : '–';
    return [
      modeTitle(m.mode),
      String(m.top1.total),
      errorText(m.top1),
      errorText(m.top5),
      ...(withReal ? [m.real ? errorText(m.real.top1) : '–'] : []),
      paperText,
    ];
  });
  const lines = [heading, '', table(header, rows)];
  if (summary.modes.some((m) => m.mode.model === 'ensemble')) {
    lines.push(
      '',
      "The paper's ensemble was 1 × Inception-v4 + 3 × Inception-ResNet-v2, separately trained; only one checkpoint of each exists, so this ensemble averages two models.",
    );
  }
  if (summary.modes.length > 0) lines.push(...dashboardLines(summary, records, mainKey));
  const real = summary.modes.find((m) => m.real)?.real;
  if (real)
    lines.push(
      '',
      `ReaL: ${real.leftOut} image(s) left out by ReaL, ${real.unknown} not named like a validation image (ILSVRC2012_val_…) and so not counted.`,
    );
  if (summary.skipped.length > 0) {
    lines.push(
      '',
      `Skipped ${summary.skipped.length} unreadable image(s):`,
      ...summary.skipped.map((r) => `  ${r.path}: ${skipReason(r)}`),
    );
  }
  for (const left of dataset.leftOut)
    lines.push(
      '',
      `Left out ${left.paths.length} image(s): ${left.reason}`,
      ...left.paths.slice(0, 5).map((p) => `  ${p}`),
      ...(left.paths.length > 5 ? [`  … and ${left.paths.length - 5} more`] : []),
    );
  for (const warning of dataset.warnings) lines.push(`Warning: ${warning}`);
  lines.push(
    '',
    "Crops are this project's reading of the paper's protocols (see the README); intervals are Wilson 95 %.",
  );
  return lines.join('\n');
}
