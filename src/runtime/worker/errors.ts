/**
 * Failures cross the worker boundary as { kind, message }: Comlink's default error transfer keeps only
 * name, message and stack, and the UI needs the kind (a cancelled download is not an error to show;
 * a bad photo is the photo's problem, not the weights').
 */
import { transferHandlers, type TransferHandler } from 'comlink';
import { DownloadError } from '../loading/download.ts';
import { WeightsError } from '../loading/load-weights.ts';
import type { FailureKind } from './protocol.ts';

export class InferenceFailure extends Error {
  readonly kind: FailureKind;
  constructor(kind: FailureKind, message: string) {
    super(message);
    this.name = 'InferenceFailure';
    this.kind = kind;
  }
}

/** The kind and message of any error thrown while loading or classifying. */
export function asFailure(error: unknown): InferenceFailure {
  if (error instanceof InferenceFailure) return error;
  if (error instanceof DownloadError) return new InferenceFailure(error.kind === 'cancelled' ? 'cancelled' : 'download', error.message);
  if (error instanceof WeightsError) return new InferenceFailure('weights', error.message);
  if (error instanceof Error && error.name === 'AbortError') return new InferenceFailure('cancelled', error.message);
  const message = error instanceof Error ? error.message : String(error);
  return new InferenceFailure('internal', message || 'unknown error');
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
      return [{ isError: true, value: { kind: failure.kind, message: failure.message } }, []];
    },
    deserialize(serialized) {
      if (!serialized.isError) return original.deserialize(serialized);
      const { kind, message } = serialized.value as { kind?: FailureKind; message?: string };
      throw new InferenceFailure(kind ?? 'internal', message ?? 'unknown error');
    },
  };
  transferHandlers.set('throw', handler as TransferHandler<unknown, unknown>);
}
