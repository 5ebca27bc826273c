/**
 * The transformation robustness of feature visualisation (Olah et al. 2017; Lucid's standard transforms:
 * jitter, scale 0.9–1.1, rotation ±10°, jitter again): each step looks at the image moved, scaled and
 * turned a little, at random, so that the optimisation cannot rely on pixel-exact patterns.
 *
 * The whole move is one affine resampling (`tf.image.transform`, bilinear, grey outside the image) about the
 * image's centre. Like Lucid's `pad(12)` first, the picture is shown shrunk by a grey margin, so that its
 * edges stay in the network's view under the moves and are optimised like its middle (without it the edges,
 * pushed out of view by every scale-up and jitter, came out as an unoptimised frame). TensorFlow.js defines
 * no gradient for that kernel, so it gets one here: the adjoint of resampling at p ↦ A·p + t is, for the
 * continuous image, resampling at q ↦ A⁻¹·(q − t) times |det A⁻¹|; with bilinear sampling this is the exact
 * adjoint only up to the interpolation at each pixel, which is plenty for a regulariser (the gradient's
 * direction is what matters, and the tests run without moves).
 */
import * as tf from '@tensorflow/tfjs-core';
import { Random } from '../training/data/random.ts';

export interface Robustness {
  /** Grey margin in pixels, each side, around the picture the network sees (Lucid: 12 at 224 px). */
  pad: number;
  /** Largest shift in pixels, each way, of each of the two jitters (Lucid: 8 then 4, at 224 px). */
  jitter: number;
  /** Scales drawn from [1 − scale, 1 + scale] (Lucid: 0.1). */
  scale: number;
  /** Rotations drawn from ±degrees (Lucid: 10). */
  degrees: number;
}

/** Lucid's standard transforms, with jitter in proportion to the image (8 px at 224 px). */
export function standardRobustness(size: number): Robustness {
  const px = (n: number) => Math.max(1, Math.round((n * size) / 224));
  return { pad: px(12), jitter: px(8), scale: 0.1, degrees: 10 };
}

export const NO_ROBUSTNESS: Robustness = { pad: 0, jitter: 0, scale: 0, degrees: 0 };

/** One drawn move: the output pixel (x, y) samples the input at (a0 x + a1 y + a2, b0 x + b1 y + b2). */
export interface Move {
  /** [a0, a1, a2, b0, b1, b2] (tf.image.transform's rows, without the projective part). */
  matrix: readonly [number, number, number, number, number, number];
}

/** The move of one step, drawn from `random` (jitter, scale, rotation, jitter, all about the centre). */
export function drawMove(random: Random, robustness: Robustness, height: number, width: number): Move {
  const shift = () => (robustness.jitter > 0 ? random.int(2 * robustness.jitter + 1) - robustness.jitter : 0);
  const dx = shift() + shift();
  const dy = shift() + shift();
  const shrink = width / (width + 2 * robustness.pad);
  const s = shrink * (robustness.scale > 0 ? random.range(1 - robustness.scale, 1 + robustness.scale) : 1);
  const theta = robustness.degrees > 0 ? (random.range(-robustness.degrees, robustness.degrees) * Math.PI) / 180 : 0;
  // Output point p samples the input at c + R(−θ)(p − c)/s − d: the picture is scaled by s, turned by θ, moved by d.
  const cos = Math.cos(theta) / s;
  const sin = Math.sin(theta) / s;
  const cx = (width - 1) / 2;
  const cy = (height - 1) / 2;
  return {
    matrix: [cos, sin, cx - cos * cx - sin * cy - dx, -sin, cos, cy + sin * cx - cos * cy - dy],
  };
}

/** Whether the move leaves every pixel where it is. */
export function isIdentity(move: Move): boolean {
  const [a0, a1, a2, b0, b1, b2] = move.matrix;
  return a0 === 1 && a1 === 0 && a2 === 0 && b0 === 0 && b1 === 1 && b2 === 0;
}

/** The inverse affine map's row (for the gradient). */
function inverse(move: Move): [number, number, number, number, number, number] {
  const [a0, a1, a2, b0, b1, b2] = move.matrix;
  const det = a0 * b1 - a1 * b0;
  const i0 = b1 / det;
  const i1 = -a1 / det;
  const j0 = -b0 / det;
  const j1 = a0 / det;
  return [i0, i1, -(i0 * a2 + i1 * b2), j0, j1, -(j0 * a2 + j1 * b2)];
}

/** `image` [1, H, W, C] in [0, 1] moved (grey outside), with the adjoint resampling as its gradient. */
export function applyMove(image: tf.Tensor4D, move: Move): tf.Tensor4D {
  if (isIdentity(move)) return image;
  const forward = [...move.matrix, 0, 0];
  const backward = [...inverse(move), 0, 0];
  const [a0, a1, , b0, b1] = move.matrix;
  const jacobian = 1 / Math.abs(a0 * b1 - a1 * b0);
  const resample = (x: tf.Tensor, row: number[], fill: number) =>
    tf.tidy(() => tf.image.transform(x as tf.Tensor4D, tf.tensor2d([row]), 'bilinear', 'constant', fill));
  const moved = tf.customGrad((...inputs: Parameters<Parameters<typeof tf.customGrad>[0]>) => {
    return {
      value: resample(inputs[0] as tf.Tensor4D, forward, 0.5),
      gradFunc: (dy: tf.Tensor) => tf.tidy(() => tf.mul(resample(dy, backward, 0), jacobian)),
    };
  });
  return moved(image) as tf.Tensor4D;
}
