/**
 * Validated weights files kept in Cache Storage, so that a later visit classifies offline and without a
 * network request. Entries are keyed by checkpoint (repository + file) AND by provenance (the official
 * host, a mirror's base URL, or the user's file): a mirror's file is never served where the official one
 * is asked for. A checkpoint keeps one entry: storing one removes the others of that checkpoint (each is
 * a few hundred MB). Only the loader puts entries, and only after the file was parsed and checked against
 * the network: a failed, cancelled or invalid download leaves nothing behind. Each entry records the
 * SHA-256 of its bytes, which the loader checks again before every use (a copy that no longer matches is
 * removed, never used).
 */
import { parseSha256 } from './sha256.ts';
import { sameProvenance, type CheckpointRef, type WeightsProvenance } from './sources.ts';

/**
 * Bump when the stored format changes: older entries are then ignored and removed. v3: entries record
 * their SHA-256 (v2 copies may have been joined from a spliced download, and are not trusted).
 */
export const WEIGHTS_CACHE_NAME = 'inception-explorer-weights-v3';

/** What the entry records beside the bytes. */
export interface CachedWeightsInfo {
  /** Hugging Face repository + file, e.g. "timm/inception_v4.tf_in1k/model.safetensors". */
  checkpoint: string;
  provenance: WeightsProvenance;
  /** Where the bytes came from: a URL, or "file:<name>" for a file the user picked. */
  origin: string;
  bytes: number;
  /** SHA-256 of the bytes when they were stored (64 lowercase hex digits). */
  sha256: string;
  /** ISO date of storing. */
  storedAt: string;
  /**
   * The file marks itself as stand-in weights (runtime/weights/stand-in.ts), as read from its metadata when
   * it was stored: a card can say so before the copy is loaded (loading reads the mark from the bytes again).
   */
  standIn?: boolean;
}

export interface CachedWeights extends CachedWeightsInfo {
  data: ArrayBuffer;
}

/** Keeps an entry's stand-in mark (absent: not stand-in weights, or stored before the mark was kept). */
const STAND_IN_HEADER = 'X-Weights-Stand-In';

const KEY_ORIGIN = 'https://weights.inception-explorer.invalid';

/**
 * The key is a URL (Cache Storage requires one) that is never fetched: `.invalid` cannot resolve. The
 * provenance comes first, then the checkpoint, so every entry of a checkpoint ends the same way.
 */
export function cacheKey(checkpoint: CheckpointRef, provenance: WeightsProvenance): string {
  const from = provenance.kind === 'mirror' ? `mirror/${encodeURIComponent(provenance.baseUrl)}` : provenance.kind;
  return `${KEY_ORIGIN}/${from}/${checkpointPath(checkpoint)}`;
}

const checkpointPath = (checkpoint: CheckpointRef) => `${checkpoint.repo}/${checkpoint.file}`;

export class WeightsCache {
  constructor(
    private readonly storage: CacheStorage = globalThis.caches,
    private readonly name = WEIGHTS_CACHE_NAME,
  ) {}

  /** Whether Cache Storage exists here (it needs a secure context: https or localhost). */
  static available(): boolean {
    return typeof globalThis.caches !== 'undefined';
  }

  /** The checkpoint's entry, whatever its provenance. */
  async info(checkpoint: CheckpointRef): Promise<CachedWeightsInfo | undefined> {
    const cache = await this.open();
    for (const key of await this.keysOf(cache, checkpoint)) {
      const response = await cache.match(key);
      if (!response) continue;
      await response.body?.cancel();
      const info = readInfo(checkpoint, response);
      if (info) return info;
    }
    return undefined;
  }

  /** The checkpoint's entry from exactly this provenance. */
  async get(checkpoint: CheckpointRef, provenance: WeightsProvenance): Promise<CachedWeights | undefined> {
    const response = await (await this.open()).match(cacheKey(checkpoint, provenance));
    const info = response && readInfo(checkpoint, response);
    if (!response || !info || !sameProvenance(info.provenance, provenance)) {
      await response?.body?.cancel();
      return undefined;
    }
    return { ...info, data: await response.arrayBuffer() };
  }

  /**
   * Stores validated bytes with their SHA-256 (`sha256`, computed by the caller from `data`), then removes
   * the checkpoint's entries from other sources. Throws (e.g. QuotaExceededError) without leaving a
   * partial entry. `standIn`: the bytes are stand-in weights (their metadata says so).
   */
  async put(
    checkpoint: CheckpointRef,
    provenance: WeightsProvenance,
    data: Uint8Array<ArrayBuffer>,
    origin: string,
    sha256: string,
    standIn = false,
  ): Promise<CachedWeightsInfo> {
    const info: CachedWeightsInfo = {
      checkpoint: checkpointPath(checkpoint),
      provenance,
      origin,
      bytes: data.byteLength,
      sha256,
      storedAt: new Date().toISOString(),
      standIn,
    };
    const response = new Response(data, {
      headers: {
        'Content-Type': 'application/octet-stream',
        'Content-Length': String(data.byteLength),
        'X-Weights-Provenance': encodeURIComponent(JSON.stringify(provenance)),
        'X-Weights-Origin': encodeURIComponent(origin),
        'X-Weights-Sha256': sha256,
        'X-Weights-Stored-At': info.storedAt,
        ...(standIn ? { [STAND_IN_HEADER]: 'true' } : {}),
      },
    });
    const cache = await this.open();
    const key = cacheKey(checkpoint, provenance);
    try {
      await cache.put(key, response);
    } catch (error) {
      await cache.delete(key).catch(() => undefined);
      throw error;
    }
    for (const other of await this.keysOf(cache, checkpoint)) if (other !== key) await cache.delete(other);
    return info;
  }

  /** Removes the checkpoint's entry from `provenance`, or every entry of the checkpoint. */
  async delete(checkpoint: CheckpointRef, provenance?: WeightsProvenance): Promise<boolean> {
    const cache = await this.open();
    const keys = provenance ? [cacheKey(checkpoint, provenance)] : await this.keysOf(cache, checkpoint);
    let removed = false;
    for (const key of keys) removed = (await cache.delete(key)) || removed;
    return removed;
  }

  /** Removes entries of older cache formats. */
  async removeStale(): Promise<string[]> {
    const stale = (await this.storage.keys()).filter(
      (n) => n.startsWith('inception-explorer-weights-') && n !== this.name,
    );
    await Promise.all(stale.map((n) => this.storage.delete(n)));
    return stale;
  }

  private async keysOf(cache: Cache, checkpoint: CheckpointRef): Promise<string[]> {
    const path = checkpointPath(checkpoint);
    // "<origin>/official/<path>", "<origin>/file/<path>", "<origin>/mirror/<encoded base URL>/<path>".
    const pattern = /^https:\/\/weights\.inception-explorer\.invalid\/(?:official|file|mirror\/[^/]+)\/(.+)$/;
    return (await cache.keys()).map((request) => request.url).filter((url) => pattern.exec(url)?.[1] === path);
  }

  private open(): Promise<Cache> {
    if (!this.storage) throw new Error('Cache Storage is not available here (it needs https or localhost)');
    return this.storage.open(this.name);
  }
}

/** What an entry records, or undefined for one that records no SHA-256 (it cannot be checked: not used). */
function readInfo(checkpoint: CheckpointRef, response: Response): CachedWeightsInfo | undefined {
  const sha256 = parseSha256(response.headers.get('X-Weights-Sha256'));
  if (!sha256) return undefined;
  let provenance: WeightsProvenance;
  try {
    provenance = JSON.parse(
      decodeURIComponent(response.headers.get('X-Weights-Provenance') ?? ''),
    ) as WeightsProvenance;
  } catch {
    return undefined;
  }
  return {
    checkpoint: checkpointPath(checkpoint),
    provenance,
    origin: decodeURIComponent(response.headers.get('X-Weights-Origin') ?? ''),
    bytes: Number(response.headers.get('Content-Length') ?? 0),
    sha256,
    storedAt: response.headers.get('X-Weights-Stored-At') ?? '',
    standIn: response.headers.get(STAND_IN_HEADER) === 'true',
  };
}
