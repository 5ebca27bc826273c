/**
 * Gets a checkpoint's weights from one of three places — Cache Storage, a download (Hugging Face or a
 * mirror), or a file the user picked — and validates them before anything is kept: only bytes that
 * `validate` accepted are put in the cache, so a failed, cancelled or invalid load leaves nothing behind.
 * Every load knows the SHA-256 of its bytes and says whether they are the published checkpoint (the
 * pinned SHA-256): the official source must serve exactly that file, a mirror's or the user's file that
 * is not loads marked as such, and a cached copy is hashed again before each use.
 */
import { englishFailure, failureDetailOf, type FailureDetail } from '../failure-words.ts';
import { WeightsFileError, type WeightsFileProblem } from '../weights/errors.ts';
import type { TensorSource } from '../weights/types.ts';
import { isStandIn } from '../weights/stand-in.ts';
import { WeightsCache, type CachedWeightsInfo } from './cache.ts';
import { download, DownloadError, type DownloadProgress } from './download.ts';
import { assertSha256Available, sha256Hex } from './sha256.ts';
import { checkpointLabel, provenanceOf, weightsUrl, type CheckpointRef, type WeightsProvenance } from './sources.ts';
import { storageFailure } from '../../model/storage-failure.ts';
import type { NetworkId } from '../../model/types.ts';

/** Where to get weights from (the one name for it: the worker's protocol re-exports it). */
export type WeightsRequest =
  /** The cached copy from `baseUrl` if there is one, else a download from it. */
  | { kind: 'auto'; baseUrl: string }
  | { kind: 'download'; baseUrl: string }
  /** The cached copy from exactly this provenance. */
  | { kind: 'cache'; provenance: WeightsProvenance }
  | { kind: 'file'; file: Blob; name: string };

export type LoadPhase = 'read-cache' | 'download' | 'read-file' | 'validate' | 'store';

export interface LoadProgress extends Partial<DownloadProgress> {
  phase: LoadPhase;
}

/** Why weights could not be used, as data (the views turn it into advice); the message has the detail. */
export type WeightsErrorProblem = WeightsFileProblem | 'not-cached';

/** A problem with the weights themselves (unreadable, truncated, another model's): the detail says which. */
export class WeightsError extends Error {
  /** `detail`'s English is the message. */
  constructor(
    readonly detail: FailureDetail,
    readonly problem?: WeightsErrorProblem,
    /** For 'wrong-model': the network whose checkpoint the file is. */
    readonly fits?: NetworkId,
  ) {
    super(englishFailure(detail));
    this.name = 'WeightsError';
  }
}

/** The problem a validator's error names, when it is a WeightsFileError (or carries one). */
function problemOf(error: unknown): WeightsErrorProblem | undefined {
  return error instanceof WeightsFileError || error instanceof WeightsError ? error.problem : undefined;
}

/** A checkpoint file and, for a published one, the SHA-256 its publisher states (model/networks pins it). */
export interface PublishedCheckpointRef extends CheckpointRef {
  sha256?: string;
}

export interface LoadWeightsOptions {
  checkpoint: PublishedCheckpointRef;
  source: WeightsRequest;
  /**
   * Parses and checks the bytes against the network; throws an Error whose message names the file and
   * the problem. The returned source may view `bytes` without copying. `cachedCopy`: the bytes are a cached
   * copy whose SHA-256 still matches the one stored with them, and only bytes that passed this validation
   * are stored, so a scan of every value (the finite check) may be skipped; names and shapes still count.
   */
  validate: (
    bytes: Uint8Array<ArrayBuffer>,
    fileName: string,
    cachedCopy: boolean,
  ) => TensorSource | Promise<TensorSource>;
  /** Omit where Cache Storage is unavailable: loads still work, nothing is kept. */
  cache?: WeightsCache;
  signal?: AbortSignal;
  onProgress?: (progress: LoadProgress) => void;
  /** Passed to `download` (tests shorten the backoff and the stall timeout). */
  retries?: number;
  backoffMs?: number;
  stallTimeoutMs?: number;
  fetch?: typeof fetch;
}

/** Milliseconds spent in each step. */
export interface LoadTimings {
  /** Downloading, or reading the cache or the file. */
  readMs: number;
  /** Parsing and checking against the network. */
  validateMs: number;
  /** Putting the bytes in Cache Storage (0 when they came from it). */
  storeMs: number;
}

export interface LoadedWeights {
  tensors: TensorSource;
  timings: LoadTimings;
  /** The URL downloaded, "cache", or "file:<name>". */
  origin: string;
  /** Where the bytes came from first (for a cached copy: where it was downloaded from, or the file). */
  provenance: WeightsProvenance;
  bytes: number;
  /** SHA-256 of the bytes, 64 lowercase hex digits. */
  sha256: string;
  /** Whether they are the published checkpoint: their SHA-256 is the pinned one. */
  published: boolean;
  /** Whether the file marks itself as stand-in weights (make-weights' recipe: runtime/weights/stand-in.ts). */
  standIn: boolean;
  /** Set when the bytes are now in the cache (or came from it). */
  cached?: CachedWeightsInfo;
  /** Why keeping them in the cache failed (quota, no Cache Storage); the weights are usable regardless. */
  storeError?: FailureDetail;
}

export async function loadWeights(options: LoadWeightsOptions): Promise<LoadedWeights> {
  const { checkpoint, source, cache, signal, onProgress } = options;
  const label = checkpointLabel(checkpoint);
  assertSha256Available();
  const provenance: WeightsProvenance =
    source.kind === 'file'
      ? { kind: 'file', name: source.name }
      : source.kind === 'cache'
        ? source.provenance
        : provenanceOf(source.baseUrl);

  if (source.kind === 'cache' || source.kind === 'auto') {
    try {
      const cachedLoad = await loadFromCache(options, provenance, label);
      if (cachedLoad) return cachedLoad;
    } catch (error) {
      // A damaged cached copy (now removed) is an error only when the cache was asked for: "auto" downloads.
      if (source.kind === 'cache' || !(error instanceof WeightsError)) throw error;
    }
    if (source.kind === 'cache')
      throw new WeightsError({ code: 'weights.not-cached', params: { label } }, 'not-cached');
  }

  let bytes: Uint8Array<ArrayBuffer>;
  let sha256: string;
  let origin: string;
  let fileName: string;
  const started = performance.now();
  if (source.kind === 'file') {
    onProgress?.({ phase: 'read-file', received: 0, total: source.file.size });
    bytes = await readBlob(source.file, source.name, signal);
    sha256 = await sha256Hex(bytes);
    origin = `file:${source.name}`;
    fileName = source.name;
  } else {
    const url = weightsUrl(checkpoint, source.baseUrl);
    ({ bytes, sha256 } = await download(url, {
      label,
      signal,
      retries: options.retries,
      backoffMs: options.backoffMs,
      stallTimeoutMs: options.stallTimeoutMs,
      fetch: options.fetch,
      // Hugging Face must serve the published file; a mirror's other file loads, marked as not it.
      expectedSha256: checkpoint.sha256,
      requireExpected: provenance.kind === 'official',
      onProgress: (p) => onProgress?.({ phase: 'download', ...p }),
    }));
    origin = url;
    fileName = label;
  }

  throwIfCancelled(signal, label);
  const read = performance.now();
  onProgress?.({ phase: 'validate' });
  const tensors = await validate(options, bytes, fileName, false);
  throwIfCancelled(signal, label);
  const validated = performance.now();

  const timings = { readMs: read - started, validateMs: validated - read, storeMs: 0 };
  const loaded: LoadedWeights = {
    tensors,
    timings,
    origin,
    provenance,
    bytes: bytes.byteLength,
    sha256,
    published: sha256 === checkpoint.sha256,
    standIn: isStandIn(tensors.metadata),
  };
  if (!cache) return { ...loaded, storeError: { code: 'weights.cache-unavailable', params: {} } };
  onProgress?.({ phase: 'store' });
  try {
    loaded.cached = await cache.put(checkpoint, provenance, bytes, origin, sha256, loaded.standIn);
  } catch (error) {
    loaded.storeError = { code: 'weights.not-kept', params: { label, failure: storageFailure(error) } };
  }
  if (signal?.aborted) {
    // Cancelled while storing: what the user cancelled must not be found in the cache later.
    if (loaded.cached) await cache.delete(checkpoint, provenance).catch(() => undefined);
    throwIfCancelled(signal, label);
  }
  timings.storeMs = performance.now() - validated;
  return loaded;
}

async function loadFromCache(
  options: LoadWeightsOptions,
  provenance: WeightsProvenance,
  label: string,
): Promise<LoadedWeights | undefined> {
  const { cache, checkpoint, onProgress } = options;
  if (!cache) return undefined;
  const started = performance.now();
  const entry = await cache.get(checkpoint, provenance);
  // Only a copy found is read: a download with none says it connects, never that it reads the cache.
  if (!entry) return undefined;
  onProgress?.({ phase: 'read-cache' });
  const bytes = new Uint8Array(entry.data);
  const read = performance.now();
  onProgress?.({ phase: 'validate' });
  try {
    // Every use hashes the bytes again (about 270 ms for 213 MiB, see sha256.ts): a copy damaged or
    // altered in storage must never be used, and one from Hugging Face must still be the published file.
    const sha256 = await sha256Hex(bytes);
    const copy = `the cached copy of ${label}`;
    if (sha256 !== entry.sha256) {
      throw new WeightsError(
        { code: 'weights.cache-damaged', params: { label, sha256, stored: entry.sha256 } },
        'corrupt',
      );
    }
    const published = sha256 === checkpoint.sha256;
    if (entry.provenance.kind === 'official' && !published) {
      throw new WeightsError(
        { code: 'weights.cache-not-published', params: { label, sha256, published: String(checkpoint.sha256) } },
        'corrupt',
      );
    }
    const tensors = await validate(options, bytes, copy, true);
    const { data: _data, ...info } = entry;
    const timings = { readMs: read - started, validateMs: performance.now() - read, storeMs: 0 };
    return {
      tensors,
      timings,
      origin: 'cache',
      provenance: entry.provenance,
      bytes: entry.bytes,
      sha256,
      published,
      standIn: isStandIn(tensors.metadata),
      cached: info,
    };
  } catch (error) {
    // A damaged or outdated entry must not be served again.
    await cache.delete(checkpoint, provenance);
    throw new WeightsError(
      { code: 'weights.cache-removed', params: { cause: failureDetailOf(error) } },
      problemOf(error),
    );
  }
}

async function validate(
  options: LoadWeightsOptions,
  bytes: Uint8Array<ArrayBuffer>,
  fileName: string,
  cachedCopy: boolean,
): Promise<TensorSource> {
  try {
    return await options.validate(bytes, fileName, cachedCopy);
  } catch (error) {
    throw new WeightsError(
      failureDetailOf(error),
      problemOf(error),
      error instanceof WeightsFileError ? error.fits : undefined,
    );
  }
}

async function readBlob(file: Blob, name: string, signal: AbortSignal | undefined): Promise<Uint8Array<ArrayBuffer>> {
  throwIfCancelled(signal, name);
  try {
    return new Uint8Array(await file.arrayBuffer());
  } catch (error) {
    throw new WeightsError(
      {
        code: 'weights.unreadable',
        params: { file: name, detail: error instanceof Error ? error.message : String(error) },
      },
      'unreadable',
    );
  }
}

function throwIfCancelled(signal: AbortSignal | undefined, label: string): void {
  if (signal?.aborted) throw new DownloadError('cancelled', { code: 'loading.cancelled', params: { label } }, '');
}
