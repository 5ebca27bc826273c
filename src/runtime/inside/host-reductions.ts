/**
 * The reductions of `reductions.ts` computed in JavaScript, for backends whose tensors already live in
 * the worker's memory (WASM, CPU): one read of the output and two passes over it in float64 cost about
 * a third of the sixteen tfjs ops (each a pass and an allocation) that compute the same on a GPU. Same
 * packed layout and definitions as the tfjs versions; tests hold both to the same float64 reference.
 */
import { windows } from '../executor/differentiable-ops.ts';
import type { ChannelOrder } from './protocol.ts';
import { topIndices } from '../top-k.ts';

interface Grid {
  cells: number;
  h: number;
  w: number;
  c: number;
}

function gridOf(shape: readonly number[]): Grid {
  const c = shape[shape.length - 1];
  const [h, w] = shape.length === 3 ? [shape[0], shape[1]] : [1, 1];
  return { cells: h * w, h, w, c };
}

/** [mean, std, min, max, zero fraction], and the histogram over [min, max] (last bin includes max). */
function statistics(data: Float32Array, bins: number): { stats: number[]; histogram: Float64Array } {
  const n = data.length;
  let sum = 0;
  let squares = 0;
  let min = Infinity;
  let max = -Infinity;
  let zeros = 0;
  for (let i = 0; i < n; i++) {
    const v = data[i];
    sum += v;
    squares += v * v;
    if (v < min) min = v;
    if (v > max) max = v;
    if (v === 0) zeros++;
  }
  const mean = sum / n;
  // E[v²] − mean² in float64 loses nothing that matters for float32 values.
  const variance = Math.max(0, squares / n - mean * mean);
  const perUnit = max > min ? bins / (max - min) : 0;
  const histogram = new Float64Array(bins);
  const last = bins - 1;
  for (let i = 0; i < n; i++) {
    // (v − min)·perUnit lies in [0, bins]: truncation is the floor, and only max can reach `bins`.
    const bin = ((data[i] - min) * perUnit) | 0;
    histogram[bin > last ? last : bin]++;
  }
  return { stats: [mean, Math.sqrt(variance), min, max, zeros / n], histogram };
}

/** The channel-mean map (or one channel), average-pooled by `factor` over cells inside the map ("same"). */
function thumbnail(data: Float32Array, g: Grid, factor: number, channel?: number): Float64Array {
  const map = new Float64Array(g.cells);
  for (let cell = 0; cell < g.cells; cell++) {
    if (channel !== undefined) {
      map[cell] = data[cell * g.c + channel];
      continue;
    }
    let s = 0;
    for (let k = 0; k < g.c; k++) s += data[cell * g.c + k];
    map[cell] = s / g.c;
  }
  if (factor === 1) return map;
  const rows = windows(g.h, factor, factor, 'same');
  const cols = windows(g.w, factor, factor, 'same');
  const out = new Float64Array(rows.out * cols.out);
  for (let i = 0; i < rows.out; i++) {
    for (let j = 0; j < cols.out; j++) {
      let s = 0;
      for (let y = Math.max(0, i * factor - rows.before); y < Math.min(g.h, i * factor - rows.before + factor); y++) {
        for (let x = Math.max(0, j * factor - cols.before); x < Math.min(g.w, j * factor - cols.before + factor); x++)
          s += map[y * g.w + x];
      }
      out[i * cols.out + j] = s / (rows.inside[i] * cols.inside[j]);
    }
  }
  return out;
}

function pack(parts: ReadonlyArray<ArrayLike<number>>): Float32Array {
  const out = new Float32Array(parts.reduce((a, p) => a + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** stats (5), histogram (bins), thumbnail (when `factor` is given, for grids). */
export function hostSummary(
  data: Float32Array,
  shape: readonly number[],
  bins: number,
  factor?: number,
  channel?: number,
): Float32Array {
  const { stats, histogram } = statistics(data, bins);
  return pack([stats, histogram, ...(factor ? [thumbnail(data, gridOf(shape), factor, channel)] : [])]);
}

/** As `hostSummary`, then per-channel mean, max and zero fraction, the top `k` channels in `order`, and their maps. */
export function hostDetail(
  data: Float32Array,
  shape: readonly number[],
  bins: number,
  factor: number | undefined,
  order: ChannelOrder,
  k: number,
): Float32Array {
  const g = gridOf(shape);
  const mean = new Float64Array(g.c);
  const max = new Float64Array(g.c).fill(-Infinity);
  const zeros = new Float64Array(g.c);
  for (let cell = 0; cell < g.cells; cell++) {
    for (let ch = 0; ch < g.c; ch++) {
      const v = data[cell * g.c + ch];
      mean[ch] += v;
      if (v > max[ch]) max[ch] = v;
      if (v === 0) zeros[ch]++;
    }
  }
  for (let ch = 0; ch < g.c; ch++) {
    mean[ch] /= g.cells;
    zeros[ch] /= g.cells;
  }
  const key = order === 'mean' ? mean : order === 'max' ? max : zeros;
  // Largest first; ties to the lower channel (the one top-k of every path).
  const top = topIndices(key, k);
  const maps = new Float32Array(top.length * g.cells);
  top.forEach((ch, i) => {
    for (let cell = 0; cell < g.cells; cell++) maps[i * g.cells + cell] = data[cell * g.c + ch];
  });
  return pack([hostSummary(data, shape, bins, factor), mean, max, zeros, top, maps]);
}

/** [mean, zero fraction]. */
export function hostDepth(data: Float32Array): Float32Array {
  let sum = 0;
  let zeros = 0;
  for (let i = 0; i < data.length; i++) {
    sum += data[i];
    if (data[i] === 0) zeros++;
  }
  return Float32Array.of(sum / data.length, zeros / data.length);
}
