import type { FileHandle } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { jsonLinesLog } from './json-lines-log.ts';

/** A handle whose writes finish in the time given per call, recording text in the order they finish. */
function slowHandle(delays: number[], failAt?: number) {
  const written: string[] = [];
  let calls = 0;
  let closed = false;
  const handle = {
    write: (chunk: Uint8Array, offset = 0, length = chunk.length) => {
      const call = calls++;
      return new Promise((resolve, reject) =>
        setTimeout(() => {
          if (call === failAt) {
            reject(Object.assign(new Error('no space left on device'), { code: 'ENOSPC' }));
            return;
          }
          written.push(new TextDecoder().decode(chunk.subarray(offset, offset + length)));
          resolve({ bytesWritten: length, buffer: chunk });
        }, delays[call] ?? 0),
      );
    },
    close: () => {
      closed = true;
      return Promise.resolve();
    },
  } as unknown as Pick<FileHandle, 'write' | 'close'>;
  return { handle, written, closed: () => closed };
}

describe('jsonLinesLog', () => {
  it('writes lines in the order they were appended, though the first write is the slowest', async () => {
    const { handle, written, closed } = slowHandle([30, 0, 10]);
    const log = jsonLinesLog(handle, 'run.jsonl');
    log.append({ step: 1 });
    log.append({ step: 2 });
    log.append({ step: 3 });
    await log.close();
    expect(written.join('')).toBe('{"step":1}\n{"step":2}\n{"step":3}\n');
    expect(closed()).toBe(true);
  });

  it('throws a failed write at the next flush, naming the file, and still closes it', async () => {
    const { handle, written, closed } = slowHandle([0, 0, 0], 1);
    const log = jsonLinesLog(handle, 'run.jsonl');
    log.append({ step: 1 });
    log.append({ step: 2 });
    log.append({ step: 3 });
    await expect(log.flush()).rejects.toThrow(/^--log run\.jsonl: cannot write it \(.*\)$/);
    expect(written).toEqual(['{"step":1}\n']);
    await expect(log.close()).rejects.toThrow(/run\.jsonl/);
    expect(closed()).toBe(true);
  });
});
