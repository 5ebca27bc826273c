import { describe, expect, it } from 'vitest';
import { concat, conv, dense, globalAvgPool, linearConv, maxPool, repeat, residual, seq } from '../builders.ts';
import { NETWORKS } from '../networks/index.ts';
import type { NetworkDefinition, Node } from '../types.ts';
import { analyzeNetwork, walk } from './analyze.ts';

const stageOutputs = (net: NetworkDefinition) =>
  Object.fromEntries(analyzeNetwork(net).stages.map((s) => [s.address, s.output.join('×')]));

function tiny(stages: Node[]): NetworkDefinition {
  return { id: 'inception-v4', variant: 'paper', title: 'test', source: 'test', input: [9, 9, 3], classes: 4, stages };
}

describe('the released networks match timm', () => {
  it('Inception-v4 has 42,679,816 parameters and 12,253,974,624 multiply-adds', () => {
    const a = analyzeNetwork(NETWORKS['inception-v4'].released!);
    expect(a.params).toBe(42_679_816);
    expect(a.macs).toBe(12_253_974_624);
    expect(a.output).toEqual([1000]);
  });

  it('Inception-ResNet-v2 has 55,843,464 parameters and 13,155,794,016 multiply-adds', () => {
    const a = analyzeNetwork(NETWORKS['inception-resnet-v2'].released!);
    expect(a.params).toBe(55_843_464);
    expect(a.macs).toBe(13_155_794_016);
  });

  it('has the released Inception-ResNet-v2 stage shapes', () => {
    expect(stageOutputs(NETWORKS['inception-resnet-v2'].released!)).toEqual({
      stem: '35×35×192',
      'mixed-5b': '35×35×320',
      'inception-resnet-a': '35×35×320',
      'reduction-a': '17×17×1088',
      'inception-resnet-b': '17×17×1088',
      'reduction-b': '8×8×2080',
      'inception-resnet-c': '8×8×2080',
      'inception-resnet-c-final': '8×8×2080',
      'conv2d-7b-1x1': '8×8×1536',
      head: '1000',
    });
  });

  it('counts 244 convolutions in the released Inception-ResNet-v2 and 149 in Inception-v4', () => {
    const convs = (net: NetworkDefinition) =>
      analyzeNetwork(net)
        .stages.flatMap((s) => [...walk(s)])
        .filter((n) => n.node.kind === 'conv').length;
    expect(convs(NETWORKS['inception-resnet-v2'].released!)).toBe(244);
    expect(convs(NETWORKS['inception-v4'].released!)).toBe(149);
  });
});

describe('the paper networks', () => {
  it('Inception-v4 reaches 35×35×384, 17×17×1024 and 8×8×1536 (Fig. 9)', () => {
    const out = stageOutputs(NETWORKS['inception-v4'].paper!);
    expect([
      out.stem,
      out['inception-a'],
      out['reduction-a'],
      out['inception-b'],
      out['reduction-b'],
      out['inception-c'],
    ]).toEqual(['35×35×384', '35×35×384', '17×17×1024', '17×17×1024', '8×8×1536', '8×8×1536']);
  });

  it('Inception-ResNet-v1 reaches 35×35×256, 17×17×896 and 8×8×1792 (Fig. 15)', () => {
    const out = stageOutputs(NETWORKS['inception-resnet-v1'].paper!);
    expect([
      out.stem,
      out['inception-resnet-a'],
      out['reduction-a'],
      out['inception-resnet-b'],
      out['reduction-b'],
      out['inception-resnet-c'],
    ]).toEqual(['35×35×256', '35×35×256', '17×17×896', '17×17×896', '8×8×1792', '8×8×1792']);
  });

  it('paper and released Inception-v4 have the same parameter count (only kernel and branch order differ)', () => {
    expect(analyzeNetwork(NETWORKS['inception-v4'].paper!).params).toBe(42_679_816);
  });

  it('the paper Inception-ResNet-v2 reports exactly its 1152-vs-1154 and 2146-vs-2048 inconsistencies', () => {
    const { problems } = analyzeNetwork(NETWORKS['inception-resnet-v2'].paper!);
    expect(problems).toHaveLength(2);
    expect(problems[0].node).toMatch(/^Inception-ResNet-B/);
    expect(problems[0].message).toContain('1152 vs 1154');
    expect(problems[1].node).toMatch(/^Inception-ResNet-C/);
    expect(problems[1].message).toContain('2146 vs 2048');
  });

  it('every other variant reports no problem', () => {
    for (const [id, variants] of Object.entries(NETWORKS)) {
      for (const [variant, net] of Object.entries(variants)) {
        if (id === 'inception-resnet-v2' && variant === 'paper') continue;
        expect(analyzeNetwork(net!).problems, `${id}/${variant}`).toEqual([]);
      }
    }
  });
});

describe('validation never throws', () => {
  it('reports a concatenation of different grids, naming the grids', () => {
    const net = tiny([concat([conv('3x3', 4), conv('3x3', 4, { stride: 2, padding: 'valid' })], { name: 'Broken' })]);
    const { problems, stages } = analyzeNetwork(net);
    expect(problems).toEqual([
      expect.objectContaining({ node: 'Broken (broken)', message: expect.stringContaining('9×9×4 + 4×4×4') }),
    ]);
    expect(stages[0].output).toEqual([9, 9, 8]);
  });

  it('reports a residual addition of different widths', () => {
    const net = tiny([conv('1x1', 8), residual(seq([conv('1x1', 4), linearConv(6)]), { scale: 0.1, name: 'Res' })]);
    const { problems } = analyzeNetwork(net);
    expect(problems).toHaveLength(1);
    expect(problems[0].message).toContain('widths differ (8 vs 6)');
  });

  it('reports repeat keys that do not match the count, and kernels that do not fit', () => {
    const net = tiny([
      repeat(2, conv('1x1', 3), ['a.0']),
      conv('11x11', 2, { padding: 'valid' }),
      globalAvgPool(),
      dense(4),
    ]);
    const messages = analyzeNetwork(net).problems.map((p) => p.message);
    expect(messages).toEqual([
      'has 1 checkpoint keys for 2 repetitions',
      'a 11×11 window does not fit the 9×9 input without padding',
    ]);
  });

  it('analyses each repetition with its own input when a repeated block changes shape', () => {
    const net = tiny([repeat(3, conv('1x1', 5))]);
    const a = analyzeNetwork(net);
    const [first, second] = a.stages[0].children;
    expect(first.params).toBe(3 * 5 + 10);
    expect(second.params).toBe(5 * 5 + 10);
    expect(a.params).toBe(25 + 2 * 35);
  });
});

describe('receptive fields and addresses', () => {
  it('grows the receptive field through stride-2 layers', () => {
    const net = tiny([conv('3x3', 4, { stride: 2, padding: 'valid' }), conv('3x3', 4), maxPool()]);
    const [a, b, c] = analyzeNetwork(net).stages;
    expect(a.receptiveField.size).toEqual([3, 3]);
    expect(b.receptiveField.size).toEqual([7, 7]);
    expect(c.receptiveField).toEqual({ size: [11, 11], jump: [4, 4] });
  });

  it('gives every node a unique address and full checkpoint keys', () => {
    const a = analyzeNetwork(NETWORKS['inception-resnet-v2'].released!);
    const all = a.stages.flatMap((s) => [...walk(s)]);
    expect(new Set(all.map((n) => n.address)).size).toBe(all.length);
    expect(a.byAddress.size).toBe(all.length);
    const block17 = a.byAddress.get('inception-resnet-b/3/0/0/1/2')!;
    expect(block17.key).toBe('repeat_1.3.branch1.2');
    expect(block17.node).toMatchObject({ kind: 'conv', kernel: [7, 1], filters: 192 });
    expect(block17.output).toEqual([17, 17, 192]);
  });
});
