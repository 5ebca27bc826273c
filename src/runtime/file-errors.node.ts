import type { Stats } from 'node:fs';

/**
 * Why a file could not be read, in words, from Node's error code: written once for the weights reader,
 * the image decoder and the CLI, so the same failure reads the same everywhere. Errors without a known
 * code keep Node's own message.
 */
const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EISDIR: 'it is a directory',
  ENOTDIR: 'a folder on its path is a file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EMFILE: 'too many open files',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'the disk quota is exhausted',
  EROFS: 'the file system is read-only',
  EFBIG: 'the file is too large for the file system',
  EIO: 'an input/output error',
};

/** A file that could not be read as an input (input-file.node.ts): `reason` is in words already. */
export class InputFileError extends Error {
  constructor(
    readonly path: string,
    readonly reason: string,
  ) {
    super(`${path}: ${reason}`);
  }
}

export function fileErrorReason(error: unknown): string {
  if (error instanceof InputFileError) return error.reason;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return (code !== undefined && REASONS[code]) || (error instanceof Error ? error.message : String(error));
}

/** What an existing path that is not a regular file is, for a refusal's message. */
export function kindOf(info: Stats): string {
  if (info.isSymbolicLink()) return 'a symbolic link (give the path it points to, or a new file name)';
  if (info.isDirectory()) return 'a directory (give a file name inside it)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device, not a regular file';
  if (info.isFIFO()) return 'a named pipe, not a regular file';
  if (info.isSocket()) return 'a socket, not a regular file';
  return 'not a regular file';
}
