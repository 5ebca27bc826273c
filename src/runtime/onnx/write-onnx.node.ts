/** Writes an exported ONNX model to disk chunk by chunk (no second copy of the weights in memory). */
import { writeAll, writeOutputFile } from '../output-file.node.ts';
import type { Encoded } from './protobuf.ts';

/** Writes to `path` through a temporary file (see output-file.node.ts): a failure leaves nothing behind. */
export async function writeOnnxFile(model: Encoded, path: string, label?: string): Promise<void> {
  await writeOutputFile(
    path,
    async (handle) => {
      for (const chunk of model.chunks) await writeAll(handle, chunk);
    },
    label,
  );
}
