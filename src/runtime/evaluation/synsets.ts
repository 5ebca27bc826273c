/**
 * The 1000 WordNet IDs of ImageNet-1k in the checkpoints' class order (index 0 = n01440764, tench), the
 * names of the class folders of ImageNet's validation set and of LOC_val_solution.csv's labels.
 * `imagenet-synsets.json` is the project's reference `imagenet_synsets.txt` (one ID a line) as a JSON
 * array, so the browser bundle and the CLI import the same module.
 */
import SYNSETS from './imagenet-synsets.json' with { type: 'json' };

export const IMAGENET_SYNSETS: readonly string[] = Object.freeze([...SYNSETS]);

const INDEX = new Map(IMAGENET_SYNSETS.map((id, i) => [id, i]));

/** What a WordNet ID looks like: "n" and eight digits. */
export const WNID_PATTERN = /^n\d{8}$/;

/** The class index of a WordNet ID, or undefined when it is not one of the 1000 classes. */
export function classOfWnid(wnid: string): number | undefined {
  return INDEX.get(wnid);
}

export function wnidOfClass(index: number): string {
  const wnid = IMAGENET_SYNSETS[index];
  if (wnid === undefined) throw new RangeError(`ImageNet class index must be an integer in 0..999, got ${index}`);
  return wnid;
}
