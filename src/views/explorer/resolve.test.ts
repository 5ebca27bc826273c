import { describe, expect, it } from 'vitest';
import { analysisOf, blockViewOf, resolveView } from './resolve.ts';
import { NETWORKS } from '../../model/networks/index.ts';

describe('resolveView', () => {
  it('finds a repeated block through its first repetition and the selected node inside it', () => {
    const view = resolveView(
      { network: 'inception-resnet-v2', variant: 'released', block: 'inception-resnet-b' },
      { node: 'inception-resnet-b/0/0/0/1/1' },
    );
    if (!view.ok) throw new Error(view.message);
    expect(view.stage?.address).toBe('inception-resnet-b');
    expect(view.block?.address).toBe('inception-resnet-b/0');
    expect(view.selected?.output).toEqual([17, 17, 160]);
  });

  it('shows an unrepeated stage as itself', () => {
    const view = resolveView({ network: 'inception-v4', variant: 'paper', block: 'stem' }, {});
    expect(view.ok && view.block?.address).toBe('stem');
  });

  it('opens the view without a stale or wrong node or expansion, and says what was ignored', () => {
    const network = resolveView(
      { network: 'inception-v4', variant: 'paper' },
      { node: 'stem/99', expand: ['stem', 'nothing', 'head'], q: '7x1' },
    );
    if (!network.ok) throw new Error(network.message);
    expect(network.selected).toBeUndefined();
    expect(network.options).toEqual({ expand: ['stem'], q: '7x1' });
    expect(network.ignored).toEqual([
      'There is no node "stem/99" in Inception-v4 (paper), so nothing is selected.',
      'Inception-v4 (paper) has no block "nothing", "head" to open, so they were left out.',
    ]);
    // A node outside the block shown is as unknown as a node that does not exist.
    const block = resolveView(
      { network: 'inception-v4', variant: 'paper', block: 'stem' },
      { node: 'inception-a/0', expand: 'all' },
    );
    if (!block.ok) throw new Error(block.message);
    expect(block.block?.address).toBe('stem');
    expect(block.options).toEqual({});
    expect(block.ignored).toEqual([
      'There is no node "inception-a/0" in Stem of Inception-v4 (paper), so nothing is selected.',
      'A block view shows every layer of its block, so the opened blocks of the link (expand=) were left out.',
    ]);
    const clean = resolveView({ network: 'inception-v4', variant: 'paper' }, { node: 'stem/3', expand: 'all' });
    expect(clean.ok && clean.ignored).toEqual([]);
  });

  it('leaves out residual scales out of range, of unknown groups or "__proto__", and says so with the range', () => {
    const scale = Object.fromEntries([
      ['inception-resnet-a', 0.3],
      ['inception-resnet-b', 1e300],
      ['inception-resnet-c', -5],
      ['inception-resnet-c-final', Number.NaN],
      ['__proto__', 1],
      ['mixed', 0],
    ]);
    const view = resolveView({ network: 'inception-resnet-v2', variant: 'released' }, { photo: 'p1', scale });
    if (!view.ok) throw new Error(view.message);
    expect(view.options).toEqual({ photo: 'p1', scale: { 'inception-resnet-a': 0.3 } });
    const range = (group: string, value: string) =>
      `The residual scale of ${group} (scale=) must be a number from 0 to 1 ` +
      `(0 switches its residual branches off), not ${value}, so the released scale is used.`;
    const groups = 'inception-resnet-a, inception-resnet-b, inception-resnet-c, inception-resnet-c-final';
    expect(view.ignored).toEqual([
      range('inception-resnet-b', '1e+300'),
      range('inception-resnet-c', '-5'),
      range('inception-resnet-c-final', 'NaN'),
      `Inception-ResNet-v2 (released) has no residual group "__proto__" (scale=), so it was left out; its groups are ${groups}.`,
      `Inception-ResNet-v2 (released) has no residual group "mixed" (scale=), so it was left out; its groups are ${groups}.`,
    ]);
    const none = resolveView({ network: 'inception-v4', variant: 'released' }, { scale: { 'inception-resnet-b': 0 } });
    expect(none.ok && none.ignored).toEqual([
      'Inception-v4 (released) has no residual scales to change, so "inception-resnet-b" (scale=) was left out.',
    ]);
    expect(none.ok && none.options).toEqual({});
  });

  it("keeps a channel of the selected box, and leaves out any other, saying the box's range", () => {
    const at = (channel: number, node?: string) =>
      resolveView(
        { network: 'inception-resnet-v2', variant: 'released' },
        { photo: 'p1', channel, ...(node ? { node } : {}) },
      );
    const fits = at(1087, 'reduction-a');
    expect(fits.ok && [fits.options.channel, fits.ignored]).toEqual([1087, []]);
    for (const channel of [1088, 99999, 1e9, -1, 2.5, Number.NaN]) {
      const view = at(channel, 'reduction-a');
      if (!view.ok) throw new Error(view.message);
      expect(view.options).toEqual({ photo: 'p1', node: 'reduction-a' });
      expect(view.ignored).toEqual([
        `Reduction-A has channels 0 to 1087, so channel ${String(channel)} (channel=) was left out ` +
          'and its thumbnail shows the mean of its channels.',
      ]);
    }
    for (const [channel, node] of [
      [3, undefined],
      [3, 'head'],
    ] as const) {
      const view = at(channel, node);
      expect(view.ok && view.ignored).toEqual([
        'Channel 3 (channel=) needs a selected box with channels, so it was left out.',
      ]);
      expect(view.ok && view.options.channel).toBeUndefined();
    }
  });

  it('names the bad network, variant or block, with a way back', () => {
    const cases = [
      [{ network: 'resnet-50', variant: 'paper' }, {}, 'There is no network "resnet-50".', '/'],
      [
        { network: 'inception-resnet-v1', variant: 'released' },
        {},
        'Inception-ResNet-v1 has no variant "released" (it has paper).',
        '/inception-resnet-v1/paper',
      ],
      [
        { network: 'inception-v4', variant: 'paper', block: 'inception-resnet-b' },
        {},
        'There is no block "inception-resnet-b" in Inception-v4 (paper); its blocks are stem, inception-a, reduction-a, inception-b, reduction-b, inception-c, head.',
        '/inception-v4/paper',
      ],
    ] as const;
    for (const [params, options, message, back] of cases) {
      const view = resolveView(params, options);
      expect(view.ok).toBe(false);
      if (!view.ok) {
        expect(view.message).toBe(message);
        expect(view.back.href).toBe(back);
      }
    }
  });
});

describe('blockViewOf', () => {
  const analysis = analysisOf(NETWORKS['inception-resnet-v2'].released!);
  it("maps a layer of any repetition to the same layer of the block view's first repetition", () => {
    expect(blockViewOf(analysis, 'inception-resnet-b/7/0/0/1/2')).toEqual({
      stage: 'inception-resnet-b',
      node: 'inception-resnet-b/0/0/0/1/2',
    });
    expect(blockViewOf(analysis, 'stem/3')).toEqual({ stage: 'stem', node: 'stem/3' });
  });

  it('selects nothing for the block itself, and has no block view for a single-layer stage', () => {
    expect(blockViewOf(analysis, 'inception-resnet-b')).toEqual({ stage: 'inception-resnet-b' });
    expect(blockViewOf(analysis, 'inception-resnet-b/4')).toEqual({ stage: 'inception-resnet-b' });
    expect(blockViewOf(analysis, 'conv2d-7b-1x1')).toBeUndefined();
  });
});
