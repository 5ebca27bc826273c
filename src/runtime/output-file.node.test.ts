import { execFileSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { OutputFileError, writeOutputBytes, writeOutputFile, writeAll } from './output-file.node.ts';

const dir = mkdtempSync(join(tmpdir(), 'output-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bytes = Uint8Array.of(1, 2, 3);
const refusal = (path: string) =>
  writeOutputBytes(path, bytes, '--out').then(
    () => 'written',
    (error: Error) => error,
  );

describe('writeOutputFile', () => {
  it('writes a new file and replaces an existing regular file, leaving no temporary file', async () => {
    const path = join(dir, 'a.bin');
    await writeOutputBytes(path, bytes);
    writeFileSync(join(dir, 'b.bin'), 'old');
    await writeOutputBytes(join(dir, 'b.bin'), bytes);
    expect([...readFileSync(path)]).toEqual([1, 2, 3]);
    expect([...readFileSync(join(dir, 'b.bin'))]).toEqual([1, 2, 3]);
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('refuses a symbolic link and leaves it and its target alone', async () => {
    const target = join(dir, 'target.bin');
    writeFileSync(target, 'keep');
    const link = join(dir, 'link.bin');
    symlinkSync(target, link);
    const error = await refusal(link);
    expect(error).toBeInstanceOf(OutputFileError);
    expect((error as Error).message).toBe(
      `--out ${link}: it is a symbolic link (give the path it points to, or a new file name)`,
    );
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(target);
    expect(readFileSync(target, 'utf8')).toBe('keep');
  });

  it('refuses a device, a named pipe and a directory, leaving nothing behind', async () => {
    expect(((await refusal('/dev/full')) as Error).message).toBe('--out /dev/full: it is a device, not a regular file');
    expect(lstatSync('/dev/full').isCharacterDevice()).toBe(true);
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    expect(((await refusal(fifo)) as Error).message).toBe(`--out ${fifo}: it is a named pipe, not a regular file`);
    const folder = join(dir, 'folder');
    mkdirSync(folder);
    expect(((await refusal(folder)) as Error).message).toBe(
      `--out ${folder}: it is a directory (give a file name inside it)`,
    );
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
  });

  it('refuses a path whose folder does not exist', async () => {
    const path = join(dir, 'nowhere', 'x.bin');
    expect(((await refusal(path)) as Error).message).toBe(
      `--out ${path}: the folder ${join(dir, 'nowhere')} does not exist`,
    );
  });

  it('on a failure mid-write (disk full, permission, the producer) removes the partial file and keeps the target', async () => {
    const path = join(dir, 'kept.bin');
    writeFileSync(path, 'previous');
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const error = await writeOutputFile(
      path,
      async (handle) => {
        await writeAll(handle, new Uint8Array(4096));
        throw full;
      },
      '--out',
    ).catch((e: Error) => e);
    expect((error as Error).message).toBe(`--out ${path}: cannot write it (no space left on the device)`);
    expect(readFileSync(path, 'utf8')).toBe('previous');
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
    const denied = Object.assign(new Error('EACCES'), { code: 'EACCES' });
    const again = await writeOutputFile(join(dir, 'new.bin'), () => Promise.reject(denied)).catch((e: Error) => e);
    expect((again as Error).message).toContain('cannot write it (permission denied)');
    expect(existsSync(join(dir, 'new.bin'))).toBe(false);
  });
});
