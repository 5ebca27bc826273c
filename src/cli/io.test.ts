import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { printable, processIo } from './io.ts';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('printable', () => {
  it('writes control characters as escapes, keeping line breaks, tabs and other text', () => {
    expect(printable('\x1b[31mred.jpg\x1b[0m')).toBe('\\x1b[31mred.jpg\\x1b[0m');
    expect(printable('a\rb\x07\x00\x7f\x9bc')).toBe('a\\x0db\\x07\\x00\\x7f\\x9bc');
    expect(printable('one\ttwo\nthree 猫.jpg')).toBe('one\ttwo\nthree 猫.jpg');
  });
});

describe('processIo', () => {
  afterEach(() => vi.restoreAllMocks());

  it('prints what it is given with control characters escaped, one line break at the end', () => {
    const written: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => (written.push(String(chunk)), true));
    processIo.err('\x1b]0;owned\x07photo.jpg: no such file');
    processIo.out('line\n');
    expect(written).toEqual(['\\x1b]0;owned\\x07photo.jpg: no such file\n', 'line\n']);
  });

  it('in the command: a file name with escape sequences is printed escaped', () => {
    const name = '/tmp/\x1b[2J\x1b[31mcat.jpg';
    const run = spawnSync(
      'node',
      [
        'bin/inception-explorer.js',
        'classify',
        name,
        '--model',
        'inception-v4',
        '--weights',
        '/nonexistent.safetensors',
      ],
      { cwd: root, encoding: 'utf8' },
    );
    expect(run.status).toBe(1);
    expect(run.stderr).not.toContain('\x1b');
    expect(run.stderr).toContain('\\x1b[2J\\x1b[31m');
  }, 60_000);
});
