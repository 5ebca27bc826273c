import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from './main.ts';
import { captureIo } from '../testing/cli/capture-io.ts';

describe('inception-explorer summary', () => {
  it('prints exactly one JSON object with the figures of the released Inception-v4', async () => {
    const io = captureIo();
    expect(await main(['summary', 'inception-v4', '--json'], io)).toBe(0);
    const summary = JSON.parse(io.stdout);
    expect(summary).toMatchObject({
      model: 'inception-v4',
      variant: 'released',
      input: [299, 299, 3],
      params: 42679816,
      macs: 12253974624,
      problems: [],
    });
    expect(summary.stages.map((s: { name: string; count: number }) => `${s.count}×${s.name}`)).toEqual([
      '1×Stem',
      '4×Inception-A',
      '1×Reduction-A',
      '7×Inception-B',
      '1×Reduction-B',
      '3×Inception-C',
      '1×Classifier',
    ]);
    const total = summary.stages.reduce((n: number, s: { params: number }) => n + s.params, 0);
    expect(total).toBe(summary.params);
  });

  it('reports the paper Inception-ResNet-v2 problems in JSON', async () => {
    const io = captureIo();
    await main(['summary', 'inception-resnet-v2', '--variant', 'paper', '--json'], io);
    const { problems } = JSON.parse(io.stdout);
    expect(problems.map((p: { message: string }) => p.message.match(/\((\d+ vs \d+)\)/)?.[1])).toEqual([
      '1152 vs 1154',
      '2146 vs 2048',
    ]);
  });

  it('prints a readable table with shares of the total', async () => {
    const io = captureIo();
    await main(['summary', 'inception-resnet-v2'], io);
    expect(io.stdout).toMatch(/20 × Inception-ResNet-B\s+17×17×1088/);
    expect(io.stdout).toContain('55,843,464');
    expect(io.stdout).toContain('13,155,794,016');
  });

  it('summarises a small network, which has one form', async () => {
    const io = captureIo();
    expect(await main(['summary', 'inception-resnet-v2-s', '--json'], io)).toBe(0);
    const summary = JSON.parse(io.stdout);
    expect(summary).toMatchObject({
      model: 'inception-resnet-v2-s',
      variant: 'released',
      input: [32, 32, 3],
      problems: [],
    });
    const stage = (s: { name: string; count: number; output: number[] }) =>
      `${s.count}×${s.name} ${s.output.join('×')}`;
    expect(summary.stages.map(stage)).toEqual([
      '1×Stem 32×32×48',
      '1×Mixed_5b 32×32×80',
      '1×Inception-ResNet-A 32×32×80',
      '1×Reduction-A 15×15×272',
      '2×Inception-ResNet-B 15×15×272',
      '1×Reduction-B 7×7×520',
      '1×Inception-ResNet-C 7×7×520',
      '1×Inception-ResNet-C 7×7×520',
      '1×1×1 conv, 384 7×7×384',
      '1×Classifier 10',
    ]);
    const text = captureIo();
    await main(['summary', 'inception-resnet-v2-s'], text);
    expect(text.stdout).toContain('inception-resnet-v2-s (released), input 32×32×3');
    const paper = captureIo();
    expect(await main(['summary', 'inception-v4-s', '--variant', 'paper'], paper)).toBe(2);
    expect(paper.stderr).toContain('model "inception-v4-s" has no variant "paper"; valid variants: released');
  });

  it('exits non-zero listing the valid models or variants', async () => {
    const io = captureIo();
    expect(await main(['summary', 'inception-v3'], io)).toBe(2);
    expect(io.stderr).toContain('valid models: inception-v4, inception-resnet-v1, inception-resnet-v2');
    const io2 = captureIo();
    expect(await main(['summary', 'inception-resnet-v1', '--variant', 'released'], io2)).toBe(2);
    expect(io2.stderr).toContain('valid variants: paper');
  });

  it('runs as `npx inception-explorer` from the repository root', () => {
    const root = fileURLToPath(new URL('../../', import.meta.url));
    const out = execFileSync(
      'npx',
      ['--no-install', 'inception-explorer', 'summary', 'inception-resnet-v2', '--json'],
      { cwd: root, encoding: 'utf8' },
    );
    expect(JSON.parse(out)).toMatchObject({ params: 55843464, macs: 13155794016 });
  });
});
