import { describe, expect, it } from 'vitest';
import { analyzeNetwork, walk, type AnalyzedNode, type NetworkAnalysis } from '../analysis/analyze.ts';
import { checkpointTensors } from '../analysis/checkpoint.ts';
import { residualGroups } from '../analysis/residual-groups.ts';
import { conv, linearConv, residual, seq } from '../builders.ts';
import type { Node } from '../types.ts';
import { projectionOf, withoutShortcut, withProjection } from './residuals.ts';
import { smallNetwork } from './small-network.ts';
import { SMALL_PRESETS } from './spec.ts';

const nodes = (a: NetworkAnalysis): AnalyzedNode[] => a.stages.flatMap((s) => [...walk(s)]);
const withShortcuts = analyzeNetwork(smallNetwork(SMALL_PRESETS['inception-resnet-v2-s']));
const twin = analyzeNetwork(smallNetwork(SMALL_PRESETS['inception-resnet-v2-s-no-shortcuts']));
const residuals = nodes(withShortcuts).filter((n) => n.node.kind === 'residual');
/** What the twin does not compute: per residual block, H·W·C additions x + s·r (and as many products s·r). */
const additions = residuals.reduce((n, r) => n + r.output.reduce((a, b) => a * b, 1), 0);

describe("a residual branch's projection", () => {
  const block = residual(seq([conv('1x1', 8), seq([conv('1x1', 4), linearConv(16, { key: 'p' })])]), { scale: 0.2 });

  it('is the last layer of the branch, however deeply nested', () => {
    expect(projectionOf(block.residual)).toMatchObject({ filters: 16, key: 'p', activation: 'linear' });
    const changed = withProjection(block.residual, (p) => ({ ...p, filters: 3 }));
    expect(projectionOf(changed).filters).toBe(3);
    const back = withProjection(changed, (p) => ({ ...p, filters: 16 }));
    expect(JSON.stringify(back)).toBe(JSON.stringify(block.residual));
  });

  it('must exist: a branch ending with pooling is refused by name', () => {
    expect(() => projectionOf(seq([{ kind: 'maxpool', kernel: [3, 3], stride: 1, padding: 'same' }]))).toThrow(
      'a residual branch should end with its linear projection, not a maxpool',
    );
  });
});

const skipped = `${additions.toLocaleString('en-US')} additions`;

describe(`the no-shortcut twin of Inception-ResNet-v2-S (skipping ${skipped})`, () => {
  it('has exactly the checkpoint tensors of its residual twin, names and shapes', () => {
    const names = (a: NetworkAnalysis) => checkpointTensors(a).tensors.map((t) => `${t.name} ${t.shape.join('×')}`);
    expect(checkpointTensors(twin).unkeyed).toEqual([]);
    expect(names(twin)).toEqual(names(withShortcuts));
  });

  it('costs the same parameters and multiply-adds: the additions it leaves out were never counted', () => {
    expect(twin.params).toBe(withShortcuts.params);
    expect(twin.macs).toBe(withShortcuts.macs);
    // 1 Block35 on 32×32×80, 2 Block17 on 15×15×272, 2 Block8 (one of repeat_2, the last one) on 7×7×520.
    expect(additions).toBe(32 * 32 * 80 + 2 * 15 * 15 * 272 + 2 * 7 * 7 * 520);
  });

  it('differs only where a residual was: a sequence with its key and block, its projection with its activation', () => {
    expect([...twin.byAddress.keys()]).toEqual([...withShortcuts.byAddress.keys()]);
    expect(nodes(twin).filter((n) => n.node.kind === 'residual')).toEqual([]);
    expect(residualGroups(twin)).toEqual([]);
    const projections = new Set(residuals.map((r) => `${r.address}/0/1`));
    for (const ours of nodes(twin)) {
      const theirs = withShortcuts.byAddress.get(ours.address)!;
      expect(ours.output, ours.address).toEqual(theirs.output);
      expect(ours.key, ours.address).toBe(theirs.key);
      const r = theirs.node;
      if (r.kind === 'residual') {
        const note = expect.stringMatching(/^Shortcut removed: act\(r\) in place of act\(x \+ s·r\)/);
        expect(ours.node).toMatchObject({ kind: 'sequence', name: r.name, block: { ...r.block, note } });
      } else if (projections.has(ours.address)) {
        const block = withShortcuts.byAddress.get(ours.address.replace(/\/0\/1$/, ''))!.node;
        const activation = block.kind === 'residual' && block.activation;
        expect(ours.node).toEqual({ ...theirs.node, activation });
      } else {
        expect(ours.node.kind, ours.address).toBe(r.kind);
        if (ours.children.length === 0) expect(ours.node).toEqual(r);
      }
    }
  });

  it('keeps the last Block8 linear and makes every other projection a ReLU', () => {
    const activations = residuals.map((r) => {
      const node = twin.byAddress.get(`${r.address}/0/1`)!.node;
      return `${r.address} ${node.kind === 'conv' && node.activation}`;
    });
    expect(activations).toEqual([
      'inception-resnet-a/0 relu',
      'inception-resnet-b/0 relu',
      'inception-resnet-b/1 relu',
      'inception-resnet-c/0 relu',
      'inception-resnet-c-final linear',
    ]);
    const last = twin.byAddress.get('inception-resnet-c-final')!.node;
    expect(last.kind === 'sequence' && last.block?.note).toContain('act is the identity');
  });
});

describe('withoutShortcut', () => {
  it('keeps the key, name and block of the residual and drops its scale', () => {
    const block = residual(seq([conv('1x1', 4, { key: '0' }), linearConv(4, { key: 'conv2d' })]), {
      scale: 0.1,
      key: 'repeat.0',
      name: 'Inception-ResNet-A',
      block: { id: 'inception-resnet-a', figure: 16 },
    });
    const twin: Node = withoutShortcut(block);
    expect(twin).toEqual({
      kind: 'sequence',
      name: 'Inception-ResNet-A',
      key: 'repeat.0',
      block: { id: 'inception-resnet-a', figure: 16, note: expect.stringContaining('(act = ReLU)') },
      children: [seq([conv('1x1', 4, { key: '0' }), { ...linearConv(4, { key: 'conv2d' }), activation: 'relu' }])],
    });
  });
});
