/**
 * Test support: one training step of the tiny training fixture on a named backend, in this process, as
 * plain numbers: the loss and every gradient before the step, the loss and gradient norm of an RMSProp
 * step, and every parameter and moving statistic after it. `node --import tsx
 * src/testing/training-step-run.ts webgpu` prints the same as one JSON line, or `{ "unavailable": why }`
 * when the backend cannot start: the WebGPU parity test runs WebGPU in a child process, so that Dawn can
 * be given the Vulkan driver's environment (LD_LIBRARY_PATH is read when a process starts).
 */
import { pathToFileURL } from 'node:url';
import { NoBackendError } from '../runtime/backends/activate.ts';
import { activateNodeBackend, type NodeBackendChoice } from '../runtime/backends/backends.node.ts';
import { releaseNodeWebGpu } from '../runtime/backends/webgpu.node.ts';
import { registerGradientsInNode } from '../runtime/inside/gradients.node.ts';
import { Trainer } from '../runtime/training/trainer.ts';
import { loadTrainingFixture } from './training-fixture.ts';

export interface TrainingStepRun {
  /** The backend's title and details ("WebGPU: google, swiftshader, …"). */
  backend: string;
  software?: string;
  loss: number;
  gradients: Record<string, number[]>;
  stepLoss: number;
  gradNorm: number;
  /** Parameters and moving statistics after the step. */
  weights: Record<string, number[]>;
}

const plain = (map: ReadonlyMap<string, { data: ArrayLike<number> }>) =>
  Object.fromEntries([...map].map(([name, t]) => [name, Array.from(t.data)]));

export async function trainingStepRun(backend: NodeBackendChoice): Promise<TrainingStepRun> {
  const active = await activateNodeBackend(backend);
  await registerGradientsInNode();
  const f = loadTrainingFixture('tiny');
  const trainer = Trainer.create(
    f.network,
    {
      optimizer: { kind: 'rmsprop', ...f.scalars.rmsprop },
      schedule: { kind: 'constant' },
      labelSmoothing: f.scalars.labelSmoothing,
      batchSize: f.labels.length,
      epochs: 1,
      seed: 1,
      augment: false,
      dropout: false,
    },
    f.weights,
  );
  try {
    const { loss, gradients } = await trainer.gradients(f.images, f.labels);
    const step = await trainer.step(f.images, f.labels);
    return {
      backend: `${active.title}: ${active.detail}`,
      ...(active.software ? { software: active.software } : {}),
      loss,
      gradients: plain(gradients),
      stepLoss: step.loss,
      gradNorm: step.gradNorm,
      weights: plain(await trainer.exportWeights()),
    };
  } finally {
    trainer.dispose();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const backend = process.argv[2] as NodeBackendChoice;
  try {
    console.log(JSON.stringify(await trainingStepRun(backend)));
  } catch (error) {
    if (!(error instanceof NoBackendError)) throw error;
    console.log(JSON.stringify({ unavailable: error.message }));
  }
  if (backend === 'webgpu') releaseNodeWebGpu();
}
