/**
 * CIFAR-10 from a path in Node (the CLI's `--data cifar10:PATH`): cifar-10-binary.tar.gz, or the extracted
 * cifar-10-batches-bin/ folder (or the folder holding it). Files are opened as Blobs (`fs.openAsBlob`) and
 * go through the same readers as the browser's dropped files.
 */
import { openAsBlob } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { fileErrorReason } from '../../file-errors.node.ts';
import { readCifar10Archive, readCifar10Files, type DataFile, type ReadCifar10Options } from './cifar10-archive.ts';
import {
  Cifar10Collector,
  CIFAR10_ARCHIVE_NAME,
  CIFAR10_FOLDER_NAME,
  otherCifarVersion,
  type Cifar10Data,
} from './cifar10-format.ts';
import { DataError } from './labelled-images.ts';

/** Reads CIFAR-10 (binary version) at `path`; throws a DataError that names the path and says what to give. */
export async function readCifar10(path: string, options: ReadCifar10Options = {}): Promise<Cifar10Data> {
  const info = await stat(path).catch((error: unknown) => {
    throw new DataError(
      `${path}: ${fileErrorReason(error)}; give ${CIFAR10_ARCHIVE_NAME} or its extracted ` +
        `${CIFAR10_FOLDER_NAME}/ folder`,
    );
  });
  if (!info.isDirectory()) {
    // One batch file alone: the message names the batches missing beside it.
    if (Cifar10Collector.wants(path)) return readCifar10Files([{ path, blob: await openAsBlob(path) }], path, options);
    return readCifar10Archive(await openAsBlob(path), path, options);
  }

  let dir = path;
  let entries = await readdir(dir, { withFileTypes: true });
  // The folder the archive was extracted in, holding cifar-10-batches-bin/ and maybe other things.
  const holdsFolder = entries.some((e) => e.name === CIFAR10_FOLDER_NAME && e.isDirectory());
  if (holdsFolder && !entries.some((e) => e.name.endsWith('.bin'))) {
    dir = join(path, CIFAR10_FOLDER_NAME);
    entries = await readdir(dir, { withFileTypes: true });
  }
  // A folder of another version (cifar-10-batches-py/ beside the files) is named as such.
  const other = otherCifarVersion(
    entries.map((e) => join(dir, e.name)),
    dir,
  );
  if (other) throw new DataError(other);
  const files: DataFile[] = [];
  for (const entry of entries.filter((e) => e.isFile()).sort((a, b) => a.name.localeCompare(b.name))) {
    files.push({ path: join(dir, entry.name), blob: await openAsBlob(join(dir, entry.name)) });
  }
  return readCifar10Files(files, dir, options);
}
