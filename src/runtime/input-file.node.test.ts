import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InputFileError } from './file-errors.node.ts';
import { readInputFile, readInputText } from './input-file.node.ts';

const dir = mkdtempSync(join(tmpdir(), 'input-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const failure = (path: string) =>
  readInputFile(path).then(
    () => 'read',
    (e: unknown) => (e instanceof InputFileError ? e.message : String(e)),
  );

describe('readInputFile', () => {
  it('reads a regular file', async () => {
    const path = join(dir, 'a.txt');
    writeFileSync(path, 'héllo');
    expect(new TextDecoder().decode(await readInputFile(path))).toBe('héllo');
    expect(await readInputText(path)).toBe('héllo');
  });

  it('refuses a device, a named pipe and a directory at once, and says why a file is missing', async () => {
    const fifo = join(dir, 'pipe.f32');
    execFileSync('mkfifo', [fifo]);
    expect(await failure('/dev/zero')).toBe('/dev/zero: it is a device, not a regular file');
    expect(await failure(fifo)).toBe(`${fifo}: it is a named pipe, not a regular file`);
    expect(await failure(dir)).toBe(`${dir}: it is a directory`);
    expect(await failure(join(dir, 'missing'))).toBe(`${join(dir, 'missing')}: no such file`);
  }, 5_000);
});
