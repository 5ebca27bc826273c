/**
 * The diagram's text is SVG, drawn on fills that axe cannot see through, so its contrast is checked here,
 * on the palette itself: every text colour the scene uses against every fill it is drawn on, in both
 * themes (WCAG AA: 4.5:1 for text, which is all small here; 3:1 for the marks and lines one must see).
 */
import { lab } from 'd3';
import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../testing/contrast.ts';
import { PALETTES, type Palette } from './palette.ts';

type Role = keyof Palette;

/**
 * Fills text is written on: box bodies (label and sublabel), the drawing (edge labels, "+" scales), frames (titles).
 */
const TEXT_ON: ReadonlyArray<[Role, Role[]]> = [
  [
    'text',
    [
      'background',
      'convFill',
      'poolFill',
      'classifierFill',
      'mergeFill',
      'addFill',
      'activationFill',
      'blockFill',
      'ioFill',
      'frameFill',
    ],
  ],
  [
    'muted',
    [
      'background',
      'convFill',
      'poolFill',
      'classifierFill',
      'mergeFill',
      'addFill',
      'activationFill',
      'blockFill',
      'ioFill',
      'frameFill',
    ],
  ],
  ['problemText', ['problem']],
];

/** Marks and lines drawn on the drawing's background or inside an opened block's frame. */
const MARKS: readonly Role[] = ['edge', 'selected', 'highlight', 'focus', 'added', 'removed', 'changed', 'problem'];

describe('diagram palette contrast', () => {
  for (const [theme, palette] of Object.entries(PALETTES)) {
    it(`${theme}: every text colour reaches 4.5:1 on every fill it is drawn on`, () => {
      const low: string[] = [];
      for (const [text, fills] of TEXT_ON) {
        for (const fill of fills) {
          const ratio = contrastRatio(palette[text], palette[fill]);
          if (ratio < 4.5) low.push(`${text} on ${fill}: ${ratio.toFixed(2)}`);
        }
      }
      expect(low).toEqual([]);
    });

    it(`${theme}: marks and edges reach 3:1 on the background and inside frames`, () => {
      const low: string[] = [];
      for (const mark of MARKS) {
        for (const fill of ['background', 'frameFill'] as const) {
          const ratio = contrastRatio(palette[mark], palette[fill]);
          if (ratio < 3) low.push(`${mark} on ${fill}: ${ratio.toFixed(2)}`);
        }
      }
      expect(low).toEqual([]);
    });

    it(`${theme}: a "changed" mark is not the colour of a pooling box, nor of any other box`, () => {
      const strokes: Role[] = [
        'convStroke',
        'poolStroke',
        'classifierStroke',
        'mergeStroke',
        'addStroke',
        'activationStroke',
        'blockStroke',
        'ioStroke',
      ];
      // Far enough apart to tell at a glance: not a near shade of the same colour.
      for (const mark of ['added', 'removed', 'changed'] as const) {
        for (const stroke of strokes)
          expect(hueDistance(palette[mark], palette[stroke]), `${mark} vs ${stroke}`).toBeGreaterThan(25);
      }
      // Not two shades of one red (ΔE 27 once): another hue altogether.
      expect(hueDistance(palette.changed, palette.removed)).toBeGreaterThan(50);
      expect(hueDistance(palette.changed, palette.added)).toBeGreaterThan(25);
    });
  }

  it('computes WCAG ratios', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBeCloseTo(21, 5);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#ffffff', '#ffffff')).toBe(1);
  });
});

/** Distance of two colours in CIELAB (ΔE 1976), via d3's lab(). */
function hueDistance(a: string, b: string): number {
  const x = labOf(a);
  const y = labOf(b);
  return Math.hypot(x.l - y.l, x.a - y.a, x.b - y.b);
}

const labOf = (c: string) => {
  const { l, a, b } = lab(c);
  return { l, a, b };
};
