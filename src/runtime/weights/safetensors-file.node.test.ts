import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WeightsFileError } from './errors.ts';
import { readSafetensorsFile, writeSafetensorsFile } from './safetensors-file.node.ts';

const dir = mkdtempSync(join(tmpdir(), 'safetensors-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('safetensors files on disk', () => {
  const specs = [
    { name: 'a', shape: [2, 2] },
    { name: 'b', shape: [3], dtype: 'F16' as const },
  ];
  const values = [new Float32Array([1, 2, 3, 4]), new Float32Array([0.25, 0.5, 1])];

  it('streams a file and reads it back, reporting its size and sha256', async () => {
    const path = join(dir, 'ok.safetensors');
    const written = await writeSafetensorsFile(path, specs, (_, i) => values[i]);
    const bytes = readFileSync(path);
    expect(written).toEqual({ bytes: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
    const file = await readSafetensorsFile(path);
    expect(file.fileName).toBe(path);
    expect(file.get('a')!.data).toEqual(values[0]);
    expect(file.get('b')!.data).toEqual(values[1]);
  });

  it('leaves no file behind when producing a tensor fails', async () => {
    const path = join(dir, 'failed.safetensors');
    await expect(
      writeSafetensorsFile(path, specs, (spec) => {
        if (spec.name === 'b') throw new Error('generator broke');
        return values[0];
      }),
    ).rejects.toThrow('generator broke');
    expect(readdirSync(dir).filter((f) => f.startsWith('failed'))).toEqual([]);
  });

  it('names the file it cannot read', async () => {
    const path = join(dir, 'absent.safetensors');
    const error = await readSafetensorsFile(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WeightsFileError);
    expect((error as Error).message).toBe(`${path}: cannot read the weights file (no such file)`);
  });

  it('refuses a device or a named pipe at once instead of reading for ever (issue 16, item 11)', async () => {
    const zero = await readSafetensorsFile('/dev/zero').catch((e: unknown) => e);
    expect((zero as Error).message).toBe(
      '/dev/zero: cannot read the weights file (it is a device, not a regular file)',
    );
    const fifo = join(dir, 'pipe.safetensors');
    execFileSync('mkfifo', [fifo]);
    const piped = await readSafetensorsFile(fifo).catch((e: unknown) => e);
    expect((piped as Error).message).toBe(
      `${fifo}: cannot read the weights file (it is a named pipe, not a regular file)`,
    );
  });
});
