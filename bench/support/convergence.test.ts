import { describe, expect, it } from 'vitest';
import type { ProgressRecord } from '../../src/runtime/training/protocol.ts';
import { curvesOf, epochsToReach, formatSpread, meanAndSpread } from './convergence.ts';

const step = (network: string, epoch: number, loss: number): ProgressRecord => ({
  type: 'step',
  network,
  epoch,
  step: 0,
  loss,
  elapsedMs: 0,
});
const epoch = (network: string, n: number, testError: number): ProgressRecord => ({
  type: 'epoch',
  network,
  epoch: n,
  step: 0,
  loss: 0,
  testError,
  testLoss: 0,
  imagesPerSecond: 1,
  elapsedMs: 0,
  monitor: { groups: {}, zeroFraction: 0 },
});

describe("the convergence benchmark's arithmetic", () => {
  it("averages each epoch's step losses and keeps each epoch's held-out error, per network", () => {
    const curves = curvesOf([
      step('a', 0, 2),
      step('b', 0, 3),
      step('a', 0, 1),
      step('b', 0, 1),
      epoch('a', 1, 0.8),
      epoch('b', 1, 0.9),
      step('a', 1, 0.5),
      step('b', 1, 4),
      { type: 'stopped', network: 'b', reason: 'diverged', epoch: 1, step: 3 },
      epoch('a', 2, 0.4),
      { type: 'stopped', network: 'a', reason: 'finished', epoch: 2, step: 3 },
    ]);
    expect([...curves.keys()]).toEqual(['a', 'b']);
    expect(curves.get('a')).toEqual({ loss: [1.5, 0.5], error: [0.8, 0.4] });
    expect(curves.get('b')).toEqual({ loss: [2], error: [0.9], stopped: 'diverged in epoch 2' });
  });

  it('finds the first epoch at or below a target error', () => {
    expect(epochsToReach([0.9, 0.6, 0.5, 0.7], 0.6)).toBe(2);
    expect(epochsToReach([0.9, 0.8], 0.5)).toBeUndefined();
  });

  it('gives the mean and the sample standard deviation', () => {
    expect(meanAndSpread([2, 4, 6])).toEqual({ mean: 4, sd: 2 });
    expect(meanAndSpread([3])).toEqual({ mean: 3, sd: 0 });
    expect(formatSpread([0.5, 0.7], 1, 100)).toBe('60.0 ± 14.1');
    expect(formatSpread([], 1)).toBe('–');
  });
});
