import * as tf from '@tensorflow/tfjs-core';
import { activateNodeBackend } from '../src/runtime/backends/backends.node.ts';
import { conv2dFilterGradientFromOps } from '../src/runtime/training/conv2d-backprop-filter.ts';
await activateNodeBackend('wasm');
type F = (x: tf.Tensor4D, dy: tf.Tensor4D) => tf.Tensor;
function bench(cases: Array<[string, F]>, x0: tf.Tensor4D, d0: tf.Tensor4D, reps = 9) {
  const best = cases.map(() => Infinity);
  for (let i = 0; i < reps; i++) cases.forEach(([, f], k) => {
    const x = tf.add(x0, i * 1e-3) as tf.Tensor4D; const dy = tf.add(d0, i * 1e-3) as tf.Tensor4D;
    const s = performance.now(); const r = tf.tidy(() => f(x, dy)); best[k] = Math.min(best[k], performance.now() - s); tf.dispose([r, x, dy]);
  });
  cases.forEach(([l], k) => console.log(l.padEnd(40), (best[k] * 1000).toFixed(0), 'µs'));
}
function im2col(x: tf.Tensor4D, dy: tf.Tensor4D, kh: number, kw: number): tf.Tensor {
  const [n, h, w, c] = x.shape; const cout = dy.shape[3];
  const p = tf.pad(x, [[0, 0], [(kh - 1) >> 1, kh >> 1], [(kw - 1) >> 1, kw >> 1], [0, 0]]);
  const taps: tf.Tensor[] = [];
  for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) taps.push(tf.slice(p, [0, i, j, 0], [n, h, w, c]));
  const patches = tf.reshape(tf.concat(taps, 3), [n * h * w, kh * kw * c]);
  return tf.reshape(tf.matMul(tf.transpose(patches), tf.reshape(dy, [n * h * w, cout])), [kh, kw, c, cout]);
}
function im2colT(x: tf.Tensor4D, dy: tf.Tensor4D, kh: number, kw: number): tf.Tensor {
  // dWᵀ = dyᵀ · patches: transpose dy (small channels) instead of the patches
  const [n, h, w, c] = x.shape; const cout = dy.shape[3];
  const p = tf.pad(x, [[0, 0], [(kh - 1) >> 1, kh >> 1], [(kw - 1) >> 1, kw >> 1], [0, 0]]);
  const taps: tf.Tensor[] = [];
  for (let i = 0; i < kh; i++) for (let j = 0; j < kw; j++) taps.push(tf.slice(p, [0, i, j, 0], [n, h, w, c]));
  const patches = tf.reshape(tf.concat(taps, 3), [n * h * w, kh * kw * c]);
  const t = tf.matMul(tf.transpose(tf.reshape(dy, [n * h * w, cout])), patches);
  return tf.reshape(tf.transpose(t), [kh, kw, c, cout]);
}
function fwd(x: tf.Tensor4D, dy: tf.Tensor4D, kh: number, kw: number) {
  const f = tf.randomNormal([kh, kw, x.shape[3], dy.shape[3]]) as tf.Tensor4D; return tf.conv2d(x, f, 1, 'same');
}
for (const [N, H, C, O, kh, kw] of [[32, 32, 8, 16, 3, 3], [32, 32, 16, 8, 3, 3], [32, 15, 32, 48, 1, 1], [32, 15, 12, 14, 1, 7], [32, 15, 64, 16, 3, 3]]) {
  console.log(`--- x ${N}x${H}x${H}x${C} → ${O}, ${kh}x${kw}`);
  const x0 = tf.randomNormal([N, H, H, C]) as tf.Tensor4D;
  const d0 = tf.randomNormal([N, H, H, O]) as tf.Tensor4D;
  const ref = conv2dFilterGradientFromOps(x0, d0, [kh, kw, C, O], 1, 'same');
  const a = im2col(x0, d0, kh, kw); const b = im2colT(x0, d0, kh, kw);
  console.log('max diff', tf.max(tf.abs(tf.sub(ref, a))).dataSync()[0], tf.max(tf.abs(tf.sub(ref, b))).dataSync()[0], tf.max(tf.abs(ref)).dataSync()[0]);
  bench([
    ['forward conv (reference)', (x, dy) => fwd(x, dy, kh, kw)],
    ['current ops', (x, dy) => conv2dFilterGradientFromOps(x, dy, [kh, kw, C, O], 1, 'same')],
    ['im2col + transpose patches', (x, dy) => im2col(x, dy, kh, kw)],
    ['im2col + transpose dy', (x, dy) => im2colT(x, dy, kh, kw)],
  ], x0, d0);
}
