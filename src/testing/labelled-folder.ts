/** Labelled image folders for the evaluation specs and benchmark, laid out like ImageNet's validation set. */
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export const PREPROCESS_FIXTURES = 'fixtures/preprocess';

/** An image to put in the folder: a fixture file copied under `path` (relative to the folder). */
export interface FolderImage {
  path: string;
  fixture: string;
}

/**
 * Makes `<parent>/<unique>/<name>/…` with the images (and extra text files); returns the folder's path.
 * `parent` is the caller's own scratch folder, which it removes when done.
 */
export function labelledFolder(
  parent: string,
  name: string,
  images: readonly FolderImage[],
  extra: Record<string, string> = {},
): string {
  const root = join(mkdtempSync(join(parent, 'set-')), name);
  for (const image of images) {
    const target = join(root, image.path);
    mkdirSync(join(target, '..'), { recursive: true });
    copyFileSync(join(PREPROCESS_FIXTURES, image.fixture), target);
  }
  for (const [path, text] of Object.entries(extra)) {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

/** ILSVRC2012_val_0000000n with an extension. */
export const valName = (n: number, extension = 'JPEG') => `ILSVRC2012_val_${String(n).padStart(8, '0')}.${extension}`;
