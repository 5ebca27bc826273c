/**
 * Text widths without a DOM. The layout must be a pure function (it runs in tests, in Node and before
 * anything is painted), so it cannot ask a canvas; and golden SVGs must not depend on the machine. The
 * diagram therefore draws with a fixed font stack whose first faces share one set of metrics — Liberation
 * Sans is metric-compatible with Arial, and both with Helvetica — and measures with that face's advance
 * widths (per 1000 em, read from Liberation Sans in Chromium with `CanvasRenderingContext2D.measureText`).
 * Unknown characters count as a wide 0.65 em, so labels err on the roomy side.
 */

export const FONT_FAMILY = "'Liberation Sans', Arial, Helvetica, sans-serif";

const REGULAR = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
  556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
  260, 334, 584,
];
const BOLD = [
  278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
  556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833,
  722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611,
  556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389,
  280, 389, 584,
];
/** Characters outside printable ASCII that labels use: ×, –, …, —, ·, ⚠. */
const EXTRA: Readonly<Record<string, number>> = { '×': 584, '–': 556, '…': 1000, '—': 1000, '·': 278, '⚠': 896 };
const UNKNOWN = 650;

/** Width in px of `text` set at `size` px in the diagram's font. */
export function textWidth(text: string, size: number, bold = false): number {
  const table = bold ? BOLD : REGULAR;
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    units += code >= 32 && code < 127 ? table[code - 32] : (EXTRA[ch] ?? UNKNOWN);
  }
  return (units * size) / 1000;
}
