/**
 * Every file a command reads whole (weights, photos, `.f32` tensors, a trained network to resume, label
 * files) goes through here, so each one is read the same careful way: only a regular file is read. A
 * device would be read for ever (/dev/zero) and a named pipe would block, so both are refused at once.
 * The file is opened without blocking (a FIFO's open would wait for a writer) and checked on the open
 * handle, so nothing can swap the path between the check and the read. Failures are InputFileErrors,
 * whose reason fileErrorReason gives like any other read failure's.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { fileErrorReason, InputFileError, kindOf } from './file-errors.node.ts';

/** The bytes of the regular file at `path`; anything else, or a failed read, is an InputFileError. */
export async function readInputFile(path: string): Promise<Uint8Array> {
  let handle;
  try {
    handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    throw new InputFileError(path, fileErrorReason(error));
  }
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new InputFileError(path, 'it is a directory');
    if (!info.isFile()) throw new InputFileError(path, `it is ${kindOf(info)}`);
    return await handle.readFile();
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    throw new InputFileError(path, fileErrorReason(error));
  } finally {
    await handle.close();
  }
}

/** The text of the regular file at `path` (UTF-8); as readInputFile. */
export async function readInputText(path: string): Promise<string> {
  return new TextDecoder().decode(await readInputFile(path));
}
