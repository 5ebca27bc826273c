import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { captureIo } from '../testing/cli/capture-io.ts';
import { main, usage } from './main.ts';

/** Every command the overall usage lists, with its own usage (some run on over several lines). */
const COMMANDS = usage()
  .replace(/^usage:\n {2}/, '')
  .split(/\n {2}(?=inception-explorer )/)
  .map((text) => ({ name: text.split(' ')[1], usage: text }));

describe('inception-explorer <command> --help', () => {
  it('covers every command', () => {
    expect(COMMANDS.map((c) => c.name)).toEqual([
      'summary',
      'make-weights',
      'preprocess',
      'classify',
      'evaluate',
      'export-onnx',
      'activations',
      'cam',
      'channel-examples',
      'train',
      'visualize',
    ]);
  });

  for (const command of COMMANDS) {
    for (const flag of ['--help', '-h']) {
      it(`${command.name} ${flag} prints its usage on stdout and exits 0, even among other arguments`, async () => {
        for (const args of [[flag], ['photo.jpg', '--model', 'inception-v4', flag]]) {
          const io = captureIo();
          expect(await main([command.name, ...args], io), args.join(' ')).toBe(0);
          expect(io.stdout).toBe(`usage: ${command.usage}\n`);
          expect(io.stderr).toBe('');
        }
      });
    }
  }

  it('after "--" a "--help" is an operand, not a request for help', async () => {
    const io = captureIo();
    expect(await main(['summary', '--', '--help'], io)).toBe(2);
    expect(io.stdout).toBe('');
    expect(io.stderr).toContain('unknown model "--help"');
  });

  it('exits 0 from the installed command too', () => {
    const bin = fileURLToPath(new URL('../../bin/inception-explorer.js', import.meta.url));
    const stdout = execFileSync(process.execPath, [bin, 'classify', '--help'], { encoding: 'utf8' });
    expect(stdout).toBe(`usage: ${COMMANDS.find((c) => c.name === 'classify')!.usage}\n`);
  });
});
