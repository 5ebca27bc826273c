/**
 * Sorts files the user dropped, picked or pasted into photos, weights files, and rejections with a
 * message naming the file and the problem. Decoding is the worker's job; this only catches what is
 * plain from the name, type and size, before any byte is read.
 */
import { formatBytes } from '../../runtime/loading/download.ts';
import { classify as english, type ClassifyMessages } from '../i18n/en/classify.ts';
import type { Wording } from '../i18n/said.ts';

/** Larger photo files are refused before decoding: a phone photo is < 20 MB; a 100 MB "photo" would
 *  decode to gigabytes of pixels. */
export const MAX_PHOTO_BYTES = 50_000_000;
const IMAGE_EXTENSIONS = /\.(jpe?g|png|gif|webp|bmp|avif|ico|svg)$/i;

export interface SortedInputs {
  photos: File[];
  weights: File[];
  /** Each with what to say (worded when shown). */
  rejected: { name: string; message: Wording<ClassifyMessages> }[];
}

export function sortInputs(files: readonly File[], m: ClassifyMessages = english): SortedInputs {
  const t = m.inputs;
  const sorted: SortedInputs = { photos: [], weights: [], rejected: [] };
  for (const file of files) {
    const name = file.name || t.pasted;
    if (/\.safetensors$/i.test(name)) {
      sorted.weights.push(file);
    } else if (!file.type.startsWith('image/') && !IMAGE_EXTENSIONS.test(name)) {
      sorted.rejected.push({ name, message: { code: 'inputs.notImage', params: [name, file.type] } });
    } else if (file.size === 0) {
      sorted.rejected.push({ name, message: { code: 'inputs.empty', params: [name] } });
    } else if (file.size > MAX_PHOTO_BYTES) {
      sorted.rejected.push({
        name,
        message: { code: 'inputs.tooLarge', params: [name, formatBytes(file.size), formatBytes(MAX_PHOTO_BYTES)] },
      });
    } else {
      sorted.photos.push(file);
    }
  }
  return sorted;
}

/** Files of a drag-and-drop or paste (DataTransfer), in order. */
export function filesOf(data: DataTransfer | null): File[] {
  if (!data) return [];
  if (data.files.length > 0) return [...data.files];
  return [...data.items]
    .filter((i) => i.kind === 'file')
    .map((i) => i.getAsFile())
    .filter((f): f is File => f !== null);
}
