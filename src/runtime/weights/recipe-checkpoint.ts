/**
 * The deterministic weights of fixtures/timm/recipe.md for a released network, in timm's names and
 * PyTorch layouts, as the runtime consumes real checkpoints: a lazy `TensorSource` (each tensor generated
 * when asked for, never kept) and a safetensors file in state_dict order. The tensor list comes from the
 * definition (`checkpointTensors`), so there is no per-model table.
 */
import type { NetworkAnalysis } from '../../model/analysis/analyze.ts';
import { checkpointTensors, type CheckpointTensor } from '../../model/analysis/checkpoint.ts';
import { recipeTensor } from './recipe.ts';
import { PYTORCH_METADATA, serializeSafetensors, streamSafetensors } from './safetensors-writer.ts';
import { STAND_IN_METADATA } from './stand-in.ts';
import type { TensorSource } from './types.ts';

/** The checkpoint's tensors in state_dict order; throws for a definition without a checkpoint layout. */
export function recipeTensorList(analysis: NetworkAnalysis): CheckpointTensor[] {
  const { tensors, unkeyed } = checkpointTensors(analysis);
  if (unkeyed.length > 0) {
    const { title, variant } = analysis.network;
    throw new Error(
      `${title} (${variant}) has no checkpoint layout: layer ${unkeyed[0].address} has no checkpoint key`,
    );
  }
  return tensors;
}

/**
 * Recipe weights generated on demand: `get` computes the tensor each time (about 15 ns per value). They
 * are stand-in weights, and say so as make-weights' file does.
 */
export function recipeCheckpoint(analysis: NetworkAnalysis): Required<TensorSource> {
  const tensors = recipeTensorList(analysis);
  const byName = new Map(tensors.map((t) => [t.name, t]));
  return {
    metadata: STAND_IN_METADATA,
    names: () => tensors.map((t) => t.name),
    shapeOf: (name) => byName.get(name)?.shape,
    get(name) {
      const t = byName.get(name);
      return t && { shape: t.shape, data: recipeTensor(t.name, t.shape, t.kind) };
    },
  };
}

function specsOf(tensors: readonly CheckpointTensor[]) {
  return tensors.map((t) => ({ name: t.name, shape: t.shape }));
}

/** The whole recipe checkpoint as safetensors bytes (F32, state_dict order, `{"format":"pt"}`). */
export function recipeSafetensors(analysis: NetworkAnalysis): Uint8Array {
  const tensors = recipeTensorList(analysis);
  return serializeSafetensors(
    tensors.map((t) => ({ name: t.name, shape: t.shape, data: recipeTensor(t.name, t.shape, t.kind) })),
  );
}

/** The same bytes written chunk by chunk, one tensor in memory at a time. */
export function streamRecipeSafetensors(
  analysis: NetworkAnalysis,
  write: (chunk: Uint8Array) => void | Promise<void>,
): Promise<number> {
  const tensors = recipeTensorList(analysis);
  return streamSafetensors(
    specsOf(tensors),
    (_spec, i) => recipeTensor(tensors[i].name, tensors[i].shape, tensors[i].kind),
    write,
    PYTORCH_METADATA,
  );
}

/** Spec list and producer for `writeSafetensorsFile` (Node). */
export function recipeFileParts(analysis: NetworkAnalysis) {
  const tensors = recipeTensorList(analysis);
  return {
    specs: specsOf(tensors),
    produce: (_spec: unknown, i: number) => recipeTensor(tensors[i].name, tensors[i].shape, tensors[i].kind),
  };
}
