/**
 * `npm run bench:gpu`: TensorFlow.js's WebGPU backend outside a browser, in Node with Dawn (the `webgpu`
 * npm package, prebuilt, nothing downloaded at run time; src/runtime/backends/webgpu.node.ts, as the CLI's
 * `--backend webgpu` uses it), on the project's executor and training engine.
 *
 * Inference: for each released network, the upload of its weights (fold + write to GPU buffers), the cold
 * start (upload + first inference, shaders compiled), and the warm latency at batch sizes 1 and 8
 * (median), with images/s. Recipe weights (fixtures/timm/recipe.md) stand in for the pretrained ones:
 * same tensors and sizes. Targets on a data-centre GPU: Inception-v4 ≤ 15 ms warm at batch 1, ≥ 500
 * images/s at batch 8.
 * Training: for each small network at 32×32 (the lab's and `train`'s), images/s of whole training steps
 * (forward, backward, RMSProp) at batch 32 and 128, and the first step's time (shaders compiled).
 *
 * Runs on whatever adapter Dawn finds (on Linux through Vulkan: the GPU vendor's driver, or a software
 * one) and says clearly when there is none. Without a GPU, Chromium's SwiftShader can stand in:
 * `LD_LIBRARY_PATH=/usr/lib/chromium VK_ICD_FILENAMES=/usr/lib/chromium/vk_swiftshader_icd.json npm run
 * bench:gpu` (minutes per inference; the figures then only prove that it runs; on a software adapter the
 * defaults shrink to one inference run at batch 1 and training at batch 32 only, 2 steps).
 * Debian 12's lavapipe lacks a feature Dawn needs.
 *
 * Usage: npm run bench:gpu [-- --parts inference,training --networks inception-v4 --batches 1,8 --runs 20
 *   --training-networks inception-v4-s --training-batches 32,128 --steps 10
 *   --flags WEBGPU_DEFERRED_SUBMIT_BATCH_SIZE=30,WEBGPU_USE_LOW_POWER_GPU=false]
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { recipeWeights } from '../src/testing/recipe-weights.ts';
import { NETWORKS } from '../src/model/networks/index.ts';
import { SMALL_NETWORK_IDS, SMALL_PRESETS, type SmallNetworkId } from '../src/model/small/index.ts';
import { smallNetwork } from '../src/model/small/small-network.ts';
import { activateNodeBackend } from '../src/runtime/backends/backends.node.ts';
import { installNodeWebGpu, releaseNodeWebGpu } from '../src/runtime/backends/webgpu.node.ts';
import { buildExecutor } from '../src/runtime/executor/network.ts';
import { registerGradientsInNode } from '../src/runtime/inside/gradients.node.ts';
import { PAPER_OPTIMIZER } from '../src/runtime/training/config.ts';
import { recipeInput } from '../src/runtime/weights/recipe.ts';
import { readSafetensorsFile } from '../src/runtime/weights/safetensors-file.node.ts';
import { median } from './support/statistics.ts';
import { measureTrainingSteps } from '../src/testing/training-steps.ts';

type Network = 'inception-v4' | 'inception-resnet-v2';

const { values: args } = parseArgs({
  options: {
    parts: { type: 'string', default: 'inference,training' },
    networks: { type: 'string', default: 'inception-v4,inception-resnet-v2' },
    batches: { type: 'string' },
    runs: { type: 'string' },
    'training-networks': { type: 'string', default: SMALL_NETWORK_IDS.join(',') },
    'training-batches': { type: 'string' },
    steps: { type: 'string' },
    flags: { type: 'string', default: '' },
  },
});

const gpu = await installNodeWebGpu();
if (!gpu.webgpu.available) {
  console.log(`No WebGPU adapter: ${gpu.webgpu.reason}. Nothing to measure.`);
  process.exit(0);
}
// Its flags are registered when the package loads (with navigator.gpu in place), and read when it starts.
await import('@tensorflow/tfjs-backend-webgpu');
for (const flag of args.flags!.split(',').filter(Boolean)) {
  const [key, value] = flag.split('=');
  tf.env().set(key, value === 'true' ? true : value === 'false' ? false : Number(value));
}
const active = await activateNodeBackend('webgpu');
const software = Boolean(active.software);
console.log(
  `WebGPU adapter (Dawn, webgpu package ${gpu.dawn}): ${active.detail}` +
    `${software ? ` — a ${active.software}: these figures only prove the benchmark runs` : ''}`,
);

// 20 runs at batch 1 and 8 on a GPU; on a software adapter (minutes per inference) one run at batch 1
// unless asked for more. Training: 10 steps at batch 32 and 128; in software 2 steps at batch 32.
const runs = Math.max(1, Number(args.runs ?? (software ? 1 : 20)));
const batches = (args.batches ?? (software ? '1' : '1,8')).split(',').map(Number);
const steps = Math.max(1, Number(args.steps ?? (software ? 2 : 10)));
const trainingBatches = (args['training-batches'] ?? (software ? '32' : '32,128')).split(',').map(Number);
const parts = args.parts!.split(',');
const flags = Object.entries(tf.env().getFlags())
  .filter(([k]) => k.startsWith('WEBGPU'))
  .map(([k, v]) => `${k}=${v}`);
console.log(`TensorFlow.js ${tf.version_core} on ${tf.getBackend()}; flags: ${flags.join(', ') || 'defaults'}`);

/** Waits until the GPU has finished everything submitted so far. */
async function gpuIdle(): Promise<void> {
  const backend = tf.backend() as unknown as { device: { queue: { onSubmittedWorkDone(): Promise<void> } } };
  await backend.device.queue.onSubmittedWorkDone();
}

const ms = (v: number) => `${v.toFixed(v < 100 ? 1 : 0)} ms`;

if (parts.includes('inference')) console.log(`Inference: ${runs} warm runs per figure`);
for (const network of parts.includes('inference') ? (args.networks!.split(',') as Network[]) : []) {
  const definition = NETWORKS[network].released!;
  const file = await readSafetensorsFile(await recipeWeights(network));
  const started = performance.now();
  const built = buildExecutor(definition, file);
  if (!built.ok) throw new Error(built.problems.map((p) => p.message).join('\n'));
  const executor = built.executor;
  await gpuIdle();
  const uploadMs = performance.now() - started;

  const image = recipeInput('noise');
  const infer = async (batch: number): Promise<number> => {
    const data = new Float32Array(batch * image.length);
    for (let i = 0; i < batch; i++) data.set(image, i * image.length);
    const t0 = performance.now();
    const x = tf.tensor4d(data, [batch, 299, 299, 3]);
    const { output } = executor.run(x);
    await output.data();
    const elapsed = performance.now() - t0;
    tf.dispose([x, output]);
    return elapsed;
  };
  const firstMs = await infer(1);
  console.log(
    `${network}: upload ${ms(uploadMs)} (${(executor.weightBytes / 1e6).toFixed(0)} MB), ` +
      `cold start ${ms(uploadMs + firstMs)} = upload + first inference ${ms(firstMs)} (shaders compiled)`,
  );
  for (const batch of batches) {
    if (batch !== 1) await infer(batch); // first run at a new batch size compiles its shapes
    const times: number[] = [];
    for (let i = 0; i < runs; i++) times.push(await infer(batch));
    const m = median(times);
    const target =
      network !== 'inception-v4'
        ? ''
        : batch === 1
          ? ' (target ≤ 15 ms on a data-centre GPU)'
          : batch === 8
            ? ' (target ≥ 500 images/s)'
            : '';
    console.log(
      `  batch ${batch}: warm median ${ms(m)} (min ${ms(Math.min(...times))}), ${((batch * 1000) / m).toFixed(1)} images/s${target}`,
    );
  }
  executor.dispose();
}
if (parts.includes('training')) {
  await registerGradientsInNode();
  console.log(`Training (32×32, forward + backward + RMSProp): median of ${steps} steps after the first`);
}
for (const network of parts.includes('training') ? (args['training-networks']!.split(',') as SmallNetworkId[]) : []) {
  for (const batch of trainingBatches) {
    const f = await measureTrainingSteps(
      smallNetwork(SMALL_PRESETS[network]),
      {
        optimizer: PAPER_OPTIMIZER,
        schedule: { kind: 'constant' },
        batchSize: batch,
        epochs: 1,
        seed: 1,
        augment: false,
        dropout: false,
      },
      steps,
    );
    console.log(
      `${network} batch ${batch}: ${f.imagesPerSecond.toFixed(1)} images/s, median step ` +
        `${ms(f.medianStepMs)}; first step ${ms(f.firstStepMs)} (shaders compiled); ` +
        `loss ${f.loss[0].toFixed(3)} → ${f.loss[1].toFixed(3)}; tensors ${f.tensors[0]} → ${f.tensors[1]}`,
    );
  }
}
releaseNodeWebGpu();
process.exit(0);
