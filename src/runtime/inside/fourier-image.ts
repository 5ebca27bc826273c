/**
 * The image parameterisation of feature visualisation (Olah, Mordvintsev & Schubert 2017, "Feature
 * Visualization", and Lucid's `fft_image` + `to_valid_rgb`): the optimised parameters are a real/imaginary
 * spectrum per colour channel, scaled by 1/f (so each frequency has about the energy of a natural image
 * and gradient steps do not fill the picture with high-frequency noise), turned into an image by an inverse
 * real 2-D DFT, then mapped from a decorrelated colour space to RGB and squashed into [0, 1] by a sigmoid.
 *
 * TensorFlow.js has no gradient for its FFT kernels, and its WASM backend has no FFT kernels at all, so the
 * inverse DFT is written as four real matrix products with precomputed cosine/sine bases: the same
 * transform (not a fast one: O(H²W + HW²) instead of O(HW log HW)), differentiable on every backend.
 */
import * as tf from '@tensorflow/tfjs-core';
import { Random } from '../training/data/random.ts';

/**
 * Lucid's colour correlation (the square root of the ImageNet colour covariance, from its SVD), with its
 * columns normalised by the largest column norm: the "decorrelated" space the parameters live in.
 */
const COLOUR_CORRELATION = [
  [0.26, 0.09, 0.02],
  [0.27, 0.0, -0.05],
  [0.27, -0.09, 0.03],
];
const COLOUR_NORM = Math.max(...[0, 1, 2].map((j) => Math.hypot(...COLOUR_CORRELATION.map((row) => row[j]))));
/** Lucid divides the inverse DFT by 4 before the colour mapping. */
const SPECTRUM_GAIN = 0.25;
/** Standard deviation of the initial spectrum (Lucid's `sd`). */
const INITIAL_SD = 0.01;

/** The constant tensors of one image size: the DFT bases, the 1/f scale, the colour matrix. */
export class FourierImage {
  /** cos(2πuh/H), sin(2πuh/H): [H, H]. */
  private readonly rowCos: tf.Tensor2D;
  private readonly rowSin: tf.Tensor2D;
  /** c_v cos(2πvw/W) / (HW), c_v sin(…) / (HW): [K, W], c_v = 1 at v = 0 and at W/2, else 2. */
  private readonly colCos: tf.Tensor2D;
  private readonly colSin: tf.Tensor2D;
  /** 1/max(f, 1/max(H, W)) · √(HW) per (u, channel, v): [H, 3K]. */
  private readonly scale: tf.Tensor2D;
  /** The colour matrix, transposed for `pixels · Mᵀ`: [3, 3]. */
  private readonly colour: tf.Tensor2D;
  /** Number of kept frequencies along the width: ⌊W/2⌋ + 1. */
  readonly k: number;

  constructor(
    readonly height: number,
    readonly width: number,
  ) {
    if (!(Number.isInteger(height) && Number.isInteger(width) && height > 0 && width > 0)) {
      throw new RangeError(`an image size must be positive whole numbers, got ${height}×${width}`);
    }
    const h = height;
    const w = width;
    const k = Math.floor(w / 2) + 1;
    this.k = k;
    const angle = (a: number, b: number, n: number) => (2 * Math.PI * ((a * b) % n)) / n;
    const square = (f: (x: number) => number) =>
      Float32Array.from({ length: h * h }, (_, i) => f(angle(Math.floor(i / h), i % h, h)));
    this.rowCos = tf.tensor2d(square(Math.cos), [h, h]);
    this.rowSin = tf.tensor2d(square(Math.sin), [h, h]);
    const weight = (v: number) => (v === 0 || 2 * v === w ? 1 : 2) / (h * w);
    const columns = (f: (x: number) => number) =>
      Float32Array.from({ length: k * w }, (_, i) => {
        const v = Math.floor(i / w);
        return weight(v) * f(angle(v, i % w, w));
      });
    this.colCos = tf.tensor2d(columns(Math.cos), [k, w]);
    this.colSin = tf.tensor2d(columns(Math.sin), [k, w]);
    const fu = (u: number) => (u < Math.ceil(h / 2) ? u : u - h) / h;
    const floor = 1 / Math.max(h, w);
    this.scale = tf.tensor2d(
      Float32Array.from({ length: h * 3 * k }, (_, i) => {
        const u = Math.floor(i / (3 * k));
        const v = i % k;
        return Math.sqrt(h * w) / Math.max(Math.hypot(fu(u), v / w), floor);
      }),
      [h, 3 * k],
    );
    const normalised = COLOUR_CORRELATION.map((row) => row.map((x) => x / COLOUR_NORM));
    this.colour = tf.tensor2d([0, 1, 2].map((j) => [0, 1, 2].map((i) => normalised[i][j])));
  }

  /** A seeded initial spectrum [2, H, 3K] (real and imaginary parts), normal with Lucid's sd. */
  initial(seed: number): tf.Tensor3D {
    const random = new Random(seed);
    const size = 2 * this.height * 3 * this.k;
    const values = new Float32Array(size);
    for (let i = 0; i < size; i += 2) {
      // Box–Muller: two normals from two uniforms (1 − u keeps the logarithm finite).
      const r = Math.sqrt(-2 * Math.log(1 - random.float()));
      const t = 2 * Math.PI * random.float();
      values[i] = INITIAL_SD * r * Math.cos(t);
      if (i + 1 < size) values[i + 1] = INITIAL_SD * r * Math.sin(t);
    }
    return tf.tensor3d(values, [2, this.height, 3 * this.k]);
  }

  /** The RGB image in [0, 1], [1, H, W, 3], of a spectrum [2, H, 3K] (differentiable). */
  image(spectrum: tf.Tensor3D): tf.Tensor4D {
    return tf.tidy(() => {
      const pixels = tf.reshape(this.spatial(tf.mul(spectrum, this.scale) as tf.Tensor3D), [
        this.height * this.width,
        3,
      ]);
      const rgb = tf.matMul(tf.mul(pixels, SPECTRUM_GAIN), this.colour);
      return tf.reshape(tf.sigmoid(rgb), [1, this.height, this.width, 3]);
    });
  }

  /** The inverse real 2-D DFT (numpy's irfft2) of each channel of a spectrum [2, H, 3K]: [H, W, 3]. */
  spatial(spectrum: tf.Tensor3D): tf.Tensor3D {
    return tf.tidy(() => {
      const { height: h, width: w, k } = this;
      const [re, im] = tf.unstack(spectrum) as tf.Tensor2D[];
      // Inverse DFT along the height (complex), then the inverse real DFT along the width.
      const zr = tf.reshape(tf.sub(tf.matMul(this.rowCos, re), tf.matMul(this.rowSin, im)), [h * 3, k]);
      const zi = tf.reshape(tf.add(tf.matMul(this.rowCos, im), tf.matMul(this.rowSin, re)), [h * 3, k]);
      const planes = tf.reshape(tf.sub(tf.matMul(zr, this.colCos), tf.matMul(zi, this.colSin)), [h, 3, w]);
      return tf.transpose(planes, [0, 2, 1]) as tf.Tensor3D;
    });
  }

  dispose(): void {
    tf.dispose([this.rowCos, this.rowSin, this.colCos, this.colSin, this.scale, this.colour]);
  }
}
