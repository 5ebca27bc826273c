/**
 * torchvision `ToTensor` + `Normalize(mean, std)` in float32, laid out NHWC for TensorFlow.js.
 * torch computes `float32(v) / 255`, then `- mean`, then `/ std`, each rounded to float32; a float64
 * operation on float32 operands rounded once with `Math.fround` gives the same bits (53 ≥ 2·24 + 2).
 */
import type { Preprocessing } from '../../model/types.ts';
import type { RgbImage } from './image.ts';

/** For each channel, the normalised value of each of the 256 byte values. */
export function normalizationTable(mean: Preprocessing['mean'], std: Preprocessing['std']): Float32Array[] {
  return [0, 1, 2].map((c) => {
    const m = Math.fround(mean[c]);
    const s = Math.fround(std[c]);
    if (!(s !== 0 && Number.isFinite(s) && Number.isFinite(m)))
      throw new RangeError(`invalid normalisation mean ${m}, std ${s} for channel ${c}`);
    const table = new Float32Array(256);
    for (let v = 0; v < 256; v++) {
      const scaled = Math.fround(v / 255);
      table[v] = Math.fround(Math.fround(scaled - m) / s);
    }
    return table;
  });
}

/** The network input: `Float32Array` of shape [1, height, width, 3] (NHWC), channel order RGB. */
export function normalizeToTensor(
  image: RgbImage,
  mean: Preprocessing['mean'],
  std: Preprocessing['std'],
): Float32Array {
  const [r, g, b] = normalizationTable(mean, std);
  const { data } = image;
  const out = new Float32Array(data.length);
  for (let i = 0; i < data.length; i += 3) {
    out[i] = r[data[i]];
    out[i + 1] = g[data[i + 1]];
    out[i + 2] = b[data[i + 2]];
  }
  return out;
}
