/**
 * The loaded network as an ONNX file. The weights come again from where they were loaded (memory,
 * cache or the user's file); the backend is not involved, so this runs beside classifications.
 */
import type { WeightsCache } from '../loading/cache.ts';
import { loadWeights } from '../loading/load-weights.ts';
import { exportOnnx } from '../onnx/export-onnx.ts';
import type { TensorSource } from '../weights/types.ts';
import { asFailure, InferenceFailure } from './errors.ts';
import type { OnnxFile } from './protocol.ts';
import type { Checkpointed, LoadedNetwork } from './rebuild.ts';

export async function exportLoadedOnnx(
  definition: Checkpointed,
  loaded: LoadedNetwork | undefined,
  cache: WeightsCache | undefined,
  validate: (bytes: Uint8Array<ArrayBuffer>, fileName: string) => TensorSource | Promise<TensorSource>,
): Promise<OnnxFile> {
  if (!loaded)
    throw new InferenceFailure('not-loaded', { code: 'worker.not-loaded', params: { networks: [definition.title] } });
  try {
    const tensors =
      loaded.reload.kind === 'memory'
        ? loaded.reload.tensors
        : (await loadWeights({ checkpoint: definition.checkpoint, source: loaded.reload, cache, validate })).tensors;
    const model = exportOnnx(definition, tensors);
    return {
      blob: new Blob(model.chunks as unknown as BlobPart[], { type: 'application/octet-stream' }),
      fileName: model.fileName,
    };
  } catch (error) {
    throw new InferenceFailure('weights', {
      code: 'weights.onnx-failed',
      params: { network: definition.title, cause: asFailure(error).detail },
    });
  }
}
