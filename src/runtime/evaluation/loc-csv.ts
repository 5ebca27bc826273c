/**
 * `LOC_val_solution.csv`, the labels of ImageNet's validation set as Kaggle's localization challenge ships
 * them: a header `ImageId,PredictionString`, then one line per image, e.g.
 *   ILSVRC2012_val_00008726,n02119789 255 142 454 329 n02119789 44 21 322 295
 * The class is the first WordNet ID of the prediction string (every box of an image has the same class).
 * Read with a few lines of code rather than a CSV library: the file has exactly two columns and never
 * quotes, and every line that does not fit is reported by number.
 */
import { WNID_PATTERN } from './synsets.ts';

export const LOC_VAL_SOLUTION = 'LOC_val_solution.csv';

export class LocCsvError extends Error {
  override readonly name = 'LocCsvError';
}

export interface LocLabels {
  /** WordNet ID by image id (the file name without its extension). */
  byImage: Map<string, string>;
  /** Lines that could not be read, with why. */
  badLines: { line: number; message: string }[];
}

export function parseLocValSolution(text: string, source = LOC_VAL_SOLUTION): LocLabels {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]?.trim() ?? '';
  if (header.replace(/\s/g, '') !== 'ImageId,PredictionString') {
    throw new LocCsvError(
      `${source}: the first line must be "ImageId,PredictionString" (the layout of Kaggle's ImageNet LOC_val_solution.csv), got "${header.slice(0, 80)}"`,
    );
  }
  const byImage = new Map<string, string>();
  const badLines: LocLabels['badLines'] = [];
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i].trim();
    if (line === '') continue;
    const comma = line.indexOf(',');
    const id = comma > 0 ? line.slice(0, comma).trim() : '';
    const wnid =
      comma > 0
        ? line
            .slice(comma + 1)
            .trim()
            .split(/\s+/)[0]
        : '';
    if (!id || !WNID_PATTERN.test(wnid)) {
      badLines.push({ line: i + 1, message: `expected "ImageId,WordNetID x y x y …", got "${line.slice(0, 80)}"` });
    } else if (byImage.has(id) && byImage.get(id) !== wnid) {
      badLines.push({
        line: i + 1,
        message: `${id} is listed again with another class (${wnid}, first ${byImage.get(id)})`,
      });
    } else {
      byImage.set(id, wnid);
    }
  }
  if (byImage.size === 0)
    throw new LocCsvError(
      `${source}: no labelled image in the file${badLines.length ? ` (line ${badLines[0].line}: ${badLines[0].message})` : ''}`,
    );
  return { byImage, badLines };
}
