/**
 * `LOC_val_solution.csv`, the labels of ImageNet's validation set as Kaggle's localization challenge ships
 * them: a header `ImageId,PredictionString`, then one line per image, e.g.
 *   ILSVRC2012_val_00008726,n02119789 255 142 454 329 n02119789 44 21 322 295
 * The class is the first WordNet ID of the prediction string (every box of an image has the same class).
 * Read with a few lines of code rather than a CSV library: the file has exactly two columns and never
 * quotes, and every line that does not fit is reported by number.
 */
import { WNID_PATTERN } from './synsets.ts';
import { englishFailure, type FailureDetail } from '../failure-words.ts';

export const LOC_VAL_SOLUTION = 'LOC_val_solution.csv';

export class LocCsvError extends Error {
  override readonly name = 'LocCsvError';
  constructor(readonly detail: FailureDetail) {
    super(englishFailure(detail));
  }
}

export interface LocLabels {
  /** WordNet ID by image id (the file name without its extension). */
  byImage: Map<string, string>;
  /** Lines that could not be read, with why. */
  badLines: { line: number; problem: FailureDetail }[];
}

export function parseLocValSolution(text: string, source = LOC_VAL_SOLUTION): LocLabels {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]?.trim() ?? '';
  if (header.replace(/\s/g, '') !== 'ImageId,PredictionString') {
    throw new LocCsvError({ code: 'dataset.csv-header', params: { source, header: header.slice(0, 80) } });
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
      badLines.push({ line: i + 1, problem: { code: 'dataset.csv-bad-line', params: { text: line.slice(0, 80) } } });
    } else if (byImage.has(id) && byImage.get(id) !== wnid) {
      badLines.push({
        line: i + 1,
        problem: { code: 'dataset.csv-relisted', params: { id, wnid, first: byImage.get(id)! } },
      });
    } else {
      byImage.set(id, wnid);
    }
  }
  if (byImage.size === 0)
    throw new LocCsvError({
      code: 'dataset.csv-empty',
      params: { source, ...(badLines[0] ? { line: badLines[0].line, problem: badLines[0].problem } : {}) },
    });
  return { byImage, badLines };
}
