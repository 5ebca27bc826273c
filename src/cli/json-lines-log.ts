/**
 * A JSON-lines log written while work goes on (`train --log`). Node's FileHandle.write is unsafe to call
 * again before the last call settled (the writes may land out of order), and a failed write that nobody
 * awaits is lost: lines are appended one after another on a chain, and the first failure is kept and
 * thrown by the next `flush` or `close`, naming the file.
 */
import type { FileHandle } from 'node:fs/promises';
import { fileErrorReason } from '../runtime/file-errors.node.ts';
import { OutputFileError, writeAll } from '../runtime/output-file.node.ts';

export interface JsonLinesLog {
  /** Queues one value as a line; returns at once. */
  append(value: unknown): void;
  /** Resolves once every queued line is written; throws the first write's failure. */
  flush(): Promise<void>;
  /** Flushes, then closes the file (closed also when a write failed). */
  close(): Promise<void>;
}

export function jsonLinesLog(handle: Pick<FileHandle, 'write' | 'close'>, path: string, label = '--log'): JsonLinesLog {
  const encoder = new TextEncoder();
  let chain = Promise.resolve();
  let failure: unknown;
  const flush = async () => {
    await chain;
    if (failure !== undefined) {
      throw new OutputFileError(`${label} ${path}: cannot write it (${fileErrorReason(failure)})`, { cause: failure });
    }
  };
  return {
    append(value) {
      const bytes = encoder.encode(`${JSON.stringify(value)}\n`);
      chain = chain.then(async () => {
        if (failure === undefined)
          await writeAll(handle as FileHandle, bytes).catch((error: unknown) => {
            failure = error;
          });
      });
    },
    flush,
    async close() {
      try {
        await flush();
      } finally {
        await handle.close();
      }
    },
  };
}
