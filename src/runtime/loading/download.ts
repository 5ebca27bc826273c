/**
 * Streams a weights file into memory with progress (bytes, percent, speed), cancellation, bounded retries
 * with exponential backoff, a stall timeout (an attempt that receives nothing for a while is abandoned and
 * retried), and resumption (HTTP Range) after a dropped connection — joined only with
 * If-Range on a strong ETag the server gave — then checks the whole against the SHA-256 its server states
 * and, where one is required, the pinned one: a file spliced from two (a mirror answering the resumed
 * request with another file's bytes, a file replaced between attempts) is never returned.
 *
 * Written by hand rather than with a fetch wrapper library: no maintained one streams into a preallocated
 * buffer (a 224 MB file must not be held twice while it arrives) and resumes with Range requests.
 */
import { englishFailure, type FailureDetail } from '../failure-words.ts';
import { RateMeter } from './rate.ts';
import { assertSha256Available, sha256Hex } from './sha256.ts';
import { StallWatch } from './stall-watch.ts';
import { contentLength, describeStatus, resumes } from './response-facts.ts';
import { statedSha256, strongValidator } from './validators.ts';

export interface DownloadProgress {
  /** Bytes received so far (kept across resumed attempts). */
  received: number;
  /** Size of the file when the server said (Content-Length), else undefined. */
  total: number | undefined;
  /** Recent throughput in bytes per second. */
  bytesPerSecond: number;
  /** 1 for the first try, 2 after the first retry, … */
  attempt: number;
  /** The most attempts this download makes (the first and its retries). */
  attempts?: number;
  /**
   * True when an attempt starts, before any answer: reported at once, so that a source that cannot be
   * reached shows as being connected to (and retried), not as whatever the page said before.
   */
  connecting?: boolean;
}

/**
 * `mismatch`: the bytes are not the file the server states (or the one required); `stalled`: nothing
 * arrived for the stall timeout.
 */
export type DownloadFailure = 'http' | 'network' | 'truncated' | 'cancelled' | 'too-large' | 'mismatch' | 'stalled';

/** A failed download; `message` names the file and the problem. */
export class DownloadError extends Error {
  readonly kind: DownloadFailure;
  readonly status: number | undefined;
  readonly url: string;
  /** What went wrong, as data; `message` is its English. */
  readonly detail: FailureDetail;
  constructor(kind: DownloadFailure, detail: FailureDetail, url: string, status?: number) {
    super(englishFailure(detail));
    this.detail = detail;
    this.name = 'DownloadError';
    this.kind = kind;
    this.url = url;
    this.status = status;
  }
}

export interface DownloadOptions {
  /** Shown in messages ("model.safetensors of timm/inception_v4.tf_in1k"). */
  label: string;
  signal?: AbortSignal;
  onProgress?: (progress: DownloadProgress) => void;
  /** Retries after the first attempt (default 3). */
  retries?: number;
  /** Wait before retry n is backoffMs·2^(n−1) (default 500 ms). */
  backoffMs?: number;
  /** Least time between two progress reports (default 100 ms); the last one is always reported. */
  progressIntervalMs?: number;
  /** Refuse anything larger (default 1 GiB): a wrong URL must not exhaust memory. */
  maxBytes?: number;
  /**
   * Abandon an attempt that receives nothing (no response, no bytes) for this long (default 30 s): it is
   * retried like a dropped connection, and the last one fails saying the server stopped sending.
   */
  stallTimeoutMs?: number;
  /** The file's SHA-256 when it is known beforehand (a published checkpoint): a file equal to it is that file. */
  expectedSha256?: string;
  /** Refuse any file but the expected one (the official source must serve the published file). */
  requireExpected?: boolean;
  fetch?: typeof fetch;
}

export interface DownloadedFile {
  bytes: Uint8Array<ArrayBuffer>;
  /** The SHA-256 of `bytes`, 64 lowercase hex digits. */
  sha256: string;
  /** The SHA-256 the server stated (X-Linked-Etag, or a direct response's ETag), which `bytes` matched. */
  statedSha256?: string;
}

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504]);

/** Downloads `url` completely and verified, or throws a DownloadError. */
export async function download(url: string, options: DownloadOptions): Promise<DownloadedFile> {
  const { label, signal, retries = 3, backoffMs = 500, maxBytes = 2 ** 30, stallTimeoutMs = 30_000 } = options;
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const progressIntervalMs = options.progressIntervalMs ?? 100;
  assertSha256Available();
  const state = freshState();
  const meter = new RateMeter();
  let lastReport = -Infinity;
  const report = (attempt: number, force: boolean) => {
    const now = performance.now();
    if (!options.onProgress || (!force && now - lastReport < progressIntervalMs)) return;
    lastReport = now;
    options.onProgress({ received: state.received, total: state.total, bytesPerSecond: meter.rate(now), attempt });
  };

  for (let attempt = 1; ; attempt++) {
    throwIfCancelled(signal, url, label);
    const { received, total } = state;
    options.onProgress?.({ received, total, bytesPerSecond: 0, attempt, attempts: retries + 1, connecting: true });
    try {
      await transfer(url, attempt, state, { doFetch, signal, label, maxBytes, stallTimeoutMs, meter, report });
      report(attempt, true);
      const bytes = state.buffer ?? concat(state.chunks, state.received);
      const sha256 = await sha256Hex(bytes);
      throwIfCancelled(signal, url, label);
      verify(sha256, state.statedSha256, url, options);
      return { bytes, sha256, ...(state.statedSha256 ? { statedSha256: state.statedSha256 } : {}) };
    } catch (error) {
      const failure = asDownloadError(error, url, label, signal);
      // A whole that is not the file: joined from pieces, it is fetched again from zero; in one piece it is
      // what the server serves, and fetching it again would bring the same.
      const joined = state.pieces > 1;
      if (failure.kind === 'mismatch') Object.assign(state, freshState());
      const retryable =
        failure.kind === 'network' ||
        failure.kind === 'truncated' ||
        failure.kind === 'stalled' ||
        (failure.kind === 'mismatch' && joined) ||
        (failure.kind === 'http' && RETRYABLE_STATUS.has(failure.status ?? 0));
      if (!retryable || attempt > retries) {
        if (attempt > 1 && retryable) {
          const gaveUp: FailureDetail = {
            code: 'download.gave-up',
            params: { cause: failure.detail, attempts: attempt },
          };
          throw new DownloadError(failure.kind, gaveUp, failure.url, failure.status);
        }
        throw failure;
      }
      await sleep(backoffMs * 2 ** (attempt - 1), signal, url, label);
    }
  }
}

/** Throws a `mismatch` DownloadError unless `sha256` is the expected file's, or else the one the server states. */
function verify(sha256: string, stated: string | undefined, url: string, options: DownloadOptions): void {
  const { label, expectedSha256, requireExpected } = options;
  // The exact bytes of the expected file are that file, whatever a server's ETag says of them.
  if (expectedSha256 !== undefined && sha256 === expectedSha256) return;
  if (expectedSha256 !== undefined && requireExpected) {
    throw new DownloadError(
      'mismatch',
      { code: 'download.not-published', params: { label, url, sha256, expected: expectedSha256 } },
      url,
    );
  }
  if (stated !== undefined && sha256 !== stated) {
    throw new DownloadError('mismatch', { code: 'download.altered', params: { label, url, sha256, stated } }, url);
  }
}

interface TransferState {
  /** The whole file, when its size is known: filled in place, also across resumed attempts. */
  buffer: Uint8Array<ArrayBuffer> | undefined;
  /** Received pieces, when the size is unknown. */
  chunks: Uint8Array[];
  received: number;
  total: number | undefined;
  /** The strong ETag of the response the bytes came from: the only thing a resumed request is joined on. */
  validator: string | undefined;
  /** The SHA-256 that response stated for the file. */
  statedSha256: string | undefined;
  /** Responses the bytes were joined from (more than one: resumed). */
  pieces: number;
}

function freshState(): TransferState {
  return {
    buffer: undefined,
    chunks: [],
    received: 0,
    total: undefined,
    validator: undefined,
    statedSha256: undefined,
    pieces: 0,
  };
}

interface TransferContext {
  doFetch: typeof fetch;
  signal: AbortSignal | undefined;
  label: string;
  maxBytes: number;
  stallTimeoutMs: number;
  meter: RateMeter;
  report: (attempt: number, force: boolean) => void;
}

/**
 * One attempt: resumes with a Range request when part of a known-size file has already arrived from a
 * response with a strong ETag, sent as If-Range (a server whose file changed then answers 200, the whole
 * new file); without one it starts again from zero.
 */
async function transfer(url: string, attempt: number, state: TransferState, context: TransferContext): Promise<void> {
  const watch = new StallWatch(context.signal, context.stallTimeoutMs);
  try {
    await receive(url, attempt, state, context, watch);
  } catch (error) {
    if (!watch.stalled || context.signal?.aborted) throw error;
    const seconds = context.stallTimeoutMs / 1000;
    const where = watch.responded
      ? {
          received: formatBytes(state.received),
          ...(state.total !== undefined ? { total: formatBytes(state.total) } : {}),
        }
      : {};
    throw new DownloadError(
      'stalled',
      { code: 'download.stalled', params: { label: context.label, url, seconds, ...where } },
      url,
    );
  } finally {
    watch.dispose();
  }
}

/** The attempt itself, under `watch`: its fetch takes the watch's signal, and each piece kicks it. */
async function receive(
  url: string,
  attempt: number,
  state: TransferState,
  context: TransferContext,
  watch: StallWatch,
): Promise<void> {
  const { doFetch, label, maxBytes, meter, report } = context;
  const signal = watch.signal;
  const resumeFrom = state.buffer && state.received > 0 && state.validator !== undefined ? state.received : 0;
  const headers: Record<string, string> =
    resumeFrom > 0 ? { Range: `bytes=${resumeFrom}-`, 'If-Range': state.validator! } : {};
  let response: Response;
  try {
    response = await doFetch(url, { signal, headers, cache: 'no-store' });
  } catch (error) {
    // No answer at all to a resumed request (a CORS preflight refusing If-Range looks the same as a lost
    // connection): the next attempt starts from zero rather than asking the same again.
    if (resumeFrom > 0 && !watch.stalled) Object.assign(state, freshState());
    throw error;
  }
  watch.responded = true;
  watch.kick();
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    const code = response.status === 404 || response.status === 410 ? 'download.not-found' : 'download.http';
    throw new DownloadError(
      'http',
      { code, params: { label, url, status: describeStatus(response) } },
      url,
      response.status,
    );
  }
  if (!response.body) throw new DownloadError('network', { code: 'download.no-body', params: { label, url } }, url);

  // Append only to a confirmed continuation: a 206 whose Content-Range starts where the data stopped and
  // names the same total, carrying the validator it was asked with. Anything else starts over, so a
  // second full response (the size was never announced, the server ignored Range, or the file changed) is
  // never appended to a stale partial one.
  const continues =
    resumeFrom > 0 && resumes(response, resumeFrom, state.total) && strongValidator(response) === state.validator;
  if (!continues && response.status === 206) {
    // A piece of something else (another range, or the file changed on the server): discard it and retry.
    await response.body.cancel().catch(() => undefined);
    Object.assign(state, freshState());
    throw new DownloadError('network', { code: 'download.not-continued', params: { label } }, url);
  }
  if (continues) {
    state.pieces++;
  } else {
    Object.assign(state, {
      received: 0,
      validator: strongValidator(response),
      statedSha256: statedSha256(response),
      pieces: 1,
    });
    state.total = contentLength(response);
    if (state.total !== undefined && state.total > maxBytes) {
      await response.body.cancel();
      throw new DownloadError(
        'too-large',
        { code: 'download.too-large', params: { label, size: formatBytes(state.total), max: formatBytes(maxBytes) } },
        url,
      );
    }
    state.buffer = state.total !== undefined ? new Uint8Array(state.total) : undefined;
    state.chunks = [];
  }
  report(attempt, true);

  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const end = state.received + value.byteLength;
      if (state.buffer) {
        if (end > state.buffer.byteLength) {
          throw new DownloadError(
            'network',
            { code: 'download.more-than-announced', params: { label, size: formatBytes(state.buffer.byteLength) } },
            url,
          );
        }
        state.buffer.set(value, state.received);
      } else {
        if (end > maxBytes)
          throw new DownloadError(
            'too-large',
            { code: 'download.over-limit', params: { label, max: formatBytes(maxBytes) } },
            url,
          );
        state.chunks.push(value);
      }
      state.received = end;
      watch.kick();
      meter.add(performance.now(), value.byteLength);
      report(attempt, false);
    }
  } finally {
    reader.releaseLock();
  }
  if (state.total !== undefined && state.received < state.total) {
    throw new DownloadError(
      'truncated',
      {
        code: 'download.truncated',
        params: { label, received: formatBytes(state.received), total: formatBytes(state.total) },
      },
      url,
    );
  }
}

function asDownloadError(error: unknown, url: string, label: string, signal: AbortSignal | undefined): DownloadError {
  if (signal?.aborted) return cancelled(url, label);
  if (error instanceof DownloadError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new DownloadError('network', { code: 'download.network', params: { label, url, detail } }, url);
}

function cancelled(url: string, label: string): DownloadError {
  return new DownloadError('cancelled', { code: 'download.cancelled', params: { label } }, url);
}

function throwIfCancelled(signal: AbortSignal | undefined, url: string, label: string): void {
  if (signal?.aborted) throw cancelled(url, label);
}

function sleep(ms: number, signal: AbortSignal | undefined, url: string, label: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled(url, label));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

function concat(chunks: readonly Uint8Array[], size: number): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    out.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return out;
}

/** "171.2 MB" (decimal units, as download tools show them). */
export function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} B`;
  const units = ['kB', 'MB', 'GB'];
  let value = bytes / 1000;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return `${value.toFixed(1)} ${units[unit]}`;
}
