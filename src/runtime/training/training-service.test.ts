import { describe, expect, it } from 'vitest';
import { SMALL_PRESETS, smallNetwork } from '../../model/small/index.ts';
import { activateNodeBackend } from '../backends/backends.node.ts';
import { buildExecutor } from '../executor/network.ts';
import { ensureGradients } from '../inside/gradient-support.ts';
import * as tf from '@tensorflow/tfjs-core';
import { generatedDataset } from './data/generated.ts';
import type { ProgressRecord, RaceEntry, RaceRequest, RaceStatus } from './protocol.ts';
import { TrainingService, type RaceHost } from './training-service.ts';
import { decodeTrainedNetwork, tensorSourceOf } from './trained-file.ts';
import { englishFailure } from '../failure-words.ts';

const host: RaceHost = {
  activate: async () => (await activateNodeBackend('wasm'), { name: 'wasm', description: 'WebAssembly' }),
  ensureGradients,
  loadData: async (choice) => {
    if (choice.kind !== 'generated') throw new Error('only generated data here');
    return generatedDataset({ seed: choice.seed, size: choice.size, train: choice.train, test: choice.test });
  },
};

const tinySpec = (id: keyof typeof SMALL_PRESETS) => ({
  ...SMALL_PRESETS[id],
  width: 0.125,
  repeats: [1, 1, 1] as const,
});
const entries: RaceEntry[] = (['inception-v4-s', 'inception-resnet-v2-s'] as const).map((id) => ({
  id,
  network: smallNetwork(tinySpec(id)),
  spec: tinySpec(id),
}));

function request(runId: string, epochs: number, from?: RaceRequest['from']): RaceRequest {
  return {
    runId,
    entries,
    data: { kind: 'generated', seed: 2, size: 32, train: 32, test: 16 },
    config: {
      optimizer: { kind: 'rmsprop', learningRate: 0.01, decay: 0.9, epsilon: 1, momentum: 0.9 },
      schedule: { kind: 'constant' },
      batchSize: 16,
      epochs,
      seed: 5,
      augment: true,
      dropout: false,
    },
    backend: 'wasm',
    ...(from ? { from } : {}),
  };
}

async function race(sessions: TrainingService, req: RaceRequest) {
  const records: ProgressRecord[] = [];
  const statuses: RaceStatus[] = [];
  await sessions.start(
    req,
    (r) => records.push(...r),
    (s) => statuses.push(s),
  );
  return { records, statuses };
}

describe("TrainingService (the training worker's side, on WebAssembly in Node)", () => {
  it('races small networks on generated data, snapshots each epoch, resumes from a snapshot and exports', async () => {
    const sessions = new TrainingService(host);
    const first = await race(sessions, request('run-1', 1));
    expect(first.statuses.map((s) => s.phase)).toEqual(['loading-data', 'building', 'training', 'finished']);
    const epochs = first.records.filter((r) => r.type === 'epoch');
    expect(epochs.map((r) => r.network)).toEqual(['inception-v4-s', 'inception-resnet-v2-s']);
    for (const e of epochs) {
      expect(e).toMatchObject({ epoch: 1, step: 2 });
      expect(e.testError).toBeGreaterThanOrEqual(0);
      expect(e.testError).toBeLessThanOrEqual(1);
    }
    expect(Object.keys(epochs[1].type === 'epoch' ? epochs[1].monitor.groups : {})).toEqual([
      'inception-resnet-a',
      'inception-resnet-b',
      'inception-resnet-c',
      'inception-resnet-c-final',
    ]);
    const snapshot = await sessions.snapshot('run-1');
    expect(snapshot).toMatchObject({ epoch: 1, step: 2 });
    expect(Object.keys(snapshot!.networks)).toEqual(['inception-v4-s', 'inception-resnet-v2-s']);

    // The exported network classifies through the inference path (folded batch norm, no training layers).
    const exported = decodeTrainedNetwork(
      new Uint8Array(await sessions.exportWeights('run-1', 'inception-resnet-v2-s')),
      'x',
    );
    expect(exported.optimizer).toBeUndefined();
    expect(exported.classes).toHaveLength(10);
    const built = buildExecutor(exported.network, tensorSourceOf(exported.weights));
    expect(built.ok).toBe(true);
    if (built.ok) {
      const logits = tf.tidy(() => built.executor.run(tf.zeros([1, 32, 32, 3])).output.dataSync());
      expect(logits).toHaveLength(10);
      expect([...logits].every(Number.isFinite)).toBe(true);
      built.executor.dispose();
    }

    const second = await race(sessions, request('run-2', 2, snapshot));
    const resumed = second.records.filter((r) => r.type === 'epoch');
    expect(resumed.map((r) => [r.network, r.epoch, r.step])).toEqual([
      ['inception-v4-s', 2, 4],
      ['inception-resnet-v2-s', 2, 4],
    ]);
    expect(
      second.records
        .filter((r) => r.type === 'step')
        .map((r) => r.step)
        .slice(0, 2),
    ).toEqual([3, 3]);
    sessions.forget('run-2');
  }, 300_000);

  it('says paused and training again when paused and resumed, and ends stopped on stop', async () => {
    const sessions = new TrainingService(host);
    const statuses: RaceStatus[] = [];
    let paused = false;
    const running = sessions.start(
      request('run-4', 3),
      (records) => {
        if (!paused && records.some((r) => r.type === 'step')) {
          paused = true;
          void sessions
            .pause('run-4')
            .then(() => sessions.resume('run-4'))
            .then(() => sessions.stop('run-4'));
        }
      },
      (s) => statuses.push(s),
    );
    await running;
    expect(statuses.map((s) => s.phase)).toEqual([
      'loading-data',
      'building',
      'training',
      'paused',
      'training',
      'stopped',
    ]);
    sessions.forget('run-4');
  }, 300_000);

  it('fails the race with a message when the data does not fit a network', async () => {
    const sessions = new TrainingService(host);
    const req = {
      ...request('run-3', 1),
      entries: [{ id: 'fixed', network: smallNetwork({ ...tinySpec('inception-v4-s'), classes: 3 }) }],
    };
    const { statuses } = await race(sessions, req);
    expect(statuses.at(-1)).toMatchObject({
      phase: 'failed',
      failure: { code: 'training.does-not-fit' },
    });
    expect(englishFailure(statuses.at(-1)!.failure!)).toBe(
      'Inception-v4-S takes 32×32 images in 3 classes; generated (seed 2) has 32×32 images in 10 classes',
    );
  });
});
