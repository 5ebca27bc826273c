/**
 * The "ReaL" reassessed labels of ImageNet's validation set (Beyer et al. 2020, "Are we done with
 * ImageNet?"): for each of the 50,000 validation images, in file-name order (ILSVRC2012_val_00000001 …),
 * the list of classes human raters found acceptable; an empty list means the image is left out (no
 * acceptable ImageNet-1k class, or raters disagreed). A top-1 prediction counts as correct when it is any
 * of them. The paper's closing section blames label noise for a floor on measured error: ReaL shows how
 * much of the error is the labels'.
 */

export const REAL_IMAGE_COUNT = 50_000;

export type RealLabels = readonly (readonly number[])[];

/** The table is not the ReaL labels file; the message names the source and the problem. */
export class RealLabelsError extends Error {
  override readonly name = 'RealLabelsError';
}

/** Checks and returns the parsed JSON of `real.json` (a list of 50,000 lists of class indices 0–999). */
export function parseRealLabels(json: unknown, source = 'the ReaL labels'): RealLabels {
  if (!Array.isArray(json))
    throw new RealLabelsError(
      `${source}: expected a JSON list of ${REAL_IMAGE_COUNT} lists of class indices (real.json of google-research/reassessed-imagenet), got ${json === null ? 'null' : typeof json}`,
    );
  if (json.length !== REAL_IMAGE_COUNT)
    throw new RealLabelsError(
      `${source}: expected ${REAL_IMAGE_COUNT} entries (one per ILSVRC-2012 validation image), got ${json.length}`,
    );
  for (let i = 0; i < json.length; i++) {
    const entry: unknown = json[i];
    if (!Array.isArray(entry) || entry.some((c) => !Number.isInteger(c) || c < 0 || c > 999)) {
      throw new RealLabelsError(
        `${source}: entry ${i + 1} (ILSVRC2012_val_${String(i + 1).padStart(8, '0')}) must be a list of class indices 0–999, got ${JSON.stringify(entry)}`,
      );
    }
  }
  return json as RealLabels;
}

/** The validation image's number (1-based) from its file name, e.g. "ILSVRC2012_val_00000293.JPEG" → 293. */
export function validationImageNumber(path: string): number | undefined {
  const match = /ILSVRC2012_val_(\d{8})(?:\.[A-Za-z]+)?$/.exec(path);
  if (!match) return undefined;
  const n = Number(match[1]);
  return n >= 1 && n <= REAL_IMAGE_COUNT ? n : undefined;
}

/**
 * The ReaL labels of an image by its path: undefined when the name is not a validation image's, an empty
 * list when ReaL leaves the image out.
 */
export function realLabelsOf(labels: RealLabels, path: string): readonly number[] | undefined {
  const n = validationImageNumber(path);
  return n === undefined ? undefined : labels[n - 1];
}
