/**
 * What an evaluation keeps per image (an `ImageRecord`: small, so 50,000 of them fit in IndexedDB and a
 * CSV), and what is computed from the records: error rates with 95 % intervals per prediction mode, the
 * ReaL top-1 error, and the worst classes with what they are confused with.
 *
 * One run yields several modes at once: each network's, the ensemble's when both run, and for 12 crops
 * also 1 crop (the first of the 12 crops is today's centre crop).
 */
import type { FailureDetail } from '../failure-words.ts';
import { errorRate, isTopKCorrect, type ErrorRate } from './metrics.ts';
import { CLASSIFIABLE_NETWORKS } from '../../model/networks/index.ts';
import { modeKey, modeNetworks, type ModelChoice, type PredictionMode } from './mode.ts';
import type { CropCount } from './crops.ts';
import { realLabelsOf, type RealLabels } from './real-labels.ts';

/** One mode's answer for an image: the five most probable classes, most probable first, and the first's probability. */
export interface ModePrediction {
  top5: number[];
  p1: number;
}

export interface ImageRecord {
  /** Position in the dataset's order. */
  index: number;
  path: string;
  /** The true class (ImageNet-1k index). */
  label: number;
  /** By mode key ("inception-v4/12", "ensemble/1"): absent when the image was skipped. */
  predictions?: Record<string, ModePrediction>;
  /** Why the image was skipped (unreadable or damaged file); the run goes on without it. English, as exported. */
  error?: string;
  /** The same as data, for the page to say in the reader's language (absent in runs stored before it was kept). */
  failure?: FailureDetail;
  /** Milliseconds from handing the image over to having its predictions. */
  ms?: number;
}

/**
 * Why an image was skipped, without the file name the decoder's message starts with (the path is shown
 * beside it): "ILSVRC2012_val_00000002.JPEG: the JPEG data is truncated…" → "the JPEG data is truncated…".
 */
export function skipReason(record: Pick<ImageRecord, 'path' | 'error'>): string {
  const message = record.error ?? '';
  // A colon and a space, or the full-width colon of a Chinese wording.
  const colon = /: |：/.exec(message);
  const head = message.slice(0, colon?.index ?? 0);
  const name = record.path.slice(record.path.lastIndexOf('/') + 1);
  return colon && colon.index > 0 && (head === record.path || head === name || head.endsWith(`/${record.path}`))
    ? message.slice(colon.index + colon[0].length)
    : message;
}

/** The modes a run in `mode` yields, in display order. */
export function yieldedModes(mode: PredictionMode): PredictionMode[] {
  const crops: CropCount[] = mode.crops === 12 ? [1, 12] : [mode.crops];
  const models: ModelChoice[] = [
    ...modeNetworks(mode.model),
    ...(mode.model === 'ensemble' ? ['ensemble' as const] : []),
  ];
  return models.flatMap((model) => crops.map((c) => ({ model, crops: c })));
}

const MODEL_ORDER: readonly ModelChoice[] = [...CLASSIFIABLE_NETWORKS, 'ensemble'];

export function parseModeKey(key: string): PredictionMode | undefined {
  const [model, crops] = key.split('/');
  const mode = { model, crops: Number(crops) } as PredictionMode;
  return MODEL_ORDER.includes(mode.model) && [1, 12, 144].includes(mode.crops) ? mode : undefined;
}

export interface ModeSummary {
  key: string;
  mode: PredictionMode;
  top1: ErrorRate;
  top5: ErrorRate;
  /** With ReaL labels: top-1 counted correct when it is any of the image's ReaL labels. */
  real?: {
    top1: ErrorRate;
    /** Images ReaL leaves out (an empty list). */
    leftOut: number;
    /** Images whose name is not a validation image's (ILSVRC2012_val_…), so ReaL has nothing for them. */
    unknown: number;
  };
}

export interface Summary {
  /** Images with predictions. */
  evaluated: number;
  /** Images skipped (unreadable), with why. */
  skipped: ImageRecord[];
  modes: ModeSummary[];
}

export function summarize(records: Iterable<ImageRecord>, real?: RealLabels): Summary {
  const tallies = new Map<
    string,
    { top1: number; top5: number; n: number; real1: number; realN: number; realLeftOut: number; realUnknown: number }
  >();
  const skipped: ImageRecord[] = [];
  let evaluated = 0;
  for (const record of records) {
    if (!record.predictions) {
      skipped.push(record);
      continue;
    }
    evaluated++;
    const accepted = real ? realLabelsOf(real, record.path) : undefined;
    for (const [key, prediction] of Object.entries(record.predictions)) {
      let t = tallies.get(key);
      if (!t) tallies.set(key, (t = { top1: 0, top5: 0, n: 0, real1: 0, realN: 0, realLeftOut: 0, realUnknown: 0 }));
      t.n++;
      if (!isTopKCorrect(prediction.top5, record.label, 1)) t.top1++;
      if (!isTopKCorrect(prediction.top5, record.label, 5)) t.top5++;
      if (accepted === undefined) t.realUnknown++;
      else if (accepted.length === 0) t.realLeftOut++;
      else {
        t.realN++;
        if (!isTopKCorrect(prediction.top5, accepted, 1)) t.real1++;
      }
    }
  }
  const modes: ModeSummary[] = [];
  for (const [key, t] of tallies) {
    const mode = parseModeKey(key);
    if (!mode) continue;
    modes.push({
      key,
      mode,
      top1: errorRate(t.top1, t.n),
      top5: errorRate(t.top5, t.n),
      ...(real ? { real: { top1: errorRate(t.real1, t.realN), leftOut: t.realLeftOut, unknown: t.realUnknown } } : {}),
    });
  }
  modes.sort(
    (a, b) => MODEL_ORDER.indexOf(a.mode.model) - MODEL_ORDER.indexOf(b.mode.model) || a.mode.crops - b.mode.crops,
  );
  skipped.sort((a, b) => a.index - b.index);
  return { evaluated, skipped, modes };
}

export interface ClassConfusion {
  label: number;
  images: number;
  /** Top-1 errors among them. */
  errors: number;
  rate: number;
  /** What the class was taken for, most often first. */
  confusions: { predicted: number; count: number }[];
  /** Misclassified images (up to `examples` of them). */
  examples: { index: number; path: string; predicted: number }[];
}

/** The classes with the highest top-1 error in one mode (ties: more errors first), with their confusions. */
export function worstClasses(records: Iterable<ImageRecord>, key: string, limit = 8, examples = 4): ClassConfusion[] {
  const byClass = new Map<number, ClassConfusion>();
  for (const record of records) {
    const prediction = record.predictions?.[key];
    if (!prediction) continue;
    let c = byClass.get(record.label);
    if (!c)
      byClass.set(
        record.label,
        (c = { label: record.label, images: 0, errors: 0, rate: 0, confusions: [], examples: [] }),
      );
    c.images++;
    const predicted = prediction.top5[0];
    if (predicted === record.label) continue;
    c.errors++;
    const confusion = c.confusions.find((x) => x.predicted === predicted);
    if (confusion) confusion.count++;
    else c.confusions.push({ predicted, count: 1 });
    if (c.examples.length < examples) c.examples.push({ index: record.index, path: record.path, predicted });
  }
  const classes = [...byClass.values()].filter((c) => c.errors > 0);
  for (const c of classes) {
    c.rate = c.errors / c.images;
    c.confusions.sort((a, b) => b.count - a.count || a.predicted - b.predicted);
  }
  return classes.sort((a, b) => b.rate - a.rate || b.errors - a.errors || a.label - b.label).slice(0, limit);
}

export { modeKey };
