/**
 * Validated weights files kept in Cache Storage, so that a later visit classifies offline and without a
 * network request. Entries are keyed by checkpoint (repository + file), not by the URL they came from, so
 * a mirror and Hugging Face share one entry. Only the loader puts entries, and only after the file was
 * parsed and checked against the network: a failed, cancelled or invalid download leaves nothing behind.
 */

/** Bump when the stored format changes: older entries are then ignored and removed. */
export const WEIGHTS_CACHE_NAME = 'inception-explorer-weights-v1';

/** What the entry records beside the bytes. */
export interface CachedWeightsInfo {
  /** Hugging Face repository + file, e.g. "timm/inception_v4.tf_in1k/model.safetensors". */
  checkpoint: string;
  /** Where the bytes came from: a URL, or "file:<name>" for a file the user picked. */
  origin: string;
  bytes: number;
  /** ISO date of storing. */
  storedAt: string;
}

export interface CachedWeights extends CachedWeightsInfo {
  data: ArrayBuffer;
}

export interface CheckpointRef {
  repo: string;
  file: string;
}

/** The key is a URL (Cache Storage requires one) that is never fetched: `.invalid` cannot resolve. */
export function cacheKey(checkpoint: CheckpointRef): string {
  return `https://weights.inception-explorer.invalid/${checkpoint.repo}/${checkpoint.file}`;
}

export class WeightsCache {
  constructor(
    private readonly storage: CacheStorage = globalThis.caches,
    private readonly name = WEIGHTS_CACHE_NAME,
  ) {}

  /** Whether Cache Storage exists here (it needs a secure context: https or localhost). */
  static available(): boolean {
    return typeof globalThis.caches !== 'undefined';
  }

  async info(checkpoint: CheckpointRef): Promise<CachedWeightsInfo | undefined> {
    const response = await (await this.open()).match(cacheKey(checkpoint));
    if (!response) return undefined;
    await response.body?.cancel();
    return readInfo(checkpoint, response);
  }

  async get(checkpoint: CheckpointRef): Promise<CachedWeights | undefined> {
    const response = await (await this.open()).match(cacheKey(checkpoint));
    if (!response) return undefined;
    const info = readInfo(checkpoint, response);
    return { ...info, data: await response.arrayBuffer() };
  }

  /** Stores validated bytes. Throws (e.g. QuotaExceededError) without leaving a partial entry. */
  async put(checkpoint: CheckpointRef, data: Uint8Array<ArrayBuffer>, origin: string): Promise<CachedWeightsInfo> {
    const info: CachedWeightsInfo = {
      checkpoint: `${checkpoint.repo}/${checkpoint.file}`,
      origin,
      bytes: data.byteLength,
      storedAt: new Date().toISOString(),
    };
    const response = new Response(data, {
      headers: {
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(data.byteLength),
        'X-Weights-Origin': encodeURIComponent(origin),
        'X-Weights-Stored-At': info.storedAt,
      },
    });
    const cache = await this.open();
    try {
      await cache.put(cacheKey(checkpoint), response);
    } catch (error) {
      await cache.delete(cacheKey(checkpoint)).catch(() => undefined);
      throw error;
    }
    return info;
  }

  async delete(checkpoint: CheckpointRef): Promise<boolean> {
    return (await this.open()).delete(cacheKey(checkpoint));
  }

  /** Removes entries of older cache formats. */
  async removeStale(): Promise<string[]> {
    const stale = (await this.storage.keys()).filter((n) => n.startsWith('inception-explorer-weights-') && n !== this.name);
    await Promise.all(stale.map((n) => this.storage.delete(n)));
    return stale;
  }

  private open(): Promise<Cache> {
    if (!this.storage) throw new Error('Cache Storage is not available here (it needs https or localhost)');
    return this.storage.open(this.name);
  }
}

function readInfo(checkpoint: CheckpointRef, response: Response): CachedWeightsInfo {
  return {
    checkpoint: `${checkpoint.repo}/${checkpoint.file}`,
    origin: decodeURIComponent(response.headers.get('X-Weights-Origin') ?? ''),
    bytes: Number(response.headers.get('Content-Length') ?? 0),
    storedAt: response.headers.get('X-Weights-Stored-At') ?? '',
  };
}
