/**
 * Failures cross the worker boundary as { kind, message, reason, detail }: Comlink's default error transfer
 * keeps only name, message and stack, and the UI needs the kind (a cancelled download is not an error to
 * show; a bad photo is the photo's problem, not the weights') and the detail as data (a code and its
 * parameters, ../failure-words.ts), which the views word in the reader's language when they show it.
 */
import { transferHandlers, type TransferHandler } from 'comlink';
import { DownloadError } from '../loading/download.ts';
import { WeightsError, type WeightsErrorProblem } from '../loading/load-weights.ts';
import type { NetworkId } from '../../model/types.ts';
import { englishFailure, failureDetailOf, isFailureDetail, type FailureDetail } from '../failure-words.ts';
import type { FailureKind } from './protocol.ts';

/** Why a download failed, as data for advice ("check the mirror's address"). */
export type DownloadReason =
  'not-found' | 'refused' | 'server-error' | 'http' | 'network' | 'cut-short' | 'too-large' | 'mismatch' | 'stalled';

/** What the views turn into advice: a weights file's problem or a download's. */
export type FailureReason = WeightsErrorProblem | DownloadReason;

export class InferenceFailure extends Error {
  readonly kind: FailureKind;
  readonly reason: FailureReason | undefined;
  /** What went wrong, as data; `message` is its English. */
  readonly detail: FailureDetail;
  /** For 'wrong-model': the network whose weights the file is (the view offers to load it there). */
  readonly fits: NetworkId | undefined;
  constructor(kind: FailureKind, detail: FailureDetail, reason?: FailureReason, fits?: NetworkId) {
    super(englishFailure(detail));
    this.name = 'InferenceFailure';
    this.kind = kind;
    this.reason = reason;
    this.detail = detail;
    this.fits = fits;
  }
}

function downloadReason(error: DownloadError): DownloadReason | undefined {
  switch (error.kind) {
    case 'cancelled':
      return undefined;
    case 'network':
      return 'network';
    case 'truncated':
      return 'cut-short';
    case 'too-large':
      return 'too-large';
    case 'mismatch':
      return 'mismatch';
    case 'stalled':
      return 'stalled';
    case 'http': {
      const status = error.status ?? 0;
      if (status === 404 || status === 410) return 'not-found';
      if (status === 401 || status === 403) return 'refused';
      return status >= 500 || status === 408 || status === 429 ? 'server-error' : 'http';
    }
  }
}

/** The kind, message and reason of any error thrown while loading or classifying. */
export function asFailure(error: unknown): InferenceFailure {
  if (error instanceof InferenceFailure) return error;
  if (error instanceof DownloadError) {
    return new InferenceFailure(
      error.kind === 'cancelled' ? 'cancelled' : 'download',
      error.detail,
      downloadReason(error),
    );
  }
  if (error instanceof WeightsError) return new InferenceFailure('weights', error.detail, error.problem, error.fits);
  if (error instanceof Error && error.name === 'AbortError')
    return new InferenceFailure('cancelled', failureDetailOf(error));
  return new InferenceFailure('internal', failureDetailOf(error));
}

interface SerializedThrow {
  isError: boolean;
  value: unknown;
}

/** Replaces Comlink's "throw" handler (on both sides) so failures keep their kind. */
export function installFailureTransfer(): void {
  const original = transferHandlers.get('throw') as TransferHandler<{ value: unknown }, SerializedThrow>;
  const handler: TransferHandler<{ value: unknown }, SerializedThrow> = {
    canHandle: original.canHandle,
    serialize({ value }) {
      if (!(value instanceof Error)) return original.serialize({ value });
      const failure = asFailure(value);
      const { kind, message, reason, detail, fits } = failure;
      return [{ isError: true, value: { kind, message, reason, detail, ...(fits ? { fits } : {}) } }, []];
    },
    deserialize(serialized) {
      if (!serialized.isError) return original.deserialize(serialized);
      const { kind, message, reason, detail, fits } = serialized.value as {
        kind?: FailureKind;
        message?: string;
        reason?: FailureReason;
        detail?: unknown;
        fits?: NetworkId;
      };
      const described = isFailureDetail(detail) ? detail : failureDetailOf(new Error(message));
      throw new InferenceFailure(kind ?? 'internal', described, reason, fits);
    },
  };
  transferHandlers.set('throw', handler as TransferHandler<unknown, unknown>);
}
