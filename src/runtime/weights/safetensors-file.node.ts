/** Node-only: reading a safetensors file from disk and streaming one to disk. */
import { createHash } from 'node:crypto';
import { WeightsFileError } from './errors.ts';
import { parseSafetensors, type SafetensorsFile, type SafetensorsLimits } from './safetensors.ts';
import { PYTORCH_METADATA, streamSafetensors, type Metadata, type TensorSpec } from './safetensors-writer.ts';
import { fileErrorReason } from '../file-errors.node.ts';
import { readInputFile } from '../input-file.node.ts';
import { writeAll, writeOutputFile } from '../output-file.node.ts';

/** Reads and validates a whole file; float32 tensors are views of the one buffer read. */
export async function readSafetensorsFile(path: string, limits?: SafetensorsLimits): Promise<SafetensorsFile> {
  return parseSafetensors(await readWeightsBytes(path), path, limits);
}

/** A weights file's bytes; a file that cannot be read is a WeightsFileError naming it and why. */
export async function readWeightsBytes(path: string): Promise<Uint8Array> {
  try {
    return await readInputFile(path);
  } catch (error) {
    throw new WeightsFileError(
      path,
      { code: 'weights.cannot-read', params: { file: path, detail: fileErrorReason(error) } },
      undefined,
      'unreadable',
    );
  }
}

export interface WrittenFile {
  bytes: number;
  sha256: string;
}

/**
 * Streams a file to `path` holding one tensor at a time, through a temporary file renamed at the end (see
 * output-file.node.ts), so a failure never leaves a partial file. Returns its size and sha256.
 */
export async function writeSafetensorsFile(
  path: string,
  specs: readonly TensorSpec[],
  produce: (spec: TensorSpec, index: number) => Float32Array | Promise<Float32Array>,
  metadata: Metadata = PYTORCH_METADATA,
  label?: string,
): Promise<WrittenFile> {
  const hash = createHash('sha256');
  const bytes = await writeOutputFile(
    path,
    (handle) =>
      streamSafetensors(
        specs,
        produce,
        async (chunk) => {
          hash.update(chunk);
          await writeAll(handle, chunk);
        },
        metadata,
      ),
    label,
  );
  return { bytes, sha256: hash.digest('hex') };
}
