/**
 * Harness for e2e/classify-cache.spec.ts: the weights loader against the browser's real Cache Storage and
 * a local server. Validation here accepts files whose first byte is 1 (a stand-in parser: the loader's
 * contract is "keep only what validate accepted", whatever validate is).
 */
import { WeightsCache } from '../../../runtime/loading/cache.ts';
import { loadWeights, type WeightsRequest } from '../../../runtime/loading/load-weights.ts';
import type { WeightsProvenance } from '../../../runtime/loading/sources.ts';

const cache = () => new WeightsCache(caches, 'harness-weights-test');

function validate(bytes: Uint8Array, fileName: string) {
  if (bytes[0] !== 1) throw new Error(`${fileName}: invalid test weights`);
  return { get: () => undefined, names: () => [] };
}

export interface LoadOutcome {
  ok: boolean;
  origin?: string;
  bytes?: number;
  cachedBytes?: number;
  error?: string;
  kind?: string;
  provenance?: WeightsProvenance;
}

/** Loads `repo`; `cancelAt` cancels once that many bytes arrived, or when the file is being stored. */
export async function load(repo: string, source: WeightsRequest, cancelAt?: number | 'store'): Promise<LoadOutcome> {
  const controller = new AbortController();
  try {
    const loaded = await loadWeights({
      checkpoint: { repo, file: 'model.safetensors' }, source, validate, cache: cache(), backoffMs: 1, retries: 1,
      signal: controller.signal,
      onProgress: (p) => {
        if (cancelAt === 'store' ? p.phase === 'store' : cancelAt !== undefined && (p.received ?? 0) >= cancelAt) controller.abort();
      },
    });
    return { ok: true, origin: loaded.origin, bytes: loaded.bytes, cachedBytes: loaded.cached?.bytes, provenance: loaded.provenance };
  } catch (error) {
    return { ok: false, error: (error as Error).message, kind: (error as { kind?: string }).kind ?? (error as Error).name };
  }
}

export async function loadFile(repo: string, bytes: number[], name: string): Promise<LoadOutcome> {
  return load(repo, { kind: 'file', file: new Blob([new Uint8Array(bytes)]), name });
}

/** Size of the cached entry of `repo` (from any source), or null. */
export async function cachedSize(repo: string): Promise<number | null> {
  const info = await cache().info({ repo, file: 'model.safetensors' });
  return info ? info.bytes : null;
}

/** The source recorded with the cached entry of `repo`, or null. */
export async function cachedProvenance(repo: string): Promise<WeightsProvenance | null> {
  return (await cache().info({ repo, file: 'model.safetensors' }))?.provenance ?? null;
}

/** Replaces the cached entry's bytes (simulates a damaged cache) for the given source (default: the entry's own). */
export async function corruptCache(repo: string, provenance?: WeightsProvenance): Promise<void> {
  const checkpoint = { repo, file: 'model.safetensors' };
  const from = provenance ?? (await cache().info(checkpoint))?.provenance ?? { kind: 'official' as const };
  await cache().put(checkpoint, from, new Uint8Array([9, 9, 9]), 'corrupted');
}

export async function clear(): Promise<void> {
  await caches.delete('harness-weights-test');
}
