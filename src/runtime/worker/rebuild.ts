/**
 * Moving loaded networks to another backend (a switch, or recovery from a lost GPU): each network is
 * built anew on the new backend from its weights (the cache, the user's file, or memory) BEFORE its old
 * build is disposed, so a failure leaves the old one in place — never a disposed network registered.
 */
import type { NetworkDefinition } from '../../model/types.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import type { WeightsCache } from '../loading/cache.ts';
import { loadWeights, type LoadedWeights, type WeightsRequest } from '../loading/load-weights.ts';
import type { TensorSource } from '../weights/types.ts';
import { asFailure, InferenceFailure } from './errors.ts';
import type { BackendName, ClassifiableNetwork, InferenceNetwork, LoadedInfo } from './protocol.ts';
import type { BuiltNetwork, InferenceRuntime } from './inference-runtime.ts';

export interface LoadedNetwork {
  /** The released definition, or a trained network's from its file. */
  definition: NetworkDefinition;
  /** Its class names (ImageNet's, or a trained network's own). */
  labels: readonly string[];
  built: BuiltNetwork;
  info: LoadedInfo;
  /** How to get the weights again when the backend changes. */
  reload: WeightsRequest | { kind: 'memory'; tensors: TensorSource };
}

export type Checkpointed = NetworkDefinition & { checkpoint: NonNullable<NetworkDefinition['checkpoint']> };

export function checkpointed(network: ClassifiableNetwork): Checkpointed {
  const definition = NETWORKS[network]?.released;
  if (!definition?.checkpoint)
    throw new InferenceFailure('weights', { code: 'weights.no-checkpoint', params: { network } });
  return definition as Checkpointed;
}

export interface Rebuilt {
  /** New builds on the active backend, not yet swapped in. */
  built: Map<InferenceNetwork, { built: BuiltNetwork; buildMs: number }>;
  /** Networks that could not be built again, with why. */
  failed: Map<InferenceNetwork, InferenceFailure>;
}

/** Builds every loaded network again on the backend now active; the old builds are left untouched. */
export async function buildAgain(
  loaded: ReadonlyMap<InferenceNetwork, LoadedNetwork>,
  runtime: InferenceRuntime,
  cache: WeightsCache | undefined,
): Promise<Rebuilt> {
  const result: Rebuilt = { built: new Map(), failed: new Map() };
  for (const [network, entry] of loaded) {
    try {
      const { definition } = entry;
      const tensors =
        entry.reload.kind === 'memory'
          ? entry.reload.tensors
          : (
              await loadWeights({
                checkpoint: checkpointed(network as ClassifiableNetwork).checkpoint,
                source: entry.reload,
                cache,
                validate: (bytes, fileName, cachedCopy) => runtime.validate(definition, bytes, fileName, cachedCopy),
              })
            ).tensors;
      const started = performance.now();
      const built = await runtime.build(definition, tensors, entry.labels);
      result.built.set(network, { built, buildMs: performance.now() - started });
    } catch (error) {
      result.failed.set(network, asFailure(error));
    }
  }
  return result;
}

/** What the weights card shows of a network's loaded weights: where from, which file (SHA-256), timings. */
export function loadedInfo(
  weights: LoadedWeights,
  backend: BackendName,
  buildMs: number,
  warmUpMs: number | undefined,
): LoadedInfo {
  return {
    origin: weights.origin,
    provenance: weights.provenance,
    bytes: weights.bytes,
    sha256: weights.sha256,
    published: weights.published,
    ...(weights.standIn ? { standIn: true } : {}),
    timings: { ...weights.timings, buildMs, ...(warmUpMs === undefined ? {} : { warmUpMs }) },
    backend,
    ...(weights.storeError ? { storeError: weights.storeError } : {}),
  };
}

/** Disposes a build, even one whose backend is gone (disposing may then throw: nothing is left to free). */
export function disposeQuietly(built: BuiltNetwork): void {
  try {
    built.dispose();
  } catch {
    // The device or context is gone, and its memory with it.
  }
}
