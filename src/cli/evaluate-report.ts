/** What `inception-explorer evaluate` prints: one JSON object (`--json`) or a table beside the paper's numbers. */
import { paperEvaluationFor } from '../model/paper-evaluation.ts';
import type { CropCount } from '../runtime/evaluation/crops.ts';
import type { Dataset } from '../runtime/evaluation/dataset.ts';
import { modeKey, modeTitle, type ModelChoice } from '../runtime/evaluation/mode.ts';
import { skipReason, type Summary } from '../runtime/evaluation/records.ts';
import { errorText, table } from './format.ts';

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
  /** Unreadable images, skipped. */
  skipped: { path: string; reason: string }[];
  /** Images that could not be labelled (wrong WordNet ID folder, not in the CSV), by reason. */
  unlabelled: { reason: string; count: number }[];
}

export interface WeightsFileReport {
  file: string;
  model: string;
  sha256: string;
  published: boolean;
}

export function evaluateReport(model: ModelChoice, crops: CropCount, weights: WeightsFileReport[], summary: Summary,
  dataset: Pick<Dataset, 'leftOut'>): EvaluateReport {
  const main = summary.modes.find((m) => m.key === modeKey({ model, crops }));
  if (!main) throw new Error(`no results for ${modeKey({ model, crops })}`);
  return {
    model,
    crops,
    weights,
    images: main.top1.total,
    top1Error: main.top1.rate,
    top5Error: main.top5.rate,
    ci95: { top1: main.top1.ci95, top5: main.top5.ci95 },
    ...(main.real ? {
      real: { images: main.real.top1.total, top1Error: main.real.top1.rate, ci95: main.real.top1.ci95, leftOut: main.real.leftOut, notValidation: main.real.unknown },
    } : {}),
    skipped: summary.skipped.map((r) => ({ path: r.path, reason: skipReason(r) })),
    unlabelled: dataset.leftOut.map((l) => ({ reason: l.reason, count: l.paths.length })),
  };
}

/** The readable report: every mode the run yielded, the paper's numbers beside, skipped images listed. */
export function evaluateText(heading: string, summary: Summary,
  dataset: Pick<Dataset, 'leftOut' | 'warnings'>): string {
  const withReal = summary.modes.some((m) => m.real);
  const header = ['mode', 'images', 'top-1 error', 'top-5 error', ...(withReal ? ['ReaL top-1 error'] : []), 'paper top-1 / top-5'];
  const rows = summary.modes.map((m) => {
    const paper = m.mode.crops === 1 || m.mode.crops === 12 || m.mode.crops === 144 ? paperEvaluationFor(m.mode.model, m.mode.crops) : undefined;
    const paperText = paper ? `${paper.top1Error?.toFixed(1) ?? '–'} % / ${paper.top5Error.toFixed(1)} % (Table ${paper.table})` : '–';
    return [modeTitle(m.mode), String(m.top1.total), errorText(m.top1), errorText(m.top5), ...(withReal ? [m.real ? errorText(m.real.top1) : '–'] : []), paperText];
  });
  const lines = [heading, '', table(header, rows)];
  if (summary.modes.some((m) => m.mode.model === 'ensemble')) {
    lines.push('', 'The paper\'s ensemble was 1 × Inception-v4 + 3 × Inception-ResNet-v2, separately trained; only one checkpoint of each exists, so this ensemble averages two models.');
  }
  const real = summary.modes.find((m) => m.real)?.real;
  if (real) lines.push('', `ReaL: ${real.leftOut} image(s) left out by ReaL, ${real.unknown} not named like a validation image (ILSVRC2012_val_…) and so not counted.`);
  if (summary.skipped.length > 0) {
    lines.push('', `Skipped ${summary.skipped.length} unreadable image(s):`, ...summary.skipped.map((r) => `  ${r.path}: ${skipReason(r)}`));
  }
  for (const left of dataset.leftOut) lines.push('', `Left out ${left.paths.length} image(s): ${left.reason}`, ...left.paths.slice(0, 5).map((p) => `  ${p}`), ...(left.paths.length > 5 ? [`  … and ${left.paths.length - 5} more`] : []));
  for (const warning of dataset.warnings) lines.push(`Warning: ${warning}`);
  lines.push('', 'Crops are this project\'s reading of the paper\'s protocols (see the README); intervals are Wilson 95 %.');
  return lines.join('\n');
}
