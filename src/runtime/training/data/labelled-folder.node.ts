/**
 * A labelled folder on disk as training data (the CLI's `--data folder:DIR`): the folder is walked, each
 * image decoded with sharp as `evaluate` and `classify` decode them, and brought to the small input by
 * `readLabelledFolder`.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileErrorReason } from '../../file-errors.node.ts';
import { listFilesFollowingLinks } from '../../list-files.node.ts';
import { decodeImageBytes } from '../../preprocess/decode.node.ts';
import { DataError } from './labelled-images.ts';
import {
  readLabelledFolder,
  type FolderFile,
  type LabelledFolder,
  type LabelledFolderOptions,
} from './labelled-folder.ts';

export type FolderOptions = Omit<LabelledFolderOptions, 'decode' | 'name'> & { name?: string };

/** Reads the labelled images under `dir`; throws a DataError naming the folder and what to do. */
export async function readLabelledFolderAt(dir: string, options: FolderOptions): Promise<LabelledFolder> {
  const info = await stat(dir).catch((error: unknown) => {
    throw new DataError(
      `${dir}: ${fileErrorReason(error)}; give a folder of images, one subfolder per class named ` +
        'by WordNet ID (n01440764/…), or images with LOC_val_solution.csv',
    );
  });
  if (!info.isDirectory()) {
    throw new DataError(`${dir} is a file, not a folder; give the folder of labelled images`);
  }
  const files: FolderFile[] = (await listFilesFollowingLinks(dir)).map((path) => ({
    path,
    read: () => readFile(join(dir, path)),
  }));
  return readLabelledFolder(files, { ...options, name: options.name ?? basename(dir), decode: decodeImageBytes });
}
