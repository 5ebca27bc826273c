/**
 * Plain float64 loops for the few operations whose semantics are easy to get subtly wrong (padding,
 * the average's divisor). Written by hand on purpose: they are the independent definition that the
 * tfjs kernels are checked against, in unit tests and in each backend's start-up self-test. Single
 * image, HWC layout.
 */

export interface Grid {
  /** [height, width, channels] */
  shape: readonly [number, number, number];
  data: ArrayLike<number>;
}

export interface GridResult {
  shape: [number, number, number];
  data: Float64Array;
}

/** TensorFlow's "SAME" padding: total padding so the output is ceil(in / stride), the extra cell after. */
function samePadding(size: number, kernel: number, stride: number): { out: number; before: number } {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + kernel - size, 0);
  return { out, before: Math.floor(total / 2) };
}

function window(
  size: number,
  kernel: number,
  stride: number,
  padding: 'same' | 'valid',
): { out: number; before: number } {
  return padding === 'same'
    ? samePadding(size, kernel, stride)
    : { out: Math.floor((size - kernel) / stride) + 1, before: 0 };
}

/**
 * Average pool. `countPadding: false` (the networks' semantics) divides by the number of in-bounds
 * cells; `true` divides by the full window (PyTorch's default `count_include_pad=True`), for contrast.
 */
export function referenceAvgPool(
  x: Grid,
  kernel: readonly [number, number],
  stride: number,
  padding: 'same' | 'valid',
  countPadding = false,
): GridResult {
  const [h, w, c] = x.shape;
  const ry = window(h, kernel[0], stride, padding);
  const rx = window(w, kernel[1], stride, padding);
  const out = new Float64Array(ry.out * rx.out * c);
  for (let oy = 0; oy < ry.out; oy++) {
    for (let ox = 0; ox < rx.out; ox++) {
      for (let ch = 0; ch < c; ch++) {
        let sum = 0;
        let count = 0;
        for (let dy = 0; dy < kernel[0]; dy++) {
          for (let dx = 0; dx < kernel[1]; dx++) {
            const y = oy * stride + dy - ry.before;
            const xx = ox * stride + dx - rx.before;
            if (y < 0 || y >= h || xx < 0 || xx >= w) continue;
            sum += x.data[(y * w + xx) * c + ch];
            count++;
          }
        }
        out[(oy * rx.out + ox) * c + ch] = sum / (countPadding ? kernel[0] * kernel[1] : count);
      }
    }
  }
  return { shape: [ry.out, rx.out, c], data: out };
}

/** Convolution with an HWIO filter, zero padding, bias and optional ReLU. */
export function referenceConv2d(
  x: Grid,
  filter: { shape: readonly [number, number, number, number]; data: ArrayLike<number> },
  bias: ArrayLike<number>,
  stride: number,
  padding: 'same' | 'valid',
  relu: boolean,
): GridResult {
  const [h, w, cin] = x.shape;
  const [kh, kw, , cout] = filter.shape;
  const ry = window(h, kh, stride, padding);
  const rx = window(w, kw, stride, padding);
  const out = new Float64Array(ry.out * rx.out * cout);
  for (let oy = 0; oy < ry.out; oy++) {
    for (let ox = 0; ox < rx.out; ox++) {
      for (let o = 0; o < cout; o++) {
        let acc = bias[o];
        for (let dy = 0; dy < kh; dy++) {
          const y = oy * stride + dy - ry.before;
          if (y < 0 || y >= h) continue;
          for (let dx = 0; dx < kw; dx++) {
            const xx = ox * stride + dx - rx.before;
            if (xx < 0 || xx >= w) continue;
            for (let i = 0; i < cin; i++)
              acc += x.data[(y * w + xx) * cin + i] * filter.data[((dy * kw + dx) * cin + i) * cout + o];
          }
        }
        out[(oy * rx.out + ox) * cout + o] = relu ? Math.max(acc, 0) : acc;
      }
    }
  }
  return { shape: [ry.out, rx.out, cout], data: out };
}

/** Largest absolute difference between two equally long arrays. */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    if (!(d <= worst)) worst = Number.isNaN(d) ? Infinity : d;
  }
  return worst;
}
