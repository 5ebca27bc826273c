/**
 * A dropped labelled folder as training data in the browser: each image decoded by the browser (the
 * classify page's decoder, in the worker or the page) and brought to the small input by
 * `readLabelledFolder`. The photos never leave the page.
 */
import { decodeImage } from '../../preprocess/decode.browser.ts';
import { readLabelledFolder, type LabelledFolder, type LabelledFolderOptions } from './labelled-folder.ts';

/** A dropped file with its path inside the dropped folder ("photos/n01440764/a.jpg"). */
export interface DroppedFile {
  path: string;
  file: Blob;
}

export function readDroppedFolder(
  files: readonly DroppedFile[],
  options: Omit<LabelledFolderOptions, 'decode'>,
): Promise<LabelledFolder> {
  return readLabelledFolder(
    files.map(({ path, file }) => ({ path, read: async () => new Uint8Array(await file.arrayBuffer()) })),
    { ...options, decode: async (bytes, path) => (await decodeImage(bytes, path)).image },
  );
}
