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

export function fileErrorReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return (code !== undefined && REASONS[code]) || (error instanceof Error ? error.message : String(error));
}
