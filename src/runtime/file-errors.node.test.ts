import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fileErrorReason } from './file-errors.node.ts';

const reasonReading = (path: string) => readFile(path).then(() => 'read', fileErrorReason);

describe('fileErrorReason', () => {
  it('says in words why a real read failed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'file-errors-'));
    try {
      expect(await reasonReading(join(dir, 'missing.jpg'))).toBe('no such file');
      expect(await reasonReading(dir)).toBe('it is a directory');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps the message of an error it has no words for', () => {
    expect(fileErrorReason(Object.assign(new Error('ELOOP: too many symbolic links'), { code: 'ELOOP' }))).toBe(
      'ELOOP: too many symbolic links',
    );
    expect(fileErrorReason(new Error('odd'))).toBe('odd');
    expect(fileErrorReason(Object.assign(new Error('EACCES: permission denied, open'), { code: 'EACCES' }))).toBe(
      'permission denied',
    );
  });
});
