/**
 * Harness for e2e/classify-cache.spec.ts: the weights loader against the browser's real Cache Storage and
 * a local server. Validation here accepts files whose first byte is 1 (a stand-in parser: the loader's
 * contract is "keep only what validate accepted", whatever validate is).
 */
import { WeightsCache } from '../../../runtime/loading/cache.ts';
import { loadWeights, type WeightsRequest } from '../../../runtime/loading/load-weights.ts';
import { sha256Hex } from '../../../runtime/loading/sha256.ts';
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
  sha256?: string;
  published?: boolean;
}

/**
 * Loads `repo`; `cancelAt` cancels once that many bytes arrived, or when the file is being stored;
 * `stallTimeoutMs` shortens the stall timeout.
 */
export async function load(
  repo: string,
  source: WeightsRequest,
  cancelAt?: number | 'store',
  stallTimeoutMs?: number,
): Promise<LoadOutcome> {
  const controller = new AbortController();
  try {
    const loaded = await loadWeights({
      checkpoint: { repo, file: 'model.safetensors' },
      source,
      validate,
      cache: cache(),
      backoffMs: 1,
      retries: 1,
      stallTimeoutMs,
      signal: controller.signal,
      onProgress: (p) => {
        if (cancelAt === 'store' ? p.phase === 'store' : cancelAt !== undefined && (p.received ?? 0) >= cancelAt)
          controller.abort();
      },
    });
    return {
      ok: true,
      origin: loaded.origin,
      bytes: loaded.bytes,
      cachedBytes: loaded.cached?.bytes,
      provenance: loaded.provenance,
      sha256: loaded.sha256,
      published: loaded.published,
    };
  } catch (error) {
    return {
      ok: false,
      error: (error as Error).message,
      kind: (error as { kind?: string }).kind ?? (error as Error).name,
    };
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

/**
 * Replaces the cached entry (bytes and their SHA-256: an invalid file stored) for the given source
 * (default: the entry's own).
 */
export async function corruptCache(repo: string, provenance?: WeightsProvenance): Promise<void> {
  const checkpoint = { repo, file: 'model.safetensors' };
  const from = provenance ?? (await cache().info(checkpoint))?.provenance ?? { kind: 'official' as const };
  const bytes = new Uint8Array([9, 9, 9]);
  await cache().put(checkpoint, from, bytes, 'corrupted', await sha256Hex(bytes));
}

/**
 * Replaces the cached entry's bytes with others that the stand-in parser accepts, keeping the SHA-256
 * recorded with it (a copy altered in storage).
 */
export async function alterCache(repo: string): Promise<void> {
  const stored = await caches.open('harness-weights-test');
  const key = (await stored.keys()).find((r) => r.url.endsWith(`/${repo}/model.safetensors`));
  const entry = key && (await stored.match(key));
  if (!key || !entry) throw new Error(`nothing cached for ${repo}`);
  const altered = new Uint8Array(await entry.arrayBuffer()).map((b, i) => (i === 0 ? 1 : b ^ 0xff));
  await stored.put(key, new Response(altered, { headers: entry.headers }));
}

export async function clear(): Promise<void> {
  await caches.delete('harness-weights-test');
}
