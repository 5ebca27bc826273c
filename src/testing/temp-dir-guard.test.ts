import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { guardTempDir } from './temp-dir-guard.ts';

describe('guardTempDir', () => {
  it('gives the run a temp dir of its own, names what is left in it, and removes it', () => {
    const before = tmpdir();
    const left: string[][] = [];
    const teardown = guardTempDir((entries) => left.push(entries));
    const dir = tmpdir();
    try {
      expect(dir).not.toBe(before);
      expect(dir.startsWith(join(before, 'inception-explorer-tests-'))).toBe(true);
      mkdirSync(join(mkdtempSync(join(dir, 'forgotten-')), 'inside'));
      writeFileSync(join(dir, 'stray.txt'), '');
      mkdirSync(join(dir, 'tsx-0'));
    } finally {
      teardown();
    }
    expect(tmpdir()).toBe(before);
    expect(existsSync(dir)).toBe(false);
    expect(left).toEqual([[expect.stringMatching(/^forgotten-/), 'stray.txt']]);
  });

  it('says nothing when the tests removed what they made', () => {
    const left: string[][] = [];
    const teardown = guardTempDir((entries) => left.push(entries));
    const dir = tmpdir();
    const made = mkdtempSync(join(dir, 'tidy-'));
    writeFileSync(join(made, 'x'), '');
    rmSync(made, { recursive: true, force: true });
    teardown();
    expect(left).toEqual([]);
    expect(existsSync(dir)).toBe(false);
  });
});
