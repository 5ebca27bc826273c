/**
 * Vitest's global setup (vitest.config.ts): the run's tests get a temporary directory of their own
 * (TMPDIR, TMP and TEMP, which os.tmpdir() and child processes read), and the run fails, naming what
 * is left, if the tests leave anything in it: each test removes what it makes (afterAll, finally). The
 * directory itself is removed either way, so that even a failing run leaves the system's temp dir as
 * it found it.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const VARIABLES = ['TMPDIR', 'TMP', 'TEMP'] as const;

/**
 * Not a test's leftover: tsx's compile cache (<tmp>/tsx-<uid>), made by the command-line runs the tests
 * spawn (bin/inception-explorer.js runs through tsx). tsx keeps it in the system temp dir for every use
 * of the CLI; here it goes with the run's directory.
 */
const TOOL_CACHES = [/^tsx-\d+$/];

export function guardTempDir(onLeft: (entries: string[]) => void = failRun): () => void {
  const saved = VARIABLES.map((name) => process.env[name]);
  const dir = mkdtempSync(join(tmpdir(), 'inception-explorer-tests-'));
  for (const name of VARIABLES) process.env[name] = dir;
  return () => {
    VARIABLES.forEach((name, i) => {
      if (saved[i] === undefined) delete process.env[name];
      else process.env[name] = saved[i];
    });
    const left = readdirSync(dir)
      .filter((entry) => !TOOL_CACHES.some((cache) => cache.test(entry)))
      .sort();
    rmSync(dir, { recursive: true, force: true });
    if (left.length > 0) onLeft(left);
  };
}

/** A throw in a global teardown is only logged by Vitest: the exit status is what fails `npm test`. */
function failRun(entries: string[]): void {
  const what = entries.length === 1 ? 'this' : `these ${entries.length}`;
  console.error(
    `The tests left ${what} in the temporary directory (each test removes what it makes): ` + entries.join(', '),
  );
  process.exitCode = 1;
}

export default function setup(): () => void {
  return guardTempDir();
}
