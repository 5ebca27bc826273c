import { describe, expect, it } from 'vitest';
import type { ProgressRecord } from './protocol.ts';
import { divergedLossFor, RaceControl, runRace, type Batch, type RaceData, type RaceTrainer } from './race.ts';

function batch(first: number, count = 2): Batch {
  return { images: new Float32Array(count), labels: Int32Array.from({ length: count }, (_, i) => first + i), count };
}

/** Three batches an epoch; each batch's first label says which one it is. */
const data: RaceData = {
  epoch: (epoch) => [batch(epoch * 10), batch(epoch * 10 + 2), batch(epoch * 10 + 4)],
  test: () => [batch(100)],
  monitorBatch: () => batch(200),
  stepsPerEpoch: 3,
};

/** A trainer whose losses are given step by step; records the batches it saw. */
function fakeTrainer(losses: (step: number) => number): RaceTrainer & { seen: number[]; epochs: number[] } {
  let steps = 0;
  const seen: number[] = [];
  const epochs: number[] = [];
  return {
    seen,
    epochs,
    step: async (b, epoch) => {
      seen.push(b.labels[0]);
      if (epochs.at(-1) !== epoch) epochs.push(epoch);
      return { loss: losses(steps++) };
    },
    evaluate: async () => ({ loss: 0.5, top1Error: 0.25 }),
    monitor: async () => ({ groups: { 'inception-resnet-a': 0.3 }, zeroFraction: 0.1 }),
  };
}

const immediate = () => Promise.resolve();

async function race(trainers: Record<string, RaceTrainer>, epochs = 2, control = new RaceControl()) {
  const records: ProgressRecord[] = [];
  const ends: number[] = [];
  const end = await runRace(
    Object.entries(trainers).map(([id, trainer]) => ({ id, trainer })),
    data,
    {
      epochs,
      divergedLoss: divergedLossFor(10),
      onRecords: (r) => records.push(...r),
      onEpochEnd: (epoch) => void ends.push(epoch),
      yieldNow: immediate,
    },
    control,
  );
  return { end, records, ends };
}

describe('runRace', () => {
  it('gives every network the same batches in the same order, epoch by epoch', async () => {
    const a = fakeTrainer(() => 1);
    const b = fakeTrainer(() => 2);
    const { end, records, ends } = await race({ a, b });
    expect(end).toBe('finished');
    expect(a.seen).toEqual([0, 2, 4, 10, 12, 14]);
    expect(b.seen).toEqual(a.seen);
    expect(a.epochs).toEqual([0, 1]);
    expect(ends).toEqual([1, 2]);
    const epochs = records.filter((r) => r.type === 'epoch');
    expect(epochs.map((r) => [r.network, r.epoch, r.step])).toEqual([
      ['a', 1, 3],
      ['b', 1, 3],
      ['a', 2, 6],
      ['b', 2, 6],
    ]);
    expect(epochs[0]).toMatchObject({ testError: 0.25, testLoss: 0.5, monitor: { zeroFraction: 0.1 } });
    expect(records.filter((r) => r.type === 'step')).toHaveLength(12);
    expect(records.filter((r) => r.type === 'stopped').map((r) => r.reason)).toEqual(['finished', 'finished']);
  });

  it('stops a network whose loss turns NaN or diverges, and the others go on', async () => {
    const nan = fakeTrainer((step) => (step === 1 ? NaN : 1));
    const diverging = fakeTrainer((step) => (step === 3 ? 1e6 : 1));
    const steady = fakeTrainer(() => 1);
    const { records } = await race({ nan, diverging, steady });
    const stops = records.filter((r) => r.type === 'stopped');
    expect(stops.map((r) => [r.network, r.reason, r.step])).toEqual([
      ['nan', 'nan', 2],
      ['diverging', 'diverged', 4],
      ['steady', 'finished', 6],
    ]);
    expect(nan.seen).toHaveLength(2);
    expect(steady.seen).toHaveLength(6);
    expect(records.filter((r) => r.type === 'epoch' && r.network === 'nan')).toHaveLength(0);
  });

  it('reports an engine failure as that network stopping, with the message', async () => {
    const failing: RaceTrainer = { ...fakeTrainer(() => 1), step: () => Promise.reject(new Error('out of memory')) };
    const { records } = await race({ failing, other: fakeTrainer(() => 1) }, 1);
    expect(records.find((r) => r.type === 'stopped' && r.network === 'failing')).toMatchObject({
      reason: 'failed',
      detail: 'out of memory',
    });
    expect(records.filter((r) => r.type === 'epoch').map((r) => r.network)).toEqual(['other']);
  });

  async function pausedAtStep2() {
    const control = new RaceControl();
    const a = fakeTrainer(() => 1);
    const records: ProgressRecord[] = [];
    const running = runRace(
      [{ id: 'a', trainer: a }],
      data,
      {
        epochs: 2,
        divergedLoss: 100,
        onRecords: (r) => {
          records.push(...r);
          if (r.some((x) => x.type === 'step' && x.step === 2)) control.pause();
        },
        yieldNow: immediate,
      },
      control,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    return { control, a, records, running };
  }

  it('pauses between steps and resumes where it was', async () => {
    const { control, a, running } = await pausedAtStep2();
    expect(a.seen).toEqual([0, 2]);
    control.resume();
    expect(await running).toBe('finished');
    expect(a.seen).toEqual([0, 2, 4, 10, 12, 14]);
  });

  it('stops every network on stop, paused or not', async () => {
    const { control, a, records, running } = await pausedAtStep2();
    control.stop();
    expect(await running).toBe('stopped');
    expect(a.seen).toEqual([0, 2]);
    expect(records.at(-1)).toMatchObject({ type: 'stopped', reason: 'stopped', step: 2 });
  });

  it('resumes after the epochs a snapshot holds', async () => {
    const a = fakeTrainer(() => 1);
    const records: ProgressRecord[] = [];
    await runRace(
      [{ id: 'a', trainer: a }],
      data,
      {
        epochs: 2,
        startEpoch: 1,
        startStep: 3,
        divergedLoss: 100,
        onRecords: (r) => records.push(...r),
        yieldNow: immediate,
      },
      new RaceControl(),
    );
    expect(a.seen).toEqual([10, 12, 14]);
    expect(records.find((r) => r.type === 'epoch')).toMatchObject({ epoch: 2, step: 6 });
  });

  it('measures each network by its own step times', async () => {
    let clock = 0;
    const slow: RaceTrainer = {
      ...fakeTrainer(() => 1),
      step: async () => {
        clock += 30;
        return { loss: 1 };
      },
    };
    const fast: RaceTrainer = {
      ...fakeTrainer(() => 1),
      step: async () => {
        clock += 10;
        return { loss: 1 };
      },
    };
    const records: ProgressRecord[] = [];
    await runRace(
      [
        { id: 'slow', trainer: slow },
        { id: 'fast', trainer: fast },
      ],
      data,
      {
        epochs: 1,
        divergedLoss: 100,
        onRecords: (r) => records.push(...r),
        now: () => clock,
        yieldNow: immediate,
      },
      new RaceControl(),
    );
    const epoch = (id: string) => records.find((r) => r.type === 'epoch' && r.network === id);
    expect(epoch('slow')).toMatchObject({ elapsedMs: 90, imagesPerSecond: (6 * 1000) / 90 });
    expect(epoch('fast')).toMatchObject({ elapsedMs: 30, imagesPerSecond: 200 });
  });
});
