import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import { recipeTensorList } from './recipe-checkpoint.ts';
import { assertFinite, readCheckpointFile } from './checkpoint-file.ts';
import { WeightsFileError } from './errors.ts';
import { safetensorsHeader } from './safetensors-writer.ts';
import { tensorSourceFromMap } from './types.ts';

const v4 = analyzeNetwork(NETWORKS['inception-v4'].released!);
const irv2 = analyzeNetwork(NETWORKS['inception-resnet-v2'].released!);
const v4Specs = recipeTensorList(v4).map((t) => ({ name: t.name, shape: t.shape }));

/** Inception-v4's header with `dataBytes` of zeros after it (all of its data: 171 MB; less: truncated). */
function v4File(dataBytes?: number): { bytes: Uint8Array; headerBytes: number; dataBytes: number } {
  const header = safetensorsHeader(v4Specs);
  const whole = v4Specs.reduce((sum, s) => sum + 4 * s.shape.reduce((a, b) => a * b, 1), 0);
  const bytes = new Uint8Array(header.length + (dataBytes ?? whole));
  bytes.set(header);
  return { bytes, headerBytes: header.length, dataBytes: whole };
}

function failure(run: () => unknown): WeightsFileError {
  try {
    run();
  } catch (error) {
    if (error instanceof WeightsFileError) return error;
    throw error;
  }
  throw new Error('expected a WeightsFileError');
}

describe('readCheckpointFile', () => {
  it('says which checkpoint a truncated file is and how much of it is missing (not "fits neither network")', () => {
    const { bytes, dataBytes } = v4File(20_000_000);
    for (const analysis of [v4, irv2]) {
      const error = failure(() => readCheckpointFile(bytes, 'cut.safetensors', analysis));
      expect(error.problem).toBe('truncated');
      expect(error.message).toMatch(
        new RegExp(
          `^cut\\.safetensors is truncated: it is the Inception-v4 checkpoint \\(its header lists all 747 of its tensors\\) ` +
            `but holds only 20\\.0 MB of its ${(dataBytes / 1e6).toFixed(1).replace('.', '\\.')} MB of tensor data; \\d+ tensors, from "[^"]+" on, are missing or cut short$`,
        ),
      );
    }
  });

  it('refuses weights holding NaN or Infinity, naming the tensor', () => {
    const { bytes, headerBytes } = v4File();
    const view = new DataView(bytes.buffer);
    view.setFloat32(headerBytes + 4 * 10, Number.NaN, true); // the 11th value of the first tensor
    const error = failure(() => readCheckpointFile(bytes, 'mirror.safetensors', v4));
    expect(error.problem).toBe('non-finite');
    expect(error.tensor).toBe(v4Specs[0].name);
    expect(error.message).toBe(
      `mirror.safetensors: tensor ${v4Specs[0].name} holds NaN at index 10; weights must be finite numbers, so this file is damaged or was altered`,
    );
  });

  it('skips only the scan of values for bytes whose values were checked before (a cached copy): names still count', () => {
    const { bytes, headerBytes } = v4File();
    new DataView(bytes.buffer).setFloat32(headerBytes + 4 * 10, Number.NaN, true);
    expect(readCheckpointFile(bytes, 'cached', v4, { valuesChecked: true }).names()).toHaveLength(v4Specs.length);
    expect(failure(() => readCheckpointFile(bytes, 'cached', irv2, { valuesChecked: true })).problem).toBe(
      'wrong-model',
    );
  });
});

describe('assertFinite', () => {
  const source = (values: number[]) =>
    tensorSourceFromMap(
      new Map([
        ['ok', { shape: [2], data: Float32Array.of(1, -2) }],
        ['w', { shape: [values.length], data: Float32Array.from(values) }],
      ]),
    );

  it('accepts finite values, including zero, subnormals and the largest float32', () => {
    expect(() => assertFinite(source([0, -0, 1e-45, 3.4028234663852886e38]), 'x')).not.toThrow();
  });

  it('names the first infinite value', () => {
    expect(() => assertFinite(source([0, Number.POSITIVE_INFINITY]), 'x.safetensors')).toThrow(
      'x.safetensors: tensor w holds Infinity at index 1',
    );
    expect(() => assertFinite(source([Number.NEGATIVE_INFINITY]), 'x')).toThrow(/holds -Infinity at index 0/);
  });
});
