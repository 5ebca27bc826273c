import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { installNodeWebGpu, NO_DAWN_ADAPTER } from '../runtime/backends/webgpu.node.ts';
import { englishFailure } from '../runtime/failure-words.ts';
import type { ProgressRecord } from '../runtime/training/protocol.ts';
import { decodeTrainedNetwork } from '../runtime/training/trained-file.ts';
import { captureIo } from '../testing/cli/capture-io.ts';
import { main } from './main.ts';
import { runTrain } from './train.ts';

const dir = mkdtempSync(join(tmpdir(), 'train-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const quick = ['--data', 'generated:64', '--batch', '32', '--width', '0.125', '--test-images', '16'];

describe('inception-explorer train', () => {
  it('races a network and its no-shortcut twin, logs JSON lines, saves and resumes', async () => {
    const log = join(dir, 'run.jsonl');
    const save = join(dir, 'w.safetensors');
    const io = captureIo();
    const status = await main(
      [
        'train',
        '--network',
        'inception-resnet-v2-s',
        '--network',
        'inception-resnet-v2-s-no-shortcuts',
        ...quick,
        '--epochs',
        '1',
        '--log',
        log,
        '--save',
        save,
        '--json',
      ],
      io,
    );
    expect(status, io.stderr).toBe(0);
    const lines = readFileSync(log, 'utf8')
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    const steps = lines.filter((l) => l.type === undefined);
    expect(steps).toHaveLength(4);
    for (const s of steps) expect(Object.keys(s)).toEqual(['network', 'epoch', 'step', 'loss']);
    const epochs = lines.filter((l) => l.type === 'epoch');
    expect(epochs.map((e) => e.network)).toEqual(['inception-resnet-v2-s', 'inception-resnet-v2-s-no-shortcuts']);
    const [residual, twin] = epochs as Array<{
      testError: number;
      imagesPerSecond: number;
      monitor: { groups: object };
    }>;
    expect(residual.testError).toBeGreaterThanOrEqual(0);
    expect(residual.imagesPerSecond).toBeGreaterThan(0);
    expect(Object.keys(residual.monitor.groups)).toContain('inception-resnet-b');
    expect(twin.monitor.groups).toEqual({});
    const report = JSON.parse(io.stdout) as { results: { network: string }[] };
    expect(report.results.map((r) => r.network)).toEqual([
      'inception-resnet-v2-s',
      'inception-resnet-v2-s-no-shortcuts',
    ]);

    const saved = join(dir, 'w.inception-resnet-v2-s.safetensors');
    const trained = decodeTrainedNetwork(readFileSync(saved), saved);
    expect(trained.training).toMatchObject({ epoch: 1, step: 2 });
    expect(trained.classes).toHaveLength(10);
    expect(trained.optimizer?.kind).toBe('rmsprop');

    const again = captureIo();
    expect(
      await main(
        ['train', '--network', 'inception-resnet-v2-s', ...quick, '--epochs', '2', '--resume', saved, '--json'],
        again,
      ),
    ).toBe(0);
    const final = (JSON.parse(again.stdout) as { results: { final: { epoch: number; step: number } }[] }).results[0]
      .final;
    expect(final).toMatchObject({ epoch: 2, step: 4 });
  }, 300_000);

  it('hands its records and epoch ends to an observer; the tensors alive are the same at every epoch end', async () => {
    const records: ProgressRecord[] = [];
    const ends: { epoch: number; tensors: number }[] = [];
    const io = captureIo();
    const status = await runTrain(
      ['--network', 'inception-resnet-v2-s', ...quick, '--epochs', '3', '--save', join(dir, 'observed.safetensors')],
      io,
      {
        onRecords: (batch) => records.push(...batch),
        onEpochEnd: (epoch) => void ends.push({ epoch, tensors: tf.memory().numTensors }),
      },
    );
    expect(status, io.stderr).toBe(0);
    expect(records.filter((r) => r.type === 'step')).toHaveLength(6);
    expect(records.filter((r) => r.type === 'epoch').map((r) => r.epoch)).toEqual([1, 2, 3]);
    // Evaluating, the §3.3 monitor and saving the snapshot at each epoch's end leave no tensor behind.
    expect(ends.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(ends[2].tensors).toBe(ends[0].tensors);
    expect(ends[1].tensors).toBe(ends[0].tensors);
  }, 300_000);

  it('says what is wrong with its arguments', async () => {
    const cases: [string[], string][] = [
      [['--data', 'generated'], '--network is required'],
      [
        ['--network', 'alexnet', '--data', 'generated'],
        'unknown network "alexnet"; the small networks are inception-v4-s',
      ],
      [['--network', 'inception-v4-s', '--data', 'imagenet'], '--data must be cifar10:PATH'],
      [
        ['--network', 'inception-v4-s', '--data', 'generated', '--lr', '0'],
        '--lr must be a number in (0, 10], got "0"',
      ],
      [
        ['--network', 'inception-v4-s', '--data', 'generated', '--backend', 'webgl'],
        '--backend must be wasm, webgpu or cpu, got "webgl"',
      ],
      [['--network', 'inception-v4-s', '--data', 'generated', '--no-shortcuts'], 'none is raced'],
    ];
    for (const [args, message] of cases) {
      const io = captureIo();
      expect(await main(['train', ...args], io)).toBe(2);
      expect(io.stderr).toContain(message);
    }
    const io = captureIo();
    expect(await main(['train', '--network', 'inception-v4-s', '--data', `cifar10:${join(dir, 'none')}`], io)).toBe(1);
    expect(io.stderr).toContain(join(dir, 'none'));
  });

  it('refuses a device or a named pipe to resume from at once, as every input file', async () => {
    const fifo = join(dir, 'pipe.safetensors');
    execFileSync('mkfifo', [fifo]);
    for (const [path, what] of [
      ['/dev/zero', 'a device'],
      [fifo, 'a named pipe'],
    ]) {
      const io = captureIo();
      expect(await main(['train', '--network', 'inception-v4-s', ...quick, '--resume', path], io)).toBe(1);
      expect(io.stderr).toContain(`--resume ${path}: cannot read it (it is ${what}, not a regular file)`);
    }
  }, 20_000);

  it('stops at once with --backend webgpu where Node has no WebGPU adapter, saying to use wasm', async (context) => {
    const gpu = await installNodeWebGpu();
    if (gpu.webgpu.available) {
      console.warn('skipped: this process has a WebGPU adapter (trainer.webgpu.test.ts trains on it)');
      context.skip();
      return;
    }
    const io = captureIo();
    expect(
      await main(['train', '--network', 'inception-v4-s', ...quick, '--epochs', '1', '--backend', 'webgpu'], io),
    ).toBe(1);
    expect(io.stderr.trim().split('\n')).toEqual([
      `inception-explorer train: --backend webgpu cannot be used: ` +
        `${englishFailure(NO_DAWN_ADAPTER)}. Train with --backend wasm instead.`,
    ]);
    expect(io.stdout).toBe('');
  });
});
