import { describe, expect, it } from 'vitest';
import { analyzeNetwork, walk, type AnalyzedNode, type NetworkAnalysis } from '../analysis/analyze.ts';
import { checkpointTensors } from '../analysis/checkpoint.ts';
import { residualGroups } from '../analysis/residual-groups.ts';
import { baseNetwork, smallNetwork } from './small-network.ts';
import { SMALL_NETWORK_IDS, SMALL_PRESETS } from './spec.ts';

const nodes = (a: NetworkAnalysis): AnalyzedNode[] => a.stages.flatMap((s) => [...walk(s)]);
const count = (shape: readonly number[]) => shape.reduce((x, y) => x * y, 1);

/** Parameters and multiply-adds counted from the checkpoint tensors (not the analysis' own layer costs). */
function fromTensors(a: NetworkAnalysis): { params: number; macs: number } {
  const { tensors } = checkpointTensors(a);
  const params = tensors.filter((t) => !t.kind.startsWith('bn_running')).reduce((n, t) => n + count(t.shape), 0);
  const macs = tensors.reduce((n, t) => {
    if (t.kind === 'linear_weight') return n + count(t.shape);
    if (t.kind !== 'conv_weight') return n;
    const [h, w] = a.byAddress.get(t.address)!.output;
    return n + count(t.shape) * h * w;
  }, 0);
  return { params, macs };
}

const presets = SMALL_NETWORK_IDS.map((id) => {
  const analysis = analyzeNetwork(smallNetwork(SMALL_PRESETS[id]));
  const grouped = (n: number) => n.toLocaleString('en-US');
  const label = `${grouped(analysis.params)} parameters, ${grouped(analysis.macs)} multiply-adds`;
  return { id, analysis, label };
});

describe.each(presets)('the preset $id: $label at 32×32', ({ id, analysis }) => {
  it('has as many parameters and multiply-adds as its checkpoint tensors account for', () => {
    expect(fromTensors(analysis)).toEqual({ params: analysis.params, macs: analysis.macs });
    expect(analysis.params).toBeGreaterThan(500_000);
    expect(analysis.params).toBeLessThan(2_000_000);
  });

  it.each([32, 64] as const)('analyses a %i-pixel input without problems, blocks on 32, 15 and 7 grids', (size) => {
    const network = smallNetwork({ ...SMALL_PRESETS[id], inputSize: size });
    const a = analyzeNetwork(network);
    expect(a.problems).toEqual([]);
    expect(network.input).toEqual([size, size, 3]);
    expect(a.output).toEqual([10]);
    const grids = a.stages.filter((s) => s.output.length === 3).map((s) => s.output[0]);
    expect([...new Set(grids)]).toEqual([32, 15, 7]);
    // Only the first convolution differs: stride 2 on 64×64 gives the same 32×32 grid and cost.
    expect(a.macs).toBe(analysis.macs);
  });

  it('keys every weighted layer, with names the released network has', () => {
    const { tensors, unkeyed } = checkpointTensors(analysis);
    expect(unkeyed).toEqual([]);
    const base = id === 'inception-v4-s' ? 'inception-v4' : 'inception-resnet-v2';
    const released = checkpointTensors(analyzeNetwork(baseNetwork(base))).tensors.map((t) => t.name);
    expect(tensors.map((t) => t.name).filter((n) => !released.includes(n))).toEqual([]);
    expect(new Set(tensors.map((t) => t.name)).size).toBe(tensors.length);
  });

  it('has a 10-way classifier and no pretrained checkpoint', () => {
    const network = analysis.network;
    expect(network).toMatchObject({ id, variant: 'released', classes: 10, input: [32, 32, 3] });
    expect(network.checkpoint).toBeUndefined();
    expect(network.source).toMatch(
      /^Derived from the released Inception-(v4|ResNet-v2) .*width ×0\.25, repeats 1\/2\/1 .*32×32 input/,
    );
  });
});

describe('any width and repeats', () => {
  const cases = (['inception-v4-s', 'inception-resnet-v2-s'] as const).flatMap((id) =>
    [0.125, 0.25, 0.3, 0.5, 0.77, 1].flatMap((width) =>
      (
        [
          [1, 1, 1],
          [3, 1, 2],
          [2, 5, 3],
        ] as const
      ).map((repeats) => ({ id, width, repeats })),
    ),
  );

  it.each(cases)('$id at width $width, repeats $repeats: no problem, residuals back to their input width', (c) => {
    const { id, width, repeats } = c;
    const a = analyzeNetwork(smallNetwork({ ...SMALL_PRESETS[id], width, repeats }));
    expect(a.problems).toEqual([]);
    expect(checkpointTensors(a).unkeyed).toEqual([]);
    const repeated = a.stages.filter((s) => s.node.kind === 'repeat').map((s) => s.children.length);
    expect(repeated).toEqual([...repeats]);
    for (const r of nodes(a).filter((n) => n.node.kind === 'residual')) expect(r.output).toEqual(r.input);
  });

  it('scales filters by the width, rounded, never below one', () => {
    const at = (width: number) => analyzeNetwork(smallNetwork({ ...SMALL_PRESETS['inception-v4-s'], width }));
    const filters = (width: number) =>
      nodes(at(width))
        .filter((n) => n.key === 'features.6.branch0')
        .map((n) => n.node.kind === 'conv' && n.node.filters);
    expect(filters(1)).toEqual([96]);
    expect(filters(0.25)).toEqual([24]);
    expect(filters(0.3)).toEqual([29]);
    expect(filters(0.001)).toEqual([1]);
  });

  it('the full width and repeats give the released blocks back, stem and classifier aside', () => {
    const spec = { ...SMALL_PRESETS['inception-resnet-v2-s'], width: 1, repeats: [10, 20, 9] as const };
    const full = analyzeNetwork(smallNetwork(spec));
    const released = analyzeNetwork(baseNetwork('inception-resnet-v2'));
    const params = (a: NetworkAnalysis, id: string) => a.byAddress.get(id)!.params;
    const blocks = ['inception-resnet-a', 'reduction-a', 'inception-resnet-b', 'reduction-b', 'inception-resnet-c'];
    for (const stage of blocks) {
      expect(params(full, stage)).toBe(params(released, stage));
    }
    // Block17 on 1088 channels, counted by hand: 1×1 192 (209,280); 1×1 128 (139,520), 1×7 160 (143,680),
    // 7×1 192 (215,424); the 384 → 1088 projection with its bias (418,880).
    expect(params(full, 'inception-resnet-b')).toBe(20 * 1_126_784);
  });

  it('refuses more repetitions than the released network has (it has no checkpoint keys for them)', () => {
    expect(() => smallNetwork({ ...SMALL_PRESETS['inception-v4-s'], repeats: [5, 1, 1] })).toThrow(
      'a repeated stage of Inception-v4 can be repeated 1 to 4 times, not 5',
    );
  });
});

describe('the residual scale override', () => {
  it("sets every residual block's scale, the last Block8's too", () => {
    const released = analyzeNetwork(smallNetwork(SMALL_PRESETS['inception-resnet-v2-s']));
    const scaled = analyzeNetwork(smallNetwork({ ...SMALL_PRESETS['inception-resnet-v2-s'], residualScale: 0.5 }));
    const scales = (a: NetworkAnalysis) => nodes(a).flatMap((n) => (n.node.kind === 'residual' ? [n.node.scale] : []));
    expect(scales(released)).toEqual([0.17, 0.1, 0.1, 0.2, 1]);
    expect(scales(scaled)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5]);
    expect(residualGroups(scaled).map((g) => g.scale)).toEqual([0.5, 0.5, 0.5, 0.5]);
    expect(scaled.params).toBe(released.params);
  });
});
