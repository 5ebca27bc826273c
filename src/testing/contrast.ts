/**
 * WCAG 2.x contrast ratio of two colours. The formula is a few lines of the spec (relative luminance of
 * sRGB), so it is written here rather than taken from a package; d3-color parses the colours.
 */
import { rgb } from 'd3';

function luminance(colour: string): number {
  const { r, g, b } = rgb(colour);
  const channel = (v: number) => {
    const c = v / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** From 1 (the same) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}
