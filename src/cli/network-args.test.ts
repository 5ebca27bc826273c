import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { inceptionV4Released } from '../model/networks/inception-v4.ts';
import { loadInput } from './network-args.ts';

const dir = mkdtempSync(join(tmpdir(), 'network-args-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadInput', () => {
  it('refuses a .f32 input or a photo that is a named pipe or a device at once, as every input file', async () => {
    const fifo = join(dir, 'pipe.f32');
    execFileSync('mkfifo', [fifo]);
    await expect(loadInput(fifo, inceptionV4Released)).rejects.toThrow(
      `${fifo}: cannot read the input (it is a named pipe, not a regular file)`,
    );
    const photo = join(dir, 'pipe.jpg');
    execFileSync('mkfifo', [photo]);
    await expect(loadInput(photo, inceptionV4Released)).rejects.toThrow(
      `${photo}: it is a named pipe, not a regular file`,
    );
    await expect(loadInput('/dev/zero', inceptionV4Released)).rejects.toThrow(
      '/dev/zero: it is a device, not a regular file',
    );
  }, 5_000);
});
