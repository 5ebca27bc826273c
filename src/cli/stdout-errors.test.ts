import { spawnSync } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe("the command's own output", () => {
  it('sent to a full disk ends with one line and status 1, not a stack trace (issue 16, item 6)', () => {
    const full = openSync('/dev/full', 'w');
    try {
      const run = spawnSync('node', ['bin/inception-explorer.js', 'summary', 'inception-resnet-v2', '--json'], {
        cwd: root,
        stdio: ['ignore', full, 'pipe'],
        encoding: 'utf8',
      });
      expect(run.status).toBe(1);
      expect(run.stderr).toBe('inception-explorer: cannot write the output (no space left on the device)\n');
    } finally {
      closeSync(full);
    }
  });
});
