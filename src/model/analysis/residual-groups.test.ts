import { describe, expect, it } from 'vitest';
import { inceptionResNetV1Paper } from '../networks/inception-resnet-v1.ts';
import { inceptionResNetV2Released } from '../networks/inception-resnet-v2.ts';
import { inceptionV4Released } from '../networks/inception-v4.ts';
import { smallNetwork } from '../small/small-network.ts';
import { SMALL_PRESETS } from '../small/spec.ts';
import { analyzeNetwork } from './analyze.ts';
import {
  checkResidualScales,
  groupOf,
  overridesOf,
  parseResidualScales,
  residualGroups,
  residualScaleProblems,
  scalesInEffect,
  scalesKey,
  withResidualScales,
} from './residual-groups.ts';

const analysis = analyzeNetwork(inceptionResNetV2Released);
const groups = residualGroups(analysis);

describe('residualGroups', () => {
  it('lists the released Inception-ResNet-v2 groups with their scales; the last Block8 is its own', () => {
    expect(groups).toEqual([
      {
        address: 'inception-resnet-a',
        title: 'Inception-ResNet-A',
        scale: 0.17,
        count: 10,
        activation: 'relu',
        releasedName: 'Block35',
      },
      {
        address: 'inception-resnet-b',
        title: 'Inception-ResNet-B',
        scale: 0.1,
        count: 20,
        activation: 'relu',
        releasedName: 'Block17',
      },
      {
        address: 'inception-resnet-c',
        title: 'Inception-ResNet-C',
        scale: 0.2,
        count: 9,
        activation: 'relu',
        releasedName: 'Block8',
      },
      {
        address: 'inception-resnet-c-final',
        title: 'Inception-ResNet-C (last block)',
        scale: 1,
        count: 1,
        activation: 'linear',
        releasedName: 'Block8',
      },
    ]);
  });

  it('tells the last Block8 apart where the group before it has one block too (Inception-ResNet-v2-S)', () => {
    const small = residualGroups(analyzeNetwork(smallNetwork(SMALL_PRESETS['inception-resnet-v2-s'])));
    expect(small.map((g) => `${g.title} ×${g.count}`)).toEqual([
      'Inception-ResNet-A ×1',
      'Inception-ResNet-B ×2',
      'Inception-ResNet-C ×1',
      'Inception-ResNet-C (last block) ×1',
    ]);
  });

  it("has none for Inception-v4, nor for the paper's unfixed scales", () => {
    expect(residualGroups(analyzeNetwork(inceptionV4Released))).toEqual([]);
    expect(residualGroups(analyzeNetwork(inceptionResNetV1Paper))).toEqual([]);
  });

  it("puts each residual block in its stage's group", () => {
    expect(groupOf(groups, analysis.byAddress.get('inception-resnet-b/4')!)).toBe('inception-resnet-b');
    expect(groupOf(groups, analysis.byAddress.get('inception-resnet-c-final')!)).toBe('inception-resnet-c-final');
    expect(groupOf(groups, analysis.byAddress.get('inception-resnet-b/4/0')!)).toBeUndefined();
  });
});

describe('checkResidualScales', () => {
  it('accepts known groups with finite scales ≥ 0 and fills in the released ones', () => {
    const check = checkResidualScales(groups, { 'inception-resnet-b': 0, 'inception-resnet-a': 0.3 });
    expect(check.ok).toBe(true);
    if (!check.ok) return;
    expect(scalesInEffect(groups, check.scales)).toEqual({
      'inception-resnet-a': 0.3,
      'inception-resnet-b': 0,
      'inception-resnet-c': 0.2,
      'inception-resnet-c-final': 1,
    });
  });

  it('names an unknown group and lists the valid ones', () => {
    expect(checkResidualScales(groups, { 'inception-resnet-d': 0.1 })).toEqual({
      ok: false,
      message:
        'unknown residual group "inception-resnet-d"; valid groups: inception-resnet-a (released 0.17), ' +
        'inception-resnet-b (released 0.1), inception-resnet-c (released 0.2), inception-resnet-c-final (released 1)',
    });
    expect(checkResidualScales([], { a: 1 })).toMatchObject({
      message: 'unknown residual group "a"; this network has no residual blocks',
    });
  });

  it('rejects negative, too large, infinite and non-numeric scales, naming the range', () => {
    for (const bad of [-0.1, -5, 1.01, 1e9, 1e300, Infinity, Number.NaN, '0.1' as unknown as number]) {
      expect(checkResidualScales(groups, { 'inception-resnet-c': bad })).toEqual({
        ok: false,
        message: `the residual scale of inception-resnet-c must be a number from 0 to 1 (0 switches its residual branches off), got ${String(bad)}`,
      });
    }
    expect(checkResidualScales(groups, { 'inception-resnet-c': 1, 'inception-resnet-a': 0 }).ok).toBe(true);
  });

  it('refuses "__proto__" and other Object.prototype names as groups', () => {
    for (const text of ['__proto__:1', 'constructor=0.5', 'toString:0']) {
      const { scales } = parseResidualScales(text);
      expect(residualScaleProblems(groups, scales)).toEqual([{ kind: 'unknown-group', group: text.split(/[:=]/)[0] }]);
      expect(checkResidualScales(groups, scales).ok).toBe(false);
    }
  });
});

describe("parseResidualScales (the CLI's --residual-scale and the URL's scale=)", () => {
  it('reads group=s and group:s entries, values that are not numbers as NaN, entries without a separator as malformed', () => {
    const parsed = parseResidualScales(
      'inception-resnet-a=0.3, inception-resnet-b:0,inception-resnet-c:x,inception-resnet-c-final=,oops,,=1',
    );
    expect(parsed.malformed).toEqual(['oops', '=1']);
    expect(parsed.scales).toEqual({
      'inception-resnet-a': 0.3,
      'inception-resnet-b': 0,
      'inception-resnet-c': Number.NaN,
      'inception-resnet-c-final': Number.NaN,
    });
    expect(residualScaleProblems(groups, parsed.scales)).toEqual([
      { kind: 'out-of-range', group: 'inception-resnet-c', value: Number.NaN },
      { kind: 'out-of-range', group: 'inception-resnet-c-final', value: Number.NaN },
    ]);
  });

  it('keeps "__proto__" as an own key, so that the check sees it', () => {
    const { scales } = parseResidualScales('__proto__:1');
    expect(Object.keys(scales)).toEqual(['__proto__']);
    expect(Object.getPrototypeOf(scales)).toBe(Object.prototype);
  });
});

describe('overrides as the app holds them', () => {
  it('keep only what differs from the released network, under one key whatever the order', () => {
    expect(
      overridesOf(
        {
          'inception-resnet-a': 0.17,
          'inception-resnet-b': 0,
          nothing: 3,
          'inception-resnet-c': 0.2999,
          'inception-resnet-c-final': -1,
        },
        groups,
      ),
    ).toEqual({ 'inception-resnet-b': 0, 'inception-resnet-c': 0.3 });
    expect(overridesOf(undefined, groups)).toEqual({});
    expect(scalesKey({ 'inception-resnet-c': 0.3, 'inception-resnet-b': 0 })).toBe(
      'inception-resnet-b:0,inception-resnet-c:0.3',
    );
    expect(scalesKey({})).toBe('');
  });
});

describe('withResidualScales', () => {
  it("puts the lab's scales on every block of the group and leaves the rest as released", () => {
    const analysis = analyzeNetwork(inceptionResNetV2Released);
    const scaled = analyzeNetwork(withResidualScales(analysis, { 'inception-resnet-b': 0 }));
    const scales = residualGroups(scaled).map((g) => [g.address, g.scale]);
    expect(scales).toEqual(
      residualGroups(analysis).map((g) => [g.address, g.address === 'inception-resnet-b' ? 0 : g.scale]),
    );
    const block = scaled.byAddress.get('inception-resnet-b/19')?.node;
    expect(block?.kind === 'residual' && block.scale).toBe(0);
    expect([...scaled.byAddress.keys()]).toEqual([...analysis.byAddress.keys()]);
  });

  it('is the released network itself when nothing is overridden', () => {
    const analysis = analyzeNetwork(inceptionResNetV2Released);
    expect(withResidualScales(analysis, {})).toBe(analysis.network);
  });
});
