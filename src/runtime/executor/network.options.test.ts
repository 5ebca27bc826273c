/** The executor's run options that looking inside a network relies on, on the tiny test network. */
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activateNodeBackend } from '../backends/backends.node.ts';
import type { LayerTensors } from './layer-weights.ts';
import { buildExecutor, ExecutorInputError, type NetworkExecutor } from './network.ts';
import { maxAbsDifference } from './reference-ops.ts';
import type { RunOptions } from './run-options.ts';
import { recipeSource, tinyInput, tinyNetwork } from '../../testing/tiny-network.ts';

function build(network = tinyNetwork): NetworkExecutor {
  const built = buildExecutor(network, recipeSource(tinyNetwork));
  if (!built.ok) throw new Error(built.problems.map((p) => p.message).join('\n'));
  return built.executor;
}

const norm = (v: Float32Array) => Math.sqrt(v.reduce((a, x) => a + x * x, 0));

describe.each(['cpu', 'wasm'] as const)('NetworkExecutor run options on %s', (backend) => {
  let executor: NetworkExecutor;
  let x: tf.Tensor4D;
  beforeAll(async () => {
    await activateNodeBackend(backend);
    executor = build();
    x = tf.tensor4d(tinyInput(), [1, 17, 17, 3]);
  });
  afterAll(() => {
    executor.dispose();
    x.dispose();
  });

  /** Runs, downloads output, activations, taps and norms, and disposes every tensor returned. */
  async function run(options: RunOptions = {}, input: tf.Tensor4D = x) {
    const r = executor.run(input, options);
    const read = async (m: Map<string, tf.Tensor>) =>
      new Map(await Promise.all([...m].map(async ([k, t]) => [k, (await t.data()) as Float32Array] as const)));
    const out = {
      output: (await r.output.data()) as Float32Array,
      activations: await read(r.activations),
      tapped: await read(r.tapped),
      residuals: new Map(
        await Promise.all(
          [...r.residuals].map(
            async ([k, p]) => [k, { scale: p.scale, norms: Array.from(await p.norms.data()) }] as const,
          ),
        ),
      ),
      inputs: r.segmentInputs,
    };
    tf.dispose([
      r.output,
      ...r.activations.values(),
      ...r.tapped.values(),
      ...[...r.residuals.values()].map((p) => p.norms),
    ]);
    return out;
  }

  it("overrides a group's residual scale at run time, leaving the other groups and the weights as they are", async () => {
    const capture = ['mixed', 'block/0/0', 'block/0', 'block/1', 'block-final/0', 'block-final'];
    const released = await run({ capture });
    const changed = await run({ capture, residualScales: { block: 0.7 } });
    const x0 = changed.activations.get('mixed')!;
    const r0 = changed.activations.get('block/0/0')!;
    expect(
      maxAbsDifference(
        changed.activations.get('block/0')!,
        x0.map((v, k) => Math.max(0, v + 0.7 * r0[k])),
      ),
    ).toBeLessThan(1e-5);
    expect(maxAbsDifference(changed.output, released.output)).toBeGreaterThan(1e-3);
    // The last block keeps its scale 1: out = x + r.
    const xf = changed.activations.get('block/1')!;
    const rf = changed.activations.get('block-final/0')!;
    expect(
      maxAbsDifference(
        changed.activations.get('block-final')!,
        xf.map((v, k) => v + rf[k]),
      ),
    ).toBeLessThan(1e-5);
    // Back to the released scale: the released logits again.
    expect(maxAbsDifference((await run()).output, released.output)).toBe(0);
  });

  it("a scale of 0 gives the network without that group's blocks", async () => {
    const without = build({ ...tinyNetwork, stages: tinyNetwork.stages.filter((_, i) => i !== 2) });
    try {
      const off = await run({ residualScales: { block: 0 } });
      const r = without.run(x);
      expect(maxAbsDifference(off.output, (await r.output.data()) as Float32Array)).toBeLessThan(1e-6);
      r.output.dispose();
    } finally {
      without.dispose();
    }
  });

  it('taps reduce outputs during the run; a whole repeat is observed at its last repetition', async () => {
    const mean = (y: tf.Tensor) => tf.mean(y, [0, 1, 2]);
    const result = await run({
      capture: ['mixed', 'block/1'],
      taps: new Map([
        ['mixed', mean],
        ['block', mean],
        ['block/1', (y) => y],
      ]),
    });
    const mixed = result.activations.get('mixed')!;
    const channelMean = (v: Float32Array, c: number) =>
      Array.from({ length: c }, (_, k) => v.filter((_, i) => i % c === k).reduce((a, b) => a + b, 0) / (v.length / c));
    expect(maxAbsDifference(result.tapped.get('mixed')!, channelMean(mixed, 16))).toBeLessThan(1e-5);
    expect(
      maxAbsDifference(result.tapped.get('block')!, channelMean(result.activations.get('block/1')!, 16)),
    ).toBeLessThan(1e-5);
    expect(result.tapped.get('block/1')).toEqual(result.activations.get('block/1'));
  });

  it('probes residual blocks: ‖x‖ and ‖r‖ before scaling, with the scale used', async () => {
    const result = await run({ capture: ['mixed', 'block/0/0'], probes: 'all', residualScales: { block: 0.5 } });
    expect([...result.residuals.keys()]).toEqual(['block/0', 'block/1', 'block-final']);
    const probe = result.residuals.get('block/0')!;
    expect(probe.scale).toBe(0.5);
    expect(probe.norms[0]).toBeCloseTo(norm(result.activations.get('mixed')!), 4);
    expect(probe.norms[1]).toBeCloseTo(norm(result.activations.get('block/0/0')!), 4);
    expect(result.residuals.get('block-final')!.scale).toBe(1);
    expect([...(await run({ probes: ['block/1'] })).residuals.keys()]).toEqual(['block/1']);
  });

  it('taps and probes each example of a batch on its own with perExample, as a run of that example alone', async () => {
    const scaled = tinyInput().map((v) => v * 1.7);
    const batch = tf.tensor4d(Float32Array.from([...tinyInput(), ...scaled]), [2, 17, 17, 3]);
    const second = tf.tensor4d(scaled, [1, 17, 17, 3]);
    const taps = new Map([['mixed', (y: tf.Tensor) => tf.mean(y, [1, 2])]]);
    try {
      const both = await run({ taps, probes: 'all', perExample: true }, batch);
      const alone = [await run({ taps, probes: 'all' }), await run({ taps, probes: 'all' }, second)];
      const mixed = alone.map((r) => [...r.tapped.get('mixed')!]);
      expect([...both.tapped.get('mixed')!]).toEqual([...mixed[0], ...mixed[1]]);
      expect(both.residuals.get('block/0')!.norms).toEqual([
        ...alone[0].residuals.get('block/0')!.norms,
        ...alone[1].residuals.get('block/0')!.norms,
      ]);
      expect(alone[0].residuals.get('block/0')!.norms[0]).not.toEqual(alone[1].residuals.get('block/0')!.norms[0]);
    } finally {
      tf.dispose([batch, second]);
    }
  });

  it("runs from a segment's kept input to the end, or up to a segment", async () => {
    const full = await run({ keepSegmentInputs: true, capture: ['block/0'] });
    expect([...full.inputs.keys()]).toEqual(['stem', 'mixed', 'block/0', 'block/1', 'block-final', 'head']);
    const inputs = full.inputs;
    try {
      const rest = await run({ from: 'block/1' }, inputs.get('block/1') as tf.Tensor4D);
      expect(maxAbsDifference(rest.output, full.output)).toBe(0);
      const piece = executor.run(inputs.get('mixed') as tf.Tensor4D, { from: 'mixed', to: 'block/0' });
      expect(piece.output.shape).toEqual([1, 8, 8, 16]);
      expect(maxAbsDifference((await piece.output.data()) as Float32Array, full.activations.get('block/0')!)).toBe(0);
      piece.output.dispose();
    } finally {
      tf.dispose([...inputs.values()]);
    }
  });

  it("substitutes a given tensor for a node's output, computing the rest as usual", async () => {
    const full = await run({ capture: ['block/0/0/0/1'] });
    const branch = tf.tensor4d(full.activations.get('block/0/0/0/1')!, [1, 8, 8, 4]);
    const same = await run({ substitute: { address: 'block/0/0/0/1', tensor: branch } });
    expect(maxAbsDifference(same.output, full.output)).toBeLessThan(1e-6);
    const zeros = tf.zerosLike(branch);
    const changed = await run({ substitute: { address: 'block/0/0/0/1', tensor: zeros }, capture: ['block/0/0'] });
    expect(maxAbsDifference(changed.output, full.output)).toBeGreaterThan(1e-4);
    // The substituted tensor is the caller's: still there.
    expect(branch.isDisposed || zeros.isDisposed).toBe(false);
    tf.dispose([branch, zeros]);
  });

  it('computes the same with differentiable ops and with copies of the weights', async () => {
    const plain = await run();
    expect(maxAbsDifference((await run({ differentiable: true })).output, plain.output)).toBeLessThan(1e-5);
    const fc = executor.layerTensors('head/2') as Extract<LayerTensors, { kind: 'dense' }>;
    const doubled = new Map<string, LayerTensors>([
      ['head/2', { kind: 'dense', kernel: tf.mul(fc.kernel, 2), bias: tf.mul(fc.bias, 2) }],
    ]);
    const twice = await run({ weights: doubled });
    expect(
      maxAbsDifference(
        twice.output,
        plain.output.map((v) => 2 * v),
      ),
    ).toBeLessThan(1e-5);
    for (const w of doubled.values()) if (w.kind === 'dense') tf.dispose([w.kernel, w.bias]);
  });

  it('leaks no tensors with taps, probes and kept inputs', async () => {
    const once = () => {
      const r = executor.run(x, {
        keepSegmentInputs: true,
        probes: 'all',
        taps: new Map([['mixed', (y: tf.Tensor) => tf.max(y)]]),
      });
      tf.dispose([
        r.output,
        ...r.tapped.values(),
        ...r.segmentInputs.values(),
        ...[...r.residuals.values()].map((p) => p.norms),
      ]);
    };
    once();
    const after1 = tf.memory().numTensors;
    for (let i = 0; i < 20; i++) once();
    expect(tf.memory().numTensors).toBe(after1);
  });

  it('rejects options it cannot honour, naming the problem', () => {
    const fails =
      (options: RunOptions, input: tf.Tensor4D = x) =>
      () =>
        tf.tidy(() => {
          executor.run(input, options);
        });
    expect(fails({ residualScales: { blocks: 0 } })).toThrow(ExecutorInputError);
    expect(fails({ residualScales: { blocks: 0 } })).toThrow(
      'unknown residual group "blocks"; valid groups: block (released 0.3), block-final (released 1)',
    );
    expect(fails({ residualScales: { block: -1 } })).toThrow(/residual scale of block must be a number from 0 to 1/);
    expect(fails({ from: 'block/7' })).toThrow(
      'cannot start at "block/7": segments are top-level stages and repetitions (stem, mixed, block/0, …)',
    );
    expect(fails({ from: 'block/1' })).toThrow(
      'the input of segment "block/1" must be [N, 8, 8, 16], got [1, 17, 17, 3]',
    );
    expect(fails({ to: 'mixed', capture: ['block/0'] })).toThrow(
      'cannot capture "block/0": this run computes stem to mixed only',
    );
    expect(fails({ probes: ['mixed'] })).toThrow('cannot probe "mixed": it is not a residual block');
    expect(fails({ substitute: { address: 'mixed', tensor: tf.zeros([1, 8, 8, 15]) } })).toThrow(
      'cannot substitute "mixed": its output is [1, 8, 8, 16], got [1, 8, 8, 15]',
    );
  });
});
