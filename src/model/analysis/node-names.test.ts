import { describe, expect, it } from 'vitest';
import { inceptionResNetV2Released } from '../networks/inception-resnet-v2.ts';
import { inceptionV4Released } from '../networks/inception-v4.ts';
import { analyzeNetwork } from './analyze.ts';
import { closest, editDistance, resolveNode } from './node-names.ts';

const irv2 = analyzeNetwork(inceptionResNetV2Released);
const v4 = analyzeNetwork(inceptionV4Released);
const address = (analysis: typeof irv2, name: string) => {
  const r = resolveNode(analysis, name);
  return r.ok ? r.address : r.message;
};

describe('resolveNode', () => {
  it('takes explorer addresses as they are', () => {
    expect(address(irv2, 'inception-resnet-b/3/0/0/1/1')).toBe('inception-resnet-b/3/0/0/1/1');
    expect(address(irv2, 'head')).toBe('head');
  });

  it('takes timm module names and checkpoint prefixes', () => {
    expect(address(v4, 'features.9')).toBe('inception-a/3');
    expect(address(v4, 'features.0')).toBe('stem/0');
    expect(address(v4, 'features.3')).toBe('stem/3');
    expect(address(v4, 'last_linear')).toBe('head/2');
    expect(address(irv2, 'mixed_6a')).toBe('reduction-a');
    expect(address(irv2, 'repeat_1.19')).toBe('inception-resnet-b/19');
    expect(address(irv2, 'repeat_1.19.branch1.2')).toBe('inception-resnet-b/19/0/0/1/2');
    expect(address(irv2, 'repeat_1.19.conv2d')).toBe('inception-resnet-b/19/0/1');
    expect(address(irv2, 'conv2d_7b')).toBe('conv2d-7b-1x1');
    expect(address(irv2, 'block8')).toBe('inception-resnet-c-final');
    expect(address(irv2, 'global_pool')).toBe('head/0');
  });

  it("takes a whole repeated group by timm's name", () => {
    expect(address(irv2, 'repeat_1')).toBe('inception-resnet-b');
    expect(address(irv2, 'repeat')).toBe('inception-resnet-a');
    expect(address(irv2, 'repeat_2')).toBe('inception-resnet-c');
  });

  it("takes a node's unique name, case-insensitively", () => {
    expect(address(irv2, 'Mixed_6a')).toBe('reduction-a');
    expect(address(irv2, 'Conv2d_7b_1x1')).toBe('conv2d-7b-1x1');
  });

  it('rejects an ambiguous name, listing the nodes it names', () => {
    const r = resolveNode(irv2, 'Inception-ResNet-B');
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.message).toMatch(/^"Inception-ResNet-B" names 20 nodes: inception-resnet-b\/0, inception-resnet-b\/1,/);
  });

  it('lists close matches for a name that matches nothing', () => {
    const r = resolveNode(irv2, 'repeat_1.91');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    // One edit away, shortest first: repeat_1.1 and repeat_1.9, then repeat_1.11 …
    expect(r.suggestions.slice(0, 3)).toEqual(['repeat_1.1', 'repeat_1.9', 'repeat_1.11']);
    expect(r.message).toMatch(
      /^no node of Inception-ResNet-v2 is called "repeat_1\.91"; closest: repeat_1\.1, repeat_1\.9, /,
    );
    expect(resolveNode(irv2, 'conv2d_7c')).toMatchObject({
      ok: false,
      suggestions: expect.arrayContaining(['conv2d_7b']),
    });
    const nothing = resolveNode(v4, 'zzzzzzzzzzzzzzzzzz');
    expect(nothing).toMatchObject({ ok: false, suggestions: [] });
    if (!nothing.ok)
      expect(nothing.message).toMatch(
        /give an address \(e\.g\. stem, inception-a, reduction-a\) or a checkpoint prefix \(e\.g\. features\.0, features\.1\)/,
      );
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('mixed_6a', 'mixed_6a')).toBe(0);
    expect(editDistance('mixed_6a', 'mixed_7a')).toBe(1);
  });

  it('closest: nearest first, within a third of the length', () => {
    expect(closest('mixed_6b', ['mixed_6a', 'mixed_7a', 'conv2d_7b', 'repeat'])).toEqual(['mixed_6a', 'mixed_7a']);
  });
});
