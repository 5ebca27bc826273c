/**
 * A WebGPU device that fails during training (lost, or a dropped command reported as an uncaptured
 * error: runtime/backends/loss.ts) stops `train` with why, and nothing is saved after it. The backend is
 * WASM here with its loss watcher replaced, so the failure can be raised after the first step.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { captureIo } from '../testing/cli/capture-io.ts';
import { runTrain } from './train.ts';
import type { FailureDetail } from '../runtime/failure-words.ts';

const failure = vi.hoisted(() => ({
  raise: undefined as ((reason: FailureDetail) => void) | undefined,
  watching: false,
}));

vi.mock('../runtime/backends/backends.node.ts', async (original) => {
  const actual = await original<typeof import('../runtime/backends/backends.node.ts')>();
  return {
    ...actual,
    activateNodeBackend: async () => ({
      ...(await actual.activateNodeBackend('wasm')),
      onLost: (listener: (reason: FailureDetail) => void) => {
        failure.raise = listener;
        failure.watching = true;
        return () => {
          failure.watching = false;
        };
      },
    }),
  };
});

const dir = mkdtempSync(join(tmpdir(), 'train-device-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('train on a device that fails', () => {
  it('stops at the failure with its reason, saves nothing after it, and stops watching', async () => {
    const save = join(dir, 'w.safetensors');
    const io = captureIo();
    let steps = 0;
    const run = runTrain(
      [
        '--network',
        'inception-v4-s',
        '--data',
        'generated:64',
        '--batch',
        '32',
        '--width',
        '0.125',
        '--test-images',
        '16',
        '--epochs',
        '2',
        '--save',
        save,
      ],
      io,
      {
        onRecords: (records) => {
          steps += records.filter((r) => r.type === 'step').length;
          if (steps === 1)
            failure.raise?.({ code: 'backend.device-error', params: { detail: 'Buffer usages must not be 0.' } });
        },
      },
    );
    await expect(run).rejects.toThrow(
      'training stopped on WebAssembly: the WebGPU device reported an error: ' +
        'Buffer usages must not be 0; nothing was saved. Train with --backend wasm instead.',
    );
    expect(steps).toBeLessThan(4);
    expect(existsSync(save)).toBe(false);
    expect(failure.watching).toBe(false);
  }, 300_000);
});
