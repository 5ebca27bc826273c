import { describe, expect, it } from 'vitest';
import { parseSmallNetworkSpec } from './parse.ts';
import { SMALL_NETWORK_IDS, SMALL_PRESETS, type SmallNetworkSpec } from './spec.ts';

const preset = SMALL_PRESETS['inception-resnet-v2-s'];
const messageOf = (value: unknown) => {
  const parsed = parseSmallNetworkSpec(value);
  return parsed.ok ? 'accepted' : parsed.message;
};

describe('parseSmallNetworkSpec', () => {
  it.each(SMALL_NETWORK_IDS)('reads back the JSON of the preset %s', (id) => {
    expect(parseSmallNetworkSpec(JSON.stringify(SMALL_PRESETS[id]))).toEqual({ ok: true, spec: SMALL_PRESETS[id] });
  });

  it('reads an already parsed value, with a residual scale', () => {
    const spec: SmallNetworkSpec = { ...preset, width: 0.5, repeats: [3, 1, 2], inputSize: 64, residualScale: 1 };
    expect(parseSmallNetworkSpec(JSON.parse(JSON.stringify(spec)))).toEqual({ ok: true, spec });
  });

  it.each([
    [
      { width: 0 },
      "width must be a number above 0 and at most 1 (a multiplier on every convolution's filters, " +
        'e.g. 0.25), got 0',
    ],
    [{ width: 1.5 }, 'width must be a number above 0 and at most 1'],
    [{ width: '0.25' }, 'got "0.25"'],
    [
      { repeats: [1, -2, 1] },
      'repeats must be three whole numbers ≥ 1, the repetitions of the A, B and C blocks ' +
        "(at most 10, 20, 9: the released Inception-ResNet-v2's), e.g. [1, 2, 1]; got -2 for B",
    ],
    [{ repeats: [1, 2] }, 'repeats must be three whole numbers ≥ 1'],
    [
      { base: 'inception-v4', repeats: [5, 1, 0.5] },
      "(at most 4, 7, 3: the released Inception-v4's), e.g. [1, 2, 1]; got 5 for A, 0.5 for C",
    ],
    [{ classes: 0 }, "classes must be a whole number of at least 2 (the classifier's outputs, e.g. 10), got 0"],
    [{ classes: 2.5 }, 'classes must be a whole number of at least 2'],
    [{ inputSize: 48 }, 'inputSize must be 32 (no reduction in the stem) or 64 (one stride-2 reduction), got 48'],
    [
      { base: 'inception-resnet-v1' },
      'base must be "inception-v4" or "inception-resnet-v2", got "inception-resnet-v1"',
    ],
    [{ shortcuts: 'no' }, 'shortcuts must be true, or false for the no-shortcut twin, got "no"'],
    [{ base: 'inception-v4', shortcuts: false }, 'inception-v4 has none (set it to true)'],
    [{ residualScale: -0.1 }, 'residualScale must be a number ≥ 0 (0 switches the residual branches off)'],
    [
      { widht: 0.5 },
      'unknown field widht; the fields are base, width, repeats, inputSize, classes, shortcuts, residualScale',
    ],
  ])('says what is wrong with %j', (change, message) => {
    const text = messageOf({ ...preset, ...change });
    expect(text).toMatch(/^bad small network spec: /);
    expect(text).toContain(message);
  });

  it('names every wrong field at once, and a missing one', () => {
    const { width: _, ...noWidth } = preset;
    expect(messageOf({ ...noWidth, classes: 0, inputSize: 48 })).toBe(
      'bad small network spec: ' +
        "width must be a number above 0 and at most 1 (a multiplier on every convolution's filters, " +
        'e.g. 0.25), got nothing; ' +
        'inputSize must be 32 (no reduction in the stem) or 64 (one stride-2 reduction), got 48; ' +
        "classes must be a whole number of at least 2 (the classifier's outputs, e.g. 10), got 0",
    );
  });

  it('refuses what is not a JSON object', () => {
    expect(messageOf('{"base": ')).toMatch(/^a small network spec must be JSON: /);
    expect(messageOf('[1, 2]')).toBe(
      'a small network spec must be a JSON object with base, width, repeats, inputSize, ' +
        'classes, shortcuts, residualScale; got [1,2]',
    );
    expect(messageOf(null)).toContain('got null');
  });
});
