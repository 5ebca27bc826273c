import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../model/analysis/analyze.ts';
import type { TensorKind } from '../model/analysis/checkpoint.ts';
import { NETWORKS } from '../model/networks/index.ts';
import { checkWeights } from '../runtime/weights/check-weights.ts';
import { recipeTensor } from '../runtime/weights/recipe.ts';
import { readSafetensorsFile } from '../runtime/weights/safetensors-file.node.ts';
import { isStandIn } from '../runtime/weights/stand-in.ts';
import { loadManifest } from '../testing/fixtures.ts';
import { main } from './main.ts';
import { captureIo } from '../testing/cli/capture-io.ts';

const dir = mkdtempSync(join(tmpdir(), 'make-weights-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('inception-explorer make-weights', () => {
  it('writes the Inception-v4 recipe weights: the file parses, fits the definition and holds the recipe values', async () => {
    const out = join(dir, 'v4.safetensors');
    const io = captureIo();
    expect(await main(['make-weights', '--model', 'inception-v4', '--out', out], io)).toBe(0);
    const bytes = readFileSync(out);
    expect(io.stdout).toContain(`wrote ${out}: recipe weights (fixtures/timm/recipe.md) of Inception-v4, 747 tensors`);
    expect(io.stdout).toContain(`sha256 ${createHash('sha256').update(bytes).digest('hex')}`);
    expect(io.stdout).toContain(
      'stand-in weights (marked so in the file): they load and run like the checkpoint, but the predictions mean nothing',
    );
    expect(readdirSync(dir)).toEqual(['v4.safetensors']);

    const file = await readSafetensorsFile(out);
    expect(file.byteLength).toBe(bytes.length);
    // Marked as stand-in weights, beside PyTorch's own entry: whatever loads the file says what it is.
    expect(file.metadata).toEqual({
      format: 'pt',
      inception_explorer_weights: 'stand-in',
      note: expect.stringContaining('the predictions mean nothing'),
    });
    expect(isStandIn(file.metadata)).toBe(true);
    expect(checkWeights(analyzeNetwork(NETWORKS['inception-v4'].released!), file, out)).toEqual({
      ok: true,
      tensors: 747,
    });
    const manifest = loadManifest('inception_v4');
    expect(file.names()).toEqual(manifest.tensors.map((t) => t.name));
    for (const name of [
      'features.0.conv.weight',
      'features.11.branch1.1.conv.weight',
      'features.21.branch3.1.bn.running_var',
      'last_linear.bias',
    ]) {
      const t = manifest.tensors.find((m) => m.name === name)!;
      const expected = recipeTensor(t.name, t.shape, t.kind as TensorKind);
      expect(
        Buffer.from(expected.buffer).equals(
          Buffer.from(file.get(name)!.data.buffer, file.get(name)!.data.byteOffset, expected.byteLength),
        ),
      ).toBe(true);
    }
  });

  it.each([
    [
      ['--model', 'inception-v3', '--out', 'x.safetensors'],
      'unknown model "inception-v3"; valid models: inception-v4, inception-resnet-v2',
    ],
    [
      ['--model', 'inception-resnet-v1', '--out', 'x.safetensors'],
      'model "inception-resnet-v1" has no released checkpoint (nothing to make weights for); valid models: inception-v4, inception-resnet-v2',
    ],
    [['--model', 'inception-v4'], '--model and --out are required'],
    [['--model', 'inception-v4', '--out', 'weights.bin'], '--out weights.bin: the file name must end in .safetensors'],
    [['--model', 'inception-v4', '--out', 'a.safetensors', 'extra'], 'unexpected argument "extra"'],
    [['--model', 'inception-v4', '--out', 'a.safetensors', '--fp16'], "Unknown option '--fp16'"],
  ])('%j exits 2 with a clear message', async (args, message) => {
    const io = captureIo();
    expect(await main(['make-weights', ...args], io)).toBe(2);
    expect(io.stderr).toContain(`inception-explorer make-weights: ${message}`);
    expect(io.stdout).toBe('');
  });

  it('exits 1 naming a directory that does not exist or an output that is a directory', async () => {
    const missing = join(dir, 'nowhere', 'v4.safetensors');
    const io = captureIo();
    expect(await main(['make-weights', '--model', 'inception-v4', '--out', missing], io)).toBe(1);
    expect(io.stderr).toContain(`--out ${missing}: the folder ${join(dir, 'nowhere')} does not exist`);
    const folder = join(dir, 'folder.safetensors');
    mkdirSync(folder);
    const io2 = captureIo();
    expect(await main(['make-weights', '--model', 'inception-v4', '--out', folder], io2)).toBe(1);
    expect(io2.stderr).toContain(`--out ${folder}: it is a directory`);
    expect(existsSync(missing)).toBe(false);
  });

  it('never replaces a symbolic link with a file (issue 16, item 5)', async () => {
    const target = join(dir, 'elsewhere.txt');
    writeFileSync(target, 'keep');
    const link = join(dir, 'link.safetensors');
    symlinkSync(target, link);
    const io = captureIo();
    expect(await main(['make-weights', '--model', 'inception-v4', '--out', link], io)).toBe(1);
    expect(io.stderr).toBe(
      `inception-explorer make-weights: --out ${link}: it is a symbolic link (give the path it points to, or a new file name)\n`,
    );
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readFileSync(target, 'utf8')).toBe('keep');
    expect(readdirSync(dir).filter((f) => f.includes('partial'))).toEqual([]);
    rmSync(link);
    rmSync(target);
  });

  it('runs as `npx inception-explorer make-weights`, exiting non-zero on bad arguments', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    let status = 0;
    let stderr = '';
    try {
      execFileSync(
        'npx',
        ['--no-install', 'inception-explorer', 'make-weights', '--model', 'alexnet', '--out', 'a.safetensors'],
        { cwd: root, encoding: 'utf8', stdio: 'pipe' },
      );
    } catch (error) {
      ({ status, stderr } = error as { status: number; stderr: string });
    }
    expect(status).toBe(2);
    expect(stderr).toContain('unknown model "alexnet"');
  });
});
