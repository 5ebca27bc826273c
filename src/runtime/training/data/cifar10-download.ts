/**
 * CIFAR-10 downloaded once and kept: the official binary archive fetched with the app's download
 * machinery (progress, cancel, retries, resuming with Range after a dropped connection), checked against
 * its published size and SHA-256, read, and only then put in Cache Storage (its own cache, beside the
 * weights'), so a later visit trains offline with no request.
 *
 * The source is the dataset's home, https://www.cs.toronto.edu/~kriz/ (see README, "Training data"): the
 * binary version is the one this app reads, no other host is as lasting, and the file can be checked —
 * its MD5 is on the dataset's page, and its SHA-256 (c4a38c50…) is the one TensorFlow Datasets and
 * others pin for the same URL and size. The SHA-256 is what is checked (Web Crypto has no MD5).
 */
import { WeightsCache, type CachedWeightsInfo } from '../../loading/cache.ts';
import { download, DownloadError, formatBytes, type DownloadProgress } from '../../loading/download.ts';
import type { CheckpointRef, WeightsProvenance } from '../../loading/sources.ts';
import { readCifar10Archive } from './cifar10-archive.ts';
import { CIFAR10_ARCHIVE_NAME, CIFAR10_PAGE, type Cifar10Data } from './cifar10-format.ts';
import { DataError } from './labelled-images.ts';

export interface ArchiveChecksum {
  bytes: number;
  /** Lower-case hex. */
  sha256: string;
}

export const CIFAR10_DOWNLOAD = {
  url: 'https://www.cs.toronto.edu/~kriz/cifar-10-binary.tar.gz',
  bytes: 170_052_171,
  sha256: 'c4a38c50a1bc5f3a1c5537f2155ab9d68f9f25eb1ed8d9ddda3db29a59bca1dd',
  /** As published on the dataset's page; not checked here (the SHA-256 is). */
  md5: 'c32a1d4ab5d03f1284b67883e8d87530',
} as const;

/** Datasets have their own cache (the weights' one removes whatever is not a weights file). */
export const DATASETS_CACHE_NAME = 'inception-explorer-datasets-v1';

/** The archive's entry in the datasets cache (the cache's keys are checkpoint-shaped: a repository and a file). */
export const CIFAR10_CACHE_ENTRY: CheckpointRef = { repo: 'cifar-10', file: CIFAR10_ARCHIVE_NAME };

export type Cifar10Source =
  /** The cached copy from `url` if there is one, else a download from it (then kept). Default URL: the official one. */
  | { kind: 'download'; url?: string }
  /** The cached copy, whatever its source; fails when there is none. */
  | { kind: 'cache' };

export type Cifar10Phase = 'read-cache' | 'download' | 'verify' | 'read' | 'store';

export interface Cifar10LoadProgress extends Partial<DownloadProgress> {
  phase: Cifar10Phase;
}

export interface LoadCifar10Options {
  source: Cifar10Source;
  /** Omit where Cache Storage is unavailable: loads still work, nothing is kept. */
  cache?: WeightsCache;
  /** The archive's size and SHA-256 (default: the official archive's; tests serve a generated one). */
  checksum?: ArchiveChecksum;
  signal?: AbortSignal;
  onProgress?: (progress: Cifar10LoadProgress) => void;
  /** Passed to `download` (tests shorten the backoff). */
  retries?: number;
  backoffMs?: number;
}

export interface LoadedCifar10 {
  data: Cifar10Data;
  /** The URL downloaded, or "cache". */
  origin: string;
  provenance: WeightsProvenance;
  /** Set when the archive is now in the cache (or came from it). */
  cached?: CachedWeightsInfo;
  /** Why keeping it in the cache failed (quota, no Cache Storage); the data is usable regardless. */
  storeError?: string;
}

/** The datasets cache of this browser, or undefined where there is no Cache Storage (http, Node). */
export function datasetsCache(): WeightsCache | undefined {
  return WeightsCache.available() ? new WeightsCache(globalThis.caches, DATASETS_CACHE_NAME) : undefined;
}

function provenanceOf(url: string): WeightsProvenance {
  return url === CIFAR10_DOWNLOAD.url ? { kind: 'official' } : { kind: 'mirror', baseUrl: url };
}

export async function sha256Hex(bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Gets CIFAR-10 from the cache or by downloading it; throws a DownloadError (with advice; kind 'cancelled'
 * whenever `signal` aborted, at any step) or a DataError.
 */
export async function loadCifar10(options: LoadCifar10Options): Promise<LoadedCifar10> {
  try {
    return await load(options);
  } catch (error) {
    if (options.signal?.aborted)
      throw new DownloadError('cancelled', { code: 'loading.cancelled', params: { label: CIFAR10_ARCHIVE_NAME } }, '');
    throw error;
  }
}

async function load(options: LoadCifar10Options): Promise<LoadedCifar10> {
  const { source, cache, signal, onProgress } = options;
  const checksum = options.checksum ?? CIFAR10_DOWNLOAD;
  const url = source.kind === 'download' ? (source.url ?? CIFAR10_DOWNLOAD.url) : undefined;
  if (cache) {
    onProgress?.({ phase: 'read-cache' });
    const info = await cache.info(CIFAR10_CACHE_ENTRY);
    const wanted = url === undefined ? info?.provenance : provenanceOf(url);
    const entry = wanted && (await cache.get(CIFAR10_CACHE_ENTRY, wanted));
    if (entry) {
      onProgress?.({ phase: 'read' });
      try {
        const { data: bytes, ...cached } = entry;
        const label = `the cached copy of ${CIFAR10_ARCHIVE_NAME}`;
        const data = await readCifar10Archive(new Uint8Array(bytes), label, { signal });
        return { data, origin: 'cache', provenance: entry.provenance, cached };
      } catch (error) {
        if (signal?.aborted || !(error instanceof DataError)) throw error;
        await cache.delete(CIFAR10_CACHE_ENTRY); // damaged: never served again; download it anew below
        if (url === undefined) throw new DataError(`${error.message} (the cached copy was removed; download it again)`);
      }
    }
  }
  if (url === undefined) {
    throw new DataError(`${CIFAR10_ARCHIVE_NAME} is not in this browser's cache: download it first`);
  }

  let bytes: Uint8Array<ArrayBuffer>;
  try {
    ({ bytes } = await download(url, {
      label: CIFAR10_ARCHIVE_NAME,
      signal,
      retries: options.retries,
      backoffMs: options.backoffMs,
      maxBytes: checksum.bytes,
      expectedSha256: checksum.sha256,
      onProgress: (p) => onProgress?.({ phase: 'download', ...p }),
    }));
  } catch (error) {
    if (error instanceof DownloadError && error.kind !== 'cancelled') {
      // The browser's CORS refusal also arrives as a network failure: the dropped archive always works.
      error.message += `. Or download ${CIFAR10_ARCHIVE_NAME} yourself (from ${CIFAR10_PAGE}) and give the file`;
    }
    throw error;
  }
  onProgress?.({ phase: 'verify' });
  await verify(bytes, checksum, url);
  signal?.throwIfAborted();
  onProgress?.({ phase: 'read' });
  const data = await readCifar10Archive(bytes, `${CIFAR10_ARCHIVE_NAME} from ${url}`, { signal });

  const provenance = provenanceOf(url);
  const loaded: LoadedCifar10 = { data, origin: url, provenance };
  if (!cache) return { ...loaded, storeError: 'Cache Storage is not available here' };
  onProgress?.({ phase: 'store' });
  try {
    loaded.cached = await cache.put(CIFAR10_CACHE_ENTRY, provenance, bytes, url, checksum.sha256);
  } catch (error) {
    loaded.storeError =
      `could not keep ${CIFAR10_ARCHIVE_NAME} in the browser's cache: ` +
      `${error instanceof Error ? error.message : String(error)}`;
  }
  if (signal?.aborted) {
    // Cancelled while storing: what the user cancelled must not be found in the cache later.
    if (loaded.cached) await cache.delete(CIFAR10_CACHE_ENTRY).catch(() => undefined);
    signal.throwIfAborted();
  }
  return loaded;
}

async function verify(bytes: Uint8Array<ArrayBuffer>, checksum: ArchiveChecksum, url: string): Promise<void> {
  const advice =
    url === CIFAR10_DOWNLOAD.url
      ? 'download it again'
      : 'the mirror must serve the official file byte for byte; use the official source, or download it again';
  if (bytes.byteLength !== checksum.bytes) {
    throw new DataError(
      `${CIFAR10_ARCHIVE_NAME} from ${url} is ${formatBytes(bytes.byteLength)} ` +
        `(${bytes.byteLength} bytes), not the ${checksum.bytes} bytes of the official archive: ${advice}`,
    );
  }
  const sha256 = await sha256Hex(bytes);
  if (sha256 !== checksum.sha256) {
    throw new DataError(
      `${CIFAR10_ARCHIVE_NAME} from ${url} is not the official archive: its SHA-256 is ${sha256}, ` +
        `not ${checksum.sha256}: ${advice}`,
    );
  }
}
