/**
 * The classify page's prediction mode: how many crops each network sees (1, 12 or 144; see
 * runtime/evaluation/crops.ts) and whether the two networks are averaged (the ensemble). Remembered in
 * this browser; a URL parameter wins (`/classify?crops=12&ensemble`), like the other settings.
 */
import { CROP_COUNTS, isCropCount, type CropCount } from '../../runtime/evaluation/crops.ts';
import type { ClassifyOutcome, PredictOutcome, PredictProgress } from '../../runtime/worker/protocol.ts';
import { classify as english } from '../i18n/en/classify.ts';
import type { ClassifySaid } from '../i18n/classify.ts';

export interface ClassifyMode {
  crops: CropCount;
  ensemble: boolean;
}

export const DEFAULT_CLASSIFY_MODE: ClassifyMode = { crops: 1, ensemble: false };
export const MODE_KEY = 'inception-explorer.prediction-mode';

export function isDefaultMode(mode: ClassifyMode): boolean {
  return mode.crops === 1 && !mode.ensemble;
}

function parse(crops: string | null, ensemble: boolean): ClassifyMode | undefined {
  const count = Number(crops ?? '1');
  return isCropCount(count) ? { crops: count, ensemble } : undefined;
}

export function readClassifyMode(search: string, storage: Pick<Storage, 'getItem'> | undefined): ClassifyMode {
  const params = new URLSearchParams(search);
  if (params.has('crops') || params.has('ensemble')) {
    const fromUrl = parse(params.get('crops'), params.has('ensemble') && params.get('ensemble') !== '0');
    if (fromUrl) return fromUrl;
  }
  try {
    const stored = JSON.parse(storage?.getItem(MODE_KEY) ?? 'null') as { crops?: unknown; ensemble?: unknown } | null;
    if (stored && isCropCount(stored.crops)) return { crops: stored.crops, ensemble: stored.ensemble === true };
  } catch {
    // A damaged or inaccessible setting: the default mode.
  }
  return DEFAULT_CLASSIFY_MODE;
}

/** What is wrong with the URL's `crops=` (the mode then ignores it), said with the settings' problems. */
export function modeProblems(search: string): ClassifySaid[] {
  const crops = new URLSearchParams(search).get('crops');
  if (crops === null || isCropCount(Number(crops))) return [];
  return [{ code: 'settings.notOneOf', params: [{ word: 'settings.urlCrops' }, crops, CROP_COUNTS.join(', ')] }];
}

export function storeClassifyMode(storage: Pick<Storage, 'setItem'> | undefined, mode: ClassifyMode): void {
  try {
    storage?.setItem(MODE_KEY, JSON.stringify(mode));
  } catch {
    // Storage may be disabled: the mode then lasts for this page only.
  }
}

/** "12 crops, ensemble of both networks" */
export function modeText(mode: ClassifyMode): string {
  return english.mode.text(mode.crops, mode.ensemble);
}

/** Forward passes of a prediction and the estimated time left from its pace so far. */
export interface PassProgress extends PredictProgress {
  etaMs?: number;
}

export function withEta(progress: PredictProgress, startedAt: number, now: number): PassProgress {
  if (progress.done === 0 || now <= startedAt) return progress;
  return { ...progress, etaMs: ((now - startedAt) / progress.done) * (progress.total - progress.done) };
}

/** The time of one forward pass in the latest photo classified (newest first in `photos`), if any. */
export function lastPassMs(
  photos: readonly { outcome?: ClassifyOutcome; prediction?: PredictOutcome }[],
): number | undefined {
  for (const photo of photos) {
    const run = photo.prediction?.networks[0];
    if (run && run.passes > 0) return run.timings.inferenceMs / run.passes;
    const result = photo.outcome?.results[0];
    if (result) return result.timings.inferenceMs;
  }
  return undefined;
}
