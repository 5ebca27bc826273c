import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NetworkExecutor } from '../executor/network.ts';
import { tinyExecutorOn } from '../../testing/tiny-executor.ts';
import {
  targetFunction,
  visualize,
  VisualizeCancelled,
  VisualizeError,
  type VisualizeOptions,
} from './feature-visualization.ts';
import { FourierImage } from './fourier-image.ts';
import { NO_ROBUSTNESS } from './robustness.ts';

let executor: NetworkExecutor;
const HALF = [0.5, 0.5, 0.5];

function options(overrides: Partial<VisualizeOptions> = {}): VisualizeOptions {
  return {
    executor,
    target: { kind: 'channel', node: 'mixed', channel: 5 },
    steps: 12,
    seed: 7,
    mean: HALF,
    std: HALF,
    ...overrides,
  };
}

beforeAll(async () => {
  executor = await tinyExecutorOn('wasm');
});
afterAll(() => executor.dispose());

describe('the Fourier image', () => {
  it("is numpy's irfft2 of the spectrum, per channel (odd and even widths)", async () => {
    for (const [h, w] of [
      [5, 7],
      [4, 6],
    ]) {
      const fourier = new FourierImage(h, w);
      const k = fourier.k;
      const values = Float32Array.from(
        { length: 2 * h * 3 * k },
        (_, i) => Math.sin(i * 1.3) + 0.2 * Math.cos(i * 0.7),
      );
      const spectrum = tf.tensor3d(values, [2, h, 3 * k]);
      const got = await fourier.spatial(spectrum).data();
      // The direct sum of irfft2: x[y, x] = 1/(HW) Σ_u Σ_v c_v Re(S[u, v] e^{2πi(uy/H + vx/W)}).
      for (let c = 0; c < 3; c++) {
        for (let y = 0; y < h; y++) {
          for (let x = 0; x < w; x++) {
            let sum = 0;
            for (let u = 0; u < h; u++) {
              for (let v = 0; v < k; v++) {
                const weight = v === 0 || 2 * v === w ? 1 : 2;
                const re = values[u * 3 * k + c * k + v];
                const im = values[h * 3 * k + u * 3 * k + c * k + v];
                const angle = 2 * Math.PI * ((u * y) / h + (v * x) / w);
                sum += weight * (re * Math.cos(angle) - im * Math.sin(angle));
              }
            }
            expect(got[(y * w + x) * 3 + c]).toBeCloseTo(sum / (h * w), 5);
          }
        }
      }
      spectrum.dispose();
      fourier.dispose();
    }
  });

  it('starts near grey, and the same seed gives the same spectrum', async () => {
    const fourier = new FourierImage(17, 17);
    const a = fourier.initial(3);
    const b = fourier.initial(3);
    const c = fourier.initial(4);
    expect(Array.from(await a.data())).toEqual(Array.from(await b.data()));
    expect(Array.from(await a.data())).not.toEqual(Array.from(await c.data()));
    const image = await fourier.image(a).data();
    expect(Math.min(...image)).toBeGreaterThan(0.2);
    expect(Math.max(...image)).toBeLessThan(0.8);
    tf.dispose([a, b, c]);
    fourier.dispose();
  });
});

describe('feature visualisation on WASM', () => {
  it("raises the channel's mean at every step (fixed seed, no moves)", async () => {
    const seen: number[] = [];
    const result = await visualize(
      options({
        robustness: NO_ROBUSTNESS,
        onStep: (s) => {
          seen.push(s.activation);
        },
      }),
    );
    expect(seen).toEqual(result.activations);
    expect(result.activations).toHaveLength(12);
    for (let i = 1; i < result.activations.length; i++)
      expect(result.activations[i]).toBeGreaterThan(result.activations[i - 1]);
    expect(result.final).toBeGreaterThan(result.activations[11]);
    expect(result.final - result.activations[0]).toBeGreaterThan(0.1 * Math.abs(result.activations[0]) + 1e-3);
    expect(result.image).toHaveLength(17 * 17 * 3);
    expect(result.backend).toBe('wasm');
    // The reported final value is the target on the returned image, computed again here.
    const image = tf.tensor4d(result.image, [1, 17, 17, 3]);
    const target = targetFunction(executor, { kind: 'channel', node: 'mixed', channel: 5 }, HALF, HALF);
    expect((await tf.tidy(() => target(image)).data())[0]).toBeCloseTo(result.final, 4);
    image.dispose();
  });

  it('raises a class logit, and the moves of the standard robustness still raise the channel overall', async () => {
    const logit = await visualize(options({ target: { kind: 'class', index: 4 }, robustness: NO_ROBUSTNESS }));
    expect(logit.final).toBeGreaterThan(logit.activations[0]);
    const moved = await visualize(options({ steps: 20 }));
    expect(moved.final).toBeGreaterThan(moved.activations[0]);
  });

  it('gives the same image for the same seed, another for another seed, and leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    const a = await visualize(options({ steps: 4 }));
    const b = await visualize(options({ steps: 4 }));
    const c = await visualize(options({ steps: 4, seed: 8 }));
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(a.image)).toEqual(Array.from(b.image));
    expect(Array.from(a.image)).not.toEqual(Array.from(c.image));
  });

  it('hands the image as it forms, and stops when cancelled', async () => {
    const controller = new AbortController();
    const previews: number[] = [];
    const run = visualize(
      options({
        previewEvery: 2,
        signal: controller.signal,
        onStep: (s) => {
          if (s.image) previews.push(s.step);
          if (s.step === 5) controller.abort();
        },
      }),
    );
    await expect(run).rejects.toBeInstanceOf(VisualizeCancelled);
    expect(previews).toEqual([2, 4]);
  });

  it('says what is wrong with a bad node, channel, class or number of steps', async () => {
    await expect(visualize(options({ target: { kind: 'channel', node: 'nowhere', channel: 0 } }))).rejects.toThrow(
      new VisualizeError('Tiny test network has no node "nowhere"; give an explorer address or a timm module name'),
    );
    await expect(visualize(options({ target: { kind: 'channel', node: 'mixed', channel: 16 } }))).rejects.toThrow(
      'mixed has channels 0–15; there is no channel 16',
    );
    await expect(visualize(options({ target: { kind: 'class', index: 10 } }))).rejects.toThrow(
      'Tiny test network has classes 0–9; there is no class 10',
    );
    await expect(visualize(options({ steps: 0 }))).rejects.toThrow(
      'steps must be a whole number from 1 to 2048, got 0',
    );
  });
});
