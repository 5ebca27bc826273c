/** Writes an exported ONNX model to disk chunk by chunk (no second copy of the weights in memory). */
import { closeSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import type { Encoded } from './protobuf.ts';

/** Writes to `path` through a temporary file, so a failed write leaves no partial model behind. */
export function writeOnnxFile(model: Encoded, path: string): void {
  const partial = `${path}.${process.pid}.partial`;
  const fd = openSync(partial, 'w');
  try {
    for (const chunk of model.chunks) {
      for (let offset = 0; offset < chunk.byteLength;) offset += writeSync(fd, chunk, offset);
    }
    closeSync(fd);
    renameSync(partial, path);
  } catch (error) {
    closeSync(fd);
    rmSync(partial, { force: true });
    throw error;
  }
}
