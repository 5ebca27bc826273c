/**
 * Sorts files the user dropped, picked or pasted into photos, weights files, and rejections with a
 * message naming the file and the problem. Decoding is the worker's job; this only catches what is
 * plain from the name, type and size, before any byte is read.
 */
import { formatBytes } from '../../runtime/loading/download.ts';

/** Larger photo files are refused before decoding: a phone photo is < 20 MB; a 100 MB "photo" would
 *  decode to gigabytes of pixels. */
export const MAX_PHOTO_BYTES = 50_000_000;
const IMAGE_EXTENSIONS = /\.(jpe?g|png|gif|webp|bmp|avif|ico|svg)$/i;

export interface SortedInputs {
  photos: File[];
  weights: File[];
  rejected: { name: string; message: string }[];
}

export function sortInputs(files: readonly File[]): SortedInputs {
  const sorted: SortedInputs = { photos: [], weights: [], rejected: [] };
  for (const file of files) {
    const name = file.name || 'pasted image';
    if (/\.safetensors$/i.test(name)) {
      sorted.weights.push(file);
    } else if (!file.type.startsWith('image/') && !IMAGE_EXTENSIONS.test(name)) {
      const what = file.type ? ` (${file.type})` : '';
      sorted.rejected.push({ name, message: `${name} is not an image${what}: drop a photo (JPEG, PNG, WebP…) or a .safetensors weights file` });
    } else if (file.size === 0) {
      sorted.rejected.push({ name, message: `${name} is empty (0 bytes)` });
    } else if (file.size > MAX_PHOTO_BYTES) {
      sorted.rejected.push({ name, message: `${name} is ${formatBytes(file.size)}; photos up to ${formatBytes(MAX_PHOTO_BYTES)} are accepted` });
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
  return [...data.items].filter((i) => i.kind === 'file').map((i) => i.getAsFile()).filter((f): f is File => f !== null);
}
