/**
 * Prints the training engine's speed in Node (print, don't assert): images per second of whole training
 * steps (forward, backward, RMSProp update; the paper's optimiser) of a network at a batch size, on
 * WebAssembly (SIMD, one thread) and the CPU backend, after one warm-up step; the median step time;
 * where filter gradients come from; tensors before and after (flat: no leak).
 *
 * Networks: `small-inception-resnet` (the training fixture's Inception-ResNet-v2-S shape, 32×32),
 * `training-test` (the training tests' 32×32 network of the released blocks at full width), `tiny`.
 *
 * With --pytorch, the same network, batch and optimiser in PyTorch on this machine's CPU
 * (bench/training-pytorch.py, Debian's python3-torch at /usr/bin/python3; --pytorch-threads, default 1,
 * as the WASM backend here runs one thread), and the ratio of images/s (the issue's target: ≥ 0.5×), of the
 * median steps, of the best steps, and per CPU second of the median steps (both run one thread: on a
 * machine loaded by other work, CPU time counts the work itself, wall time also the waits for a core).
 *
 * With --profile, one more step under tf.profile: per kernel name its calls, milliseconds and µs per call,
 * and the time outside kernels; --profile-shapes groups by kernel and input shapes instead.
 *
 * Usage: npm run bench:training [-- --network small-inception-resnet --backends wasm,cpu --batch 32 --steps 5
 *   --pytorch --pytorch-threads 1 --profile --profile-shapes]
 * The CPU backend is JavaScript and slow here (minutes per step of `training-test`): it runs --cpu-steps (2).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { analyzeNetwork } from '../src/model/analysis/analyze.ts';
import type { NetworkDefinition } from '../src/model/types.ts';
import { activateNodeBackend } from '../src/runtime/backends/backends.node.ts';
import { registerGradientsInNode } from '../src/runtime/inside/gradients.node.ts';
import { PAPER_OPTIMIZER } from '../src/runtime/training/config.ts';
import { smallInceptionResNet } from '../src/testing/small-inception-resnet.ts';
import { trainingTestNetwork } from '../src/testing/training-network.ts';
import { tinyNetwork } from '../src/testing/tiny-network.ts';
import { formatKernelProfile, profileKernels } from './support/kernel-profile.ts';
import { measureTrainingSteps } from './support/training-steps.ts';

const NETWORKS: Record<string, NetworkDefinition> = {
  'small-inception-resnet': smallInceptionResNet,
  'training-test': trainingTestNetwork,
  tiny: tinyNetwork,
};

const { values: args } = parseArgs({
  options: {
    network: { type: 'string', default: 'small-inception-resnet' },
    backends: { type: 'string', default: 'wasm,cpu' },
    batch: { type: 'string', default: '32' },
    steps: { type: 'string', default: '5' },
    'cpu-steps': { type: 'string', default: '2' },
    pytorch: { type: 'boolean', default: false },
    'pytorch-threads': { type: 'string', default: '1' },
    profile: { type: 'boolean', default: false },
    'profile-shapes': { type: 'boolean', default: false },
  },
});

const network = NETWORKS[args.network!];
if (!network) throw new Error(`unknown network "${args.network}"; choose one of ${Object.keys(NETWORKS).join(', ')}`);
const batch = Number(args.batch);
if (!Number.isInteger(batch) || batch < 1) throw new Error(`--batch must be a whole number ≥ 1, got ${args.batch}`);

const analysis = analyzeNetwork(network);
const params = analysis.stages.reduce((a, s) => a + s.params, 0);
const macs = analysis.stages.reduce((a, s) => a + s.macs, 0);
console.log(`${network.title}: ${network.input.join('×')} input, ${params.toLocaleString('en')} parameters, `
  + `${(macs / 1e6).toFixed(1)} M multiply-adds per image; batch ${batch}; RMSProp (decay 0.9, ε 1, momentum 0.9)`);

/** PyTorch's images/s on the same network and batch (one JSON line from bench/training-pytorch.py). */
function pytorch(): {
  imagesPerSecond: number; bestImagesPerSecond: number; imagesPerCpuSecond: number; ms: number; bestMs: number;
  cpuMs: number; torch: string; threads: number;
} {
  const folder = mkdtempSync(join(tmpdir(), 'bench-training-'));
  try {
    const definition = join(folder, 'definition.json');
    writeFileSync(definition, JSON.stringify(network));
    const out = execFileSync('/usr/bin/python3', ['bench/training-pytorch.py', definition, String(batch),
      args.steps!, args['pytorch-threads']!], { encoding: 'utf8' });
    return JSON.parse(out.trim().split('\n').pop()!);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

await registerGradientsInNode();
/** Images/s of the median and of the best step, and per CPU second of the median step, per backend. */
const rates = new Map<string, { median: number; best: number; cpu: number }>();
for (const backend of args.backends!.split(',') as Array<'wasm' | 'cpu'>) {
  const active = await activateNodeBackend(backend);
  const steps = Math.max(1, Number(backend === 'cpu' ? args['cpu-steps'] : args.steps));
  const f = await measureTrainingSteps(network, {
    optimizer: { ...PAPER_OPTIMIZER, learningRate: 0.01 }, schedule: { kind: 'constant' },
    batchSize: batch, epochs: 1, seed: 1, augment: false, dropout: true,
  }, steps, args.profile || args['profile-shapes'] ? async (step) => {
    const profile = await profileKernels(step, args['profile-shapes']);
    console.log(`${backend}: one step's kernels${args['profile-shapes'] ? ' by input shapes' : ''}:`);
    console.log(formatKernelProfile(profile, args['profile-shapes'] ? 60 : 25).join('\n'));
  } : undefined);
  rates.set(backend, { median: f.imagesPerSecond, best: batch * 1000 / f.bestStepMs, cpu: batch * 1000 / f.medianCpuMs });
  console.log(`${backend} (${active.detail || 'JavaScript'}): ${f.imagesPerSecond.toFixed(1)} images/s, `
    + `median step ${f.medianStepMs.toFixed(0)} ms over ${steps} (best ${f.bestStepMs.toFixed(0)}, `
    + `first ${f.firstStepMs.toFixed(0)} ms, CPU time ${f.medianCpuMs.toFixed(0)} ms); `
    + `filter gradients: ${f.filterGradients === 'ops' ? 'built from other kernels (no Conv2DBackpropFilter)'
      : 'its kernel'}; `
    + `loss ${f.loss[0].toFixed(3)} → ${f.loss[1].toFixed(3)}; tensors ${f.tensors[0]} → ${f.tensors[1]}`);
}

if (args.pytorch) {
  const torch = pytorch();
  const versus = [...rates].map(([backend, rate]) => `${backend} ${(rate.median / torch.imagesPerSecond).toFixed(2)}× `
    + `(best steps ${(rate.best / torch.bestImagesPerSecond).toFixed(2)}×, `
    + `per CPU second ${(rate.cpu / torch.imagesPerCpuSecond).toFixed(2)}×)`).join(', ');
  console.log(`PyTorch ${torch.torch} (CPU, ${torch.threads} thread${torch.threads > 1 ? 's' : ''}): `
    + `${torch.imagesPerSecond.toFixed(1)} images/s, median step ${torch.ms.toFixed(0)} ms `
    + `(best ${torch.bestMs.toFixed(0)}, `
    + `CPU time ${torch.cpuMs.toFixed(0)} ms); this engine: ${versus}`);
}
