import { describe, expect, it } from 'vitest';
import type { ProgressRecord } from '../../runtime/training/protocol.ts';
import { fakeRace } from '../../testing/training/fake-records.ts';
import { raceOutcome } from './outcome.ts';
import { bestError, LOSS_POINTS, networkSeries, stepsPerEpoch, timeLeftMs } from './series.ts';

describe('series of a race', () => {
  it('places step losses by steps per epoch, epoch ends at whole epochs, and keeps each network apart', async () => {
    const { records } = await fakeRace(30, { stepsPerEpoch: 10, msPerStep: 50 });
    const series = networkSeries(records, { batch: 32 });
    expect(series.map((s) => [s.network, s.epochs, s.step, s.perEpoch])).toEqual([
      ['inception-v4-s', 3, 30, 10],
      ['inception-resnet-v2-s', 3, 30, 10],
      ['inception-resnet-v2-s-no-shortcuts', 3, 30, 10],
    ]);
    const [first] = series;
    expect(first.loss.map((p) => p.epoch)).toEqual(Array.from({ length: 30 }, (_, i) => (i + 1) / 10));
    expect(first.loss[29]).toMatchObject({ ms: 1500 });
    expect(first.testError.map((p) => p.epoch)).toEqual([1, 2, 3]);
    expect(first.imagesPerSecond).toBe(640);
    expect(Object.keys(series[1].groups)).toEqual(['inception-resnet-a', 'inception-resnet-b']);
    expect(series[2].groups).toEqual({});
    expect(bestError(first)).toEqual(first.testError[2]);
    // 10 epochs of 10 steps at 50 ms a step: 70 steps left, 3.5 s.
    expect(timeLeftMs(first, 10)).toBe(3500);
  });

  it('estimates steps per epoch from the data before the first epoch ends, and the pace from the batch', () => {
    const records: ProgressRecord[] = [1, 2, 3].map((step) => ({
      type: 'step',
      network: 'a',
      epoch: 0,
      step,
      loss: 2,
      elapsedMs: step * 100,
    }));
    expect(stepsPerEpoch(records)).toBeUndefined();
    const [a] = networkSeries(records, { stepsEstimate: 63, batch: 32 });
    expect(a.loss.map((p) => p.epoch)).toEqual([1 / 63, 2 / 63, 3 / 63]);
    expect(a.imagesPerSecond).toBe(320);
    expect(networkSeries(records)[0].loss).toEqual([]);
  });

  it('averages the step losses of a long run into at most a few hundred points, leaving out NaN', async () => {
    const { records } = await fakeRace(1000, {
      stepsPerEpoch: 100,
      settings: { epochs: 10 },
      nan: { network: 'inception-v4-s', step: 999 },
    });
    const [v4, irv2] = networkSeries(records);
    expect(irv2.loss).toHaveLength(250);
    expect(irv2.loss.length).toBeLessThanOrEqual(LOSS_POINTS);
    const steps = records.filter((r) => r.type === 'step' && r.network === 'inception-resnet-v2-s').slice(0, 4);
    expect(irv2.loss[0].value).toBeCloseTo(steps.reduce((sum, r) => sum + (r.type === 'step' ? r.loss : 0), 0) / 4, 12);
    expect(v4.loss.every((p) => Number.isFinite(p.value))).toBe(true);
    expect(v4.stopped?.reason).toBe('nan');
  });
});

describe('what a run shows', () => {
  it('names the error every network reached and when; counts a dead last layer as unstable', async () => {
    const { records } = await fakeRace(40, { stepsPerEpoch: 10, dies: { network: 'inception-resnet-v2-s', epoch: 3 } });
    const series = networkSeries(records);
    const speed = raceOutcome(series, 'residuals-speed', true);
    expect(speed.common?.reached.map((r) => r.network)).toEqual(series.map((s) => s.network));
    expect(speed.networks[1]).toMatchObject({ epochs: 4, diedAt: 3, finalError: 0.9 });
    const scale = raceOutcome(series, 'why-scale', false);
    expect(scale.unstable).toEqual(['inception-resnet-v2-s']);
    expect(scale.stable).toEqual(['inception-v4-s', 'inception-resnet-v2-s-no-shortcuts']);
    expect(raceOutcome(series, undefined, true)).not.toHaveProperty('common');
  });
});
