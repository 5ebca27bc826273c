/**
 * The training worker's own failures, as codes (runtime/failure-words-training.ts), and their way to the
 * page: Comlink sends a thrown error's message, name and stack, so the worker adds its failure (`detail`),
 * which Comlink's receiving side puts back on the error it throws, for the page to word in its reader's
 * language.
 */
import { transferHandlers, type TransferHandler } from 'comlink';
import { englishFailure, failureDetailOf, type FailureDetail } from '../failure-words.ts';

export class TrainingFailure extends Error {
  constructor(readonly detail: FailureDetail) {
    super(englishFailure(detail));
  }
}

interface SerializedThrow {
  isError: boolean;
  value: unknown;
}

/** Makes the errors this realm sends over Comlink carry their failure (`detail`) beside the message. */
export function sendFailureDetails(): void {
  const original = transferHandlers.get('throw') as TransferHandler<{ value: unknown }, SerializedThrow>;
  transferHandlers.set('throw', {
    canHandle: original.canHandle,
    serialize(thrown: { value: unknown }) {
      const [serialized, transferables] = original.serialize(thrown);
      if (!serialized.isError || !(thrown.value instanceof Error)) return [serialized, transferables];
      const value = { ...(serialized.value as object), detail: failureDetailOf(thrown.value) };
      return [{ isError: true, value }, transferables];
    },
    deserialize: original.deserialize,
  } as TransferHandler<unknown, unknown>);
}
