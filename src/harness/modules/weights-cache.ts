/**
 * Harness for e2e/classify-cache.spec.ts: the weights loader against the browser's real Cache Storage and
 * a local server. Validation here accepts files whose first byte is 1 (a stand-in parser: the loader's
 * contract is "keep only what validate accepted", whatever validate is).
 */
import { WeightsCache } from '../../runtime/loading/cache.ts';
import { loadWeights, type WeightsSourceSpec } from '../../runtime/loading/load-weights.ts';

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
}

export async function load(repo: string, source: WeightsSourceSpec, cancelAfterBytes?: number): Promise<LoadOutcome> {
  const controller = new AbortController();
  try {
    const loaded = await loadWeights({
      checkpoint: { repo, file: 'model.safetensors' }, source, validate, cache: cache(), backoffMs: 1, retries: 1,
      signal: controller.signal,
      onProgress: (p) => {
        if (cancelAfterBytes !== undefined && (p.received ?? 0) >= cancelAfterBytes) controller.abort();
      },
    });
    return { ok: true, origin: loaded.origin, bytes: loaded.bytes, cachedBytes: loaded.cached?.bytes };
  } catch (error) {
    return { ok: false, error: (error as Error).message, kind: (error as { kind?: string }).kind ?? (error as Error).name };
  }
}

export async function loadFile(repo: string, bytes: number[], name: string): Promise<LoadOutcome> {
  return load(repo, { kind: 'file', file: new Blob([new Uint8Array(bytes)]), name });
}

/** Size of the cached entry of `repo`, or null. */
export async function cachedSize(repo: string): Promise<number | null> {
  const entry = await cache().get({ repo, file: 'model.safetensors' });
  return entry ? entry.data.byteLength : null;
}

/** Replaces the cached entry's bytes (simulates a damaged cache). */
export async function corruptCache(repo: string): Promise<void> {
  await cache().put({ repo, file: 'model.safetensors' }, new Uint8Array([9, 9, 9]), 'corrupted');
}

export async function clear(): Promise<void> {
  await caches.delete('harness-weights-test');
}
