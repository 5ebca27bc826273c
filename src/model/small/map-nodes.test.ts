import { describe, expect, it } from 'vitest';
import { analyzeNetwork, walk } from '../analysis/analyze.ts';
import { inceptionResNetV2Released } from '../networks/inception-resnet-v2.ts';
import type { Node } from '../types.ts';
import { mapNetwork } from './map-nodes.ts';

describe('mapNetwork', () => {
  it('gives back an equal network for the identity, visiting children before their parent', () => {
    const order: string[] = [];
    const mapped = mapNetwork(inceptionResNetV2Released, (node, address) => {
      order.push(address);
      return node;
    });
    expect(mapped).toEqual(inceptionResNetV2Released);
    expect(order.indexOf('mixed-5b/1/0')).toBeLessThan(order.indexOf('mixed-5b/1'));
    expect(order.indexOf('mixed-5b/1')).toBeLessThan(order.indexOf('mixed-5b'));
  });

  it('names each node by its analysis address, a repeated block once, by its first repetition', () => {
    const analysis = analyzeNetwork(inceptionResNetV2Released);
    const seen = new Map<string, Node['kind']>();
    mapNetwork(inceptionResNetV2Released, (node, address) => {
      seen.set(address, node.kind);
      return node;
    });
    const firstRepetitions = [...analysis.byAddress.entries()].filter(
      ([address]) => !/^inception-resnet-[abc]\/([1-9]|\d\d)/.test(address),
    );
    expect([...seen.keys()].sort()).toEqual(firstRepetitions.map(([a]) => a).sort());
    for (const [address, kind] of seen) expect(kind, address).toBe(analysis.byAddress.get(address)!.node.kind);
  });

  it('rebuilds the tree around replaced nodes without touching the original', () => {
    const one = (node: Node): Node => (node.kind === 'conv' ? { ...node, filters: 1 } : node);
    const wider = mapNetwork(inceptionResNetV2Released, one);
    const stage = (n: Node) => analyzeNetwork({ ...inceptionResNetV2Released, stages: [n] }).stages[0];
    const filters = (n: Node): number[] =>
      [...walk(stage(n))].flatMap((a) => (a.node.kind === 'conv' ? [a.node.filters] : []));
    expect(new Set(filters(wider.stages[1]))).toEqual(new Set([1]));
    expect(filters(inceptionResNetV2Released.stages[1])).toEqual([96, 48, 64, 64, 96, 96, 64]);
  });
});
