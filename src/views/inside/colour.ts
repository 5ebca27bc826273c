/**
 * Colouring activation maps: perceptual scales from d3-scale-chromatic, sampled once into lookup tables
 * so that a map of thousands of values is coloured without parsing a CSS colour per value.
 *
 * Non-negative maps (after a ReLU, or a channel mean of them) use viridis over [0, max], so exact zeros
 * read as the darkest colour and sparsity shows; maps with negative values (a Linear projection, the
 * residual branch) use a diverging red–blue scale symmetric around 0. Viridis and RdBu both stay legible
 * on light and dark backgrounds.
 */
import { interpolateInferno, interpolateRdBu, interpolateViridis, rgb } from 'd3';

export type Scheme = 'sequential' | 'diverging';

const STEPS = 256;

function table(interpolate: (t: number) => string): Uint8Array {
  const lut = new Uint8Array(STEPS * 3);
  for (let i = 0; i < STEPS; i++) {
    const c = rgb(interpolate(i / (STEPS - 1)));
    lut.set([Math.round(c.r), Math.round(c.g), Math.round(c.b)], i * 3);
  }
  return lut;
}

let tables: Record<'viridis' | 'rdbu' | 'inferno', Uint8Array> | undefined;
function lut(name: 'viridis' | 'rdbu' | 'inferno'): Uint8Array {
  // RdBu reversed: positive values red, negative blue.
  tables ??= {
    viridis: table(interpolateViridis),
    rdbu: table((t) => interpolateRdBu(1 - t)),
    inferno: table(interpolateInferno),
  };
  return tables[name];
}

/** The value range a map is coloured over, and the scheme that suits its values. */
export interface ColourRange {
  scheme: Scheme;
  lo: number;
  hi: number;
}

export function rangeOf(data: ArrayLike<number>): ColourRange {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    if (data[i] < min) min = data[i];
    if (data[i] > max) max = data[i];
  }
  if (!(min < Infinity)) return { scheme: 'sequential', lo: 0, hi: 1 };
  if (min >= 0) return { scheme: 'sequential', lo: 0, hi: max > 0 ? max : 1 };
  const m = Math.max(-min, max);
  return { scheme: 'diverging', lo: -m, hi: m };
}

/** Position of `v` in the range, clamped to [0, 1]. */
function position(v: number, range: ColourRange): number {
  const t = (v - range.lo) / (range.hi - range.lo || 1);
  return t < 0 ? 0 : t > 1 ? 1 : t;
}

/** RGBA pixels of a map (row-major), fully opaque. */
export function colourise(data: ArrayLike<number>, range: ColourRange = rangeOf(data)): Uint8ClampedArray<ArrayBuffer> {
  const colours = lut(range.scheme === 'sequential' ? 'viridis' : 'rdbu');
  const out = new Uint8ClampedArray(data.length * 4);
  for (let i = 0; i < data.length; i++) {
    const k = Math.round(position(data[i], range) * (STEPS - 1)) * 3;
    out[i * 4] = colours[k];
    out[i * 4 + 1] = colours[k + 1];
    out[i * 4 + 2] = colours[k + 2];
    out[i * 4 + 3] = 255;
  }
  return out;
}

/**
 * RGBA pixels of a heat map to lay over a photo (inferno): values are normalised to [min, max] of the map,
 * and the alpha grows with the value so that where the network does not look, the photo shows through.
 */
export function heatOverlay(data: ArrayLike<number>, opacity: number): Uint8ClampedArray<ArrayBuffer> {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < data.length; i++) {
    if (data[i] < min) min = data[i];
    if (data[i] > max) max = data[i];
  }
  const span = max - min || 1;
  const colours = lut('inferno');
  const out = new Uint8ClampedArray(data.length * 4);
  for (let i = 0; i < data.length; i++) {
    const t = (data[i] - min) / span;
    const k = Math.round(t * (STEPS - 1)) * 3;
    out[i * 4] = colours[k];
    out[i * 4 + 1] = colours[k + 1];
    out[i * 4 + 2] = colours[k + 2];
    out[i * 4 + 3] = Math.round(255 * opacity * (0.25 + 0.75 * t));
  }
  return out;
}

/** CSS colours of the scale's ends and middle, for a legend. */
export function legendStops(scheme: Scheme): string[] {
  const colours = lut(scheme === 'sequential' ? 'viridis' : 'rdbu');
  return [0, 0.25, 0.5, 0.75, 1].map((t) => {
    const k = Math.round(t * (STEPS - 1)) * 3;
    return `rgb(${colours[k]}, ${colours[k + 1]}, ${colours[k + 2]})`;
  });
}
