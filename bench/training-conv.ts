/**
 * What bounds the training engine's speed against PyTorch (print, don't assert): the convolutions alone.
 * For convolution shapes of the learning lab's small networks (batch 32, width 0.25: 32×32, 16×16 and 8×8
 * grids), the CPU milliseconds of the forward (Conv2D), the input gradient (conv2d-backprop-input.ts) and
 * the filter gradient (conv2d-backprop-filter.ts, built from other kernels) on WebAssembly (SIMD, one thread,
 * Node), against PyTorch's forward and its backward (dx and dW) on one thread of the same CPU
 * (bench/training-conv.py), and the ratio of the sums. CPU time rather than wall time: on a machine loaded
 * by other work it counts the work, not the waits for a core. Median of --repeats (12).
 *
 * Usage: npm run bench:training-conv [-- --repeats 12]
 */
import { execFileSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { activateNodeBackend } from '../src/runtime/backends/backends.node.ts';
import { conv2dFilterGradientFromOps } from '../src/runtime/training/conv2d-backprop-filter.ts';
import { conv2dInputGradient } from '../src/runtime/training/conv2d-backprop-input.ts';
import { machineLine } from './support/machine.ts';
import { median } from './support/statistics.ts';

/** [batch, grid size, in channels, out channels, kernel size]. */
const SHAPES: Array<[number, number, number, number, number]> = [
  [32, 32, 24, 32, 3],
  [32, 16, 64, 96, 3],
  [32, 8, 160, 192, 1],
  [32, 8, 128, 160, 3],
];

const { values: args } = parseArgs({ options: { repeats: { type: 'string', default: '12' } } });
const repeats = Number(args.repeats);
if (!Number.isInteger(repeats) || repeats < 1)
  throw new Error(`--repeats must be a whole number ≥ 1, got ${args.repeats}`);

/** Median CPU ms of this process over the repeats of `work` (its result read back and disposed). */
function cpuMs(work: () => tf.Tensor): number {
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = process.cpuUsage();
    const y = work();
    y.dataSync();
    const used = process.cpuUsage(started);
    times.push((used.user + used.system) / 1000);
    y.dispose();
  }
  return median(times);
}

console.log(machineLine());
const active = await activateNodeBackend('wasm');
const torch: Array<{ forward: number; backward: number }> = JSON.parse(
  execFileSync('/usr/bin/python3', ['bench/training-conv.py', JSON.stringify(SHAPES), String(repeats), '1'], {
    encoding: 'utf8',
  }).trim(),
);
console.log(`CPU ms per convolution, median of ${repeats}: WASM (${active.detail}) against PyTorch (one thread)`);
SHAPES.forEach(([n, size, cin, cout, k], i) => {
  const x = tf.randomNormal([n, size, size, cin]) as tf.Tensor4D;
  const w = tf.randomNormal([k, k, cin, cout]) as tf.Tensor4D;
  const dy = tf.randomNormal([n, size, size, cout]) as tf.Tensor4D;
  const forward = cpuMs(() => tf.conv2d(x, w, 1, 'same'));
  const dx = cpuMs(() => conv2dInputGradient(dy, w, [size, size], 1, 'same'));
  const dw = cpuMs(() => conv2dFilterGradientFromOps(x, dy, [k, k, cin, cout], 1, 'same'));
  tf.dispose([x, w, dy]);
  const gmacs = (ms: number) => ((n * size * size * cin * cout * k * k) / 1e6 / ms).toFixed(1);
  const t = torch[i];
  console.log(
    `  ${n}×${size}×${size}×${cin} ${k}×${k} → ${cout}: WASM forward ${forward.toFixed(1)} ` +
      `(${gmacs(forward)} GMAC/s), dx ${dx.toFixed(1)}, dW ${dw.toFixed(1)}; PyTorch forward ${t.forward.toFixed(1)} ` +
      `(${gmacs(t.forward)} GMAC/s), dx + dW ${t.backward.toFixed(1)}; ratio forward ` +
      `${(t.forward / forward).toFixed(2)}×, whole layer ${((t.forward + t.backward) / (forward + dx + dw)).toFixed(2)}×`,
  );
});
