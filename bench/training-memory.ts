/**
 * Tensors and memory across the epochs of `inception-explorer train` (print, don't assert): the CLI's own
 * race (runTrain, WebAssembly) with a snapshot saved at every epoch's end as the lab keeps one, and at each
 * epoch's end — after the held-out evaluation, the §3.3 monitor and the snapshot — TF.js's live tensors
 * and bytes (tf.memory()), the process's resident set and its JavaScript heap (after a garbage collection
 * when node runs with --expose-gc, as the npm script does). Then the growth from the end of epoch 2 (the
 * first epoch warms caches and the WASM heap) to the last: a leak shows as tensors that grow.
 *
 * Usage: npm run bench:training-memory [-- --epochs 6 --images 64 --width 0.125 --batch 16
 *   --network inception-resnet-v2-s --network …]
 */
import * as tf from '@tensorflow/tfjs-core';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runTrain } from '../src/cli/train.ts';
import { machineLine } from './support/machine.ts';

const { values: args } = parseArgs({
  options: {
    network: { type: 'string', multiple: true, default: [] },
    epochs: { type: 'string', default: '6' },
    images: { type: 'string', default: '64' },
    width: { type: 'string', default: '0.125' },
    batch: { type: 'string', default: '16' },
  },
});
const networks =
  args.network.length > 0
    ? args.network
    : ['inception-v4-s', 'inception-resnet-v2-s', 'inception-resnet-v2-s-no-shortcuts'];
const epochs = Number(args.epochs);
if (!Number.isInteger(epochs) || epochs < 3) throw new Error(`--epochs must be a whole number ≥ 3, got ${args.epochs}`);

interface Sample {
  epoch: number;
  tensors: number;
  bytes: number;
  rss: number;
  heap: number;
}

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => (bytes / 2 ** 20).toFixed(1);
const samples: Sample[] = [];
const folder = mkdtempSync(join(tmpdir(), 'bench-training-memory-'));
console.log(
  `${networks.join(', ')}: width ${args.width}, generated set of ${args.images} images, ` +
    `batch ${args.batch}, ${epochs} epochs, a snapshot saved at each epoch's end; ` +
    `${gc ? 'heap after a GC' : 'no --expose-gc: heap as found'}`,
);
console.log(machineLine());
console.log('epoch  tensors  tensor MB  RSS MB  heap MB');
try {
  const status = await runTrain(
    [
      ...networks.flatMap((n) => ['--network', n]),
      '--data',
      `generated:${args.images}`,
      '--width',
      args.width!,
      '--batch',
      args.batch!,
      '--epochs',
      String(epochs),
      '--lr',
      '0.01',
      '--save',
      join(folder, 'w.safetensors'),
    ],
    { out: () => {}, err: (text) => console.error(text) },
    {
      onEpochEnd(epoch) {
        gc?.();
        const { numTensors, numBytes } = tf.memory();
        const { rss, heapUsed } = process.memoryUsage();
        const sample = { epoch, tensors: numTensors, bytes: numBytes, rss, heap: heapUsed };
        samples.push(sample);
        console.log(
          `${String(epoch).padStart(5)}  ${String(numTensors).padStart(7)}  ${mb(numBytes).padStart(9)}  ` +
            `${mb(rss).padStart(6)}  ${mb(heapUsed).padStart(7)}`,
        );
      },
    },
  );
  if (status !== 0) throw new Error(`the training ended with status ${status}`);
} finally {
  rmSync(folder, { recursive: true, force: true });
}
const [from, to] = [samples[1], samples[samples.length - 1]];
console.log(
  `growth from the end of epoch ${from.epoch} to epoch ${to.epoch}: ${to.tensors - from.tensors} tensors, ` +
    `${to.bytes - from.bytes} tensor bytes, RSS ${mb(to.rss - from.rss)} MB, heap ${mb(to.heap - from.heap)} MB`,
);
