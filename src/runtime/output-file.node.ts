/**
 * Every file a command writes goes through here, so each one is written the same careful way:
 * - the target is checked before any work: absent, or an existing regular file. A symlink, a device
 *   (/dev/full), a FIFO or a directory is refused, never replaced by a regular file;
 * - bytes go to a temporary file beside the target, renamed over it only when complete, so a failure
 *   (disk full, permission denied, an exception in the producer) leaves neither a partial target nor the
 *   temporary file;
 * - failures are OutputFileErrors: one line naming the file and why, in the words of file-errors.node.ts.
 */
import { lstat, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileErrorReason, kindOf } from './file-errors.node.ts';

export class OutputFileError extends Error {}

/**
 * Throws unless `path` can be written as a new or replaced regular file: its folder exists, and the path
 * is absent or a regular file. `label` names it in messages ("--out").
 */
export async function checkOutputPath(path: string, label = 'output'): Promise<void> {
  const folder = dirname(resolve(path));
  const folderInfo = await stat(folder).catch(() => undefined);
  if (!folderInfo?.isDirectory()) throw new OutputFileError(`${label} ${path}: the folder ${folder} does not exist`);
  const info = await lstat(path).catch(() => undefined);
  if (info && !info.isFile()) throw new OutputFileError(`${label} ${path}: it is ${kindOf(info)}`);
}

/**
 * Writes `path` through `write`, which gets an open handle on a temporary file in the same folder.
 * Returns what `write` returns. On any failure the temporary file is removed and the target untouched.
 */
export async function writeOutputFile<T>(
  path: string,
  write: (handle: FileHandle) => Promise<T>,
  label = 'output',
): Promise<T> {
  await checkOutputPath(path, label);
  const partial = join(dirname(resolve(path)), `.${basename(path)}.${process.pid}.partial`);
  let handle: FileHandle | undefined;
  try {
    handle = await open(partial, 'wx');
    const result = await write(handle);
    await handle.close();
    handle = undefined;
    await rename(partial, path);
    return result;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(partial, { force: true }).catch(() => undefined);
    if (error instanceof OutputFileError) throw error;
    throw new OutputFileError(`${label} ${path}: cannot write it (${fileErrorReason(error)})`, { cause: error });
  }
}

/** Writes all of `chunk` (a handle's write may write less than asked). */
export async function writeAll(handle: FileHandle, chunk: Uint8Array): Promise<void> {
  let done = 0;
  while (done < chunk.length) done += (await handle.write(chunk, done, chunk.length - done)).bytesWritten;
}

/** Writes a file of these bytes (see `writeOutputFile`). */
export function writeOutputBytes(path: string, bytes: Uint8Array, label?: string): Promise<void> {
  return writeOutputFile(path, (handle) => writeAll(handle, bytes), label);
}
