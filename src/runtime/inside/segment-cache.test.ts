import * as tf from '@tensorflow/tfjs-core';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { LayerTensors } from '../executor/layer-weights.ts';
import type { NetworkExecutor } from '../executor/network.ts';
import { activationStats } from '../../testing/parity.ts';
import { maxAbsDifference } from '../executor/reference-ops.ts';
import type { RunOptions } from '../executor/run-options.ts';
import { tinyExecutorOn } from '../../testing/tiny-executor.ts';
import { tinyInput } from '../../testing/tiny-network.ts';
import { SUMMARY_BINS } from './protocol.ts';
import { InsideError, SegmentCache } from './segment-cache.ts';

const LABELS = Array.from({ length: 10 }, (_, i) => `label ${i}`);
const input = tinyInput();
const norm = (v: Float32Array) => Math.sqrt(v.reduce((a, x) => a + x * x, 0));

describe.each(['cpu', 'wasm'] as const)('SegmentCache on the tiny network, %s', (backend) => {
  let executor: NetworkExecutor;
  let cache: SegmentCache;
  beforeAll(async () => {
    executor = await tinyExecutorOn(backend);
  });
  afterAll(() => executor.dispose());
  afterEach(() => {
    cache?.dispose();
    vi.restoreAllMocks();
  });

  /** A full run with the executor itself: logits and whole outputs. */
  async function reference(capture: string[], options: RunOptions = {}) {
    const x = tf.tensor4d(input, [1, 17, 17, 3]);
    const r = executor.run(x, { capture, ...options });
    const out = { logits: (await r.output.data()) as Float32Array, outputs: new Map<string, Float32Array>() };
    for (const [a, t] of r.activations) out.outputs.set(a, (await t.data()) as Float32Array);
    tf.dispose([x, r.output, ...r.activations.values()]);
    return out;
  }

  it('looks inside: the logits, and a depth point per segment with residual norms', async () => {
    cache = new SegmentCache(executor, input, LABELS);
    const run = await cache.lookInside();
    const segments = ['stem', 'mixed', 'block/0', 'block/1', 'block-final', 'head'];
    const ref = await reference([...segments, 'block/0/0', 'block/1/0', 'block-final/0']);
    expect(maxAbsDifference(run.logits, ref.logits)).toBeLessThan(1e-5);
    expect(run.scales).toEqual({ block: 0.3, 'block-final': 1 });
    expect(run.segmentsRun).toBe(6);
    expect(run.depth.map((d) => [d.address, d.label, d.index])).toEqual([
      ['stem', 'Stem', 0],
      ['mixed', 'Mixed', 1],
      ['block/0', 'Residual ×0.3 1', 2],
      ['block/1', 'Residual ×0.3 2', 3],
      ['block-final', 'Residual ×1', 4],
      ['head', 'Classifier', 5],
    ]);
    for (const point of run.depth) {
      const out = ref.outputs.get(point.address)!;
      expect(point.mean).toBeCloseTo(activationStats('', [], out).mean, 5);
      expect(point.zeroFraction).toBeCloseTo(out.filter((v) => v === 0).length / out.length, 6);
    }
    const b1 = run.depth[3].residual!;
    expect(b1.scale).toBe(0.3);
    expect(b1.shortcut).toBeCloseTo(norm(ref.outputs.get('block/0')!), 4);
    expect(b1.branch).toBeCloseTo(norm(ref.outputs.get('block/1/0')!), 4);
    expect(b1.scaled).toBeCloseTo(0.3 * b1.branch, 5);
    expect(b1.ratio).toBeCloseTo(b1.scaled / b1.shortcut, 6);
    expect(run.depth[1].residual).toBeUndefined();
  });

  it('summaries run only the segments holding the nodes, once each, and agree with the whole outputs', async () => {
    cache = new SegmentCache(executor, input, LABELS);
    await cache.lookInside();
    const run = vi.spyOn(executor, 'run');
    const asked = ['block/1/0/0/1/2', 'block/1', 'block', 'block/1/0/0', 'mixed/2'];
    const summaries = await cache.summaries(asked);
    expect(run.mock.calls.map(([, o]) => `${o?.from}→${o?.to}`)).toEqual(['mixed→mixed', 'block/1→block/1']);
    expect(summaries.map((s) => s.address)).toEqual(asked);
    const ref = await reference(['block/1/0/0/1/2', 'block/1', 'block/1/0/0', 'mixed/2', 'block/0']);
    for (const s of summaries) {
      const out = ref.outputs.get(s.address === 'block' ? 'block/1' : s.address)!;
      const expected = activationStats('', [], out);
      expect(s.stats.mean).toBeCloseTo(expected.mean, 5);
      expect(s.stats.std).toBeCloseTo(expected.std, 5);
      expect([s.stats.min, s.stats.max]).toEqual([expected.min, expected.max]);
      expect(s.stats.count).toBe(out.length);
      expect(s.histogram.counts.reduce((a, b) => a + b, 0)).toBe(out.length);
      expect(s.histogram.counts.length).toBe(SUMMARY_BINS);
    }
    const byAddress = new Map(summaries.map((s) => [s.address, s]));
    expect(byAddress.get('block/1/0/0/1/2')).toMatchObject({ shape: [8, 8, 4], thumbnail: { width: 8, height: 8 } });
    // A rolled-up repeat shows its last repetition: same output, same residual norms.
    expect(byAddress.get('block')!.stats).toEqual(byAddress.get('block/1')!.stats);
    expect(byAddress.get('block')!.residual).toEqual(byAddress.get('block/1')!.residual);
    // ‖x‖ of block/1 is the norm of its input, block/0's output.
    expect(byAddress.get('block/1')!.residual!.shortcut).toBeCloseTo(norm(ref.outputs.get('block/0')!), 4);
    expect(byAddress.get('mixed/2')!.residual).toBeUndefined();
    // Asked again: from memory, no run.
    run.mockClear();
    const again = await cache.summaries(['block', 'mixed/2']);
    expect(run).not.toHaveBeenCalled();
    expect(again[0]).toEqual(byAddress.get('block'));
    // Copies: emptying one (as a transfer would) leaves the memory intact.
    again[0].thumbnail!.data.fill(NaN);
    expect((await cache.summaries(['block']))[0].thumbnail!.data[0]).not.toBeNaN();
  });

  it("prefetches a view's summaries in the look-inside run itself: asking for them then runs nothing", async () => {
    const view = ['block/0', 'block/0/0/0/1/1', 'block/0/0/1', 'mixed', 'head/0'];
    const plain = new SegmentCache(executor, input, LABELS);
    const expected = await plain.summaries(view);
    plain.dispose();
    cache = new SegmentCache(executor, input, LABELS);
    const run = vi.spyOn(executor, 'run');
    await cache.lookInside({}, view);
    expect(run).toHaveBeenCalledTimes(1);
    run.mockClear();
    expect(await cache.summaries(view)).toEqual(expected);
    expect(run).not.toHaveBeenCalled();
    // New scales for the blocks: the same run re-runs from block/0 and refreshes the view's summaries there.
    await cache.lookInside({ block: 0 }, view);
    expect(run).toHaveBeenCalledTimes(1);
    run.mockClear();
    const after = await cache.summaries(view);
    expect(run).not.toHaveBeenCalled();
    expect(after[0].residual).toMatchObject({ scale: 0, scaled: 0 });
    expect(after[3]).toEqual(expected[3]);
    await expect(cache.lookInside({}, ['nowhere'])).rejects.toThrow('Tiny test network has no node "nowhere"');
  });

  it('a thumbnail of a chosen channel', async () => {
    cache = new SegmentCache(executor, input, LABELS);
    const [s] = await cache.summaries(['mixed'], { channel: 7 });
    const ref = await reference(['mixed']);
    const channel7 = ref.outputs.get('mixed')!.filter((_, i) => i % 16 === 7);
    expect(s.thumbnail).toMatchObject({ channel: 7, width: 8, height: 8 });
    expect(maxAbsDifference(s.thumbnail!.data, channel7)).toBe(0);
    await expect(cache.summaries(['mixed'], { channel: 16 })).rejects.toThrow(
      'mixed has channels 0–15; there is no channel 16',
    );
  });

  it('changed residual scales re-run from the first changed group only, and match a full run', async () => {
    cache = new SegmentCache(executor, input, LABELS);
    await cache.lookInside();
    const [mixedBefore, blockBefore] = await cache.summaries(['mixed', 'block/1']);
    const late = await cache.lookInside({ 'block-final': 0 });
    expect(late.segmentsRun).toBe(2);
    const early = await cache.lookInside({ block: 0.6, 'block-final': 0 });
    expect(early.segmentsRun).toBe(4);
    expect(early.scales).toEqual({ block: 0.6, 'block-final': 0 });
    const ref = await reference([], { residualScales: { block: 0.6, 'block-final': 0 } });
    expect(maxAbsDifference(early.logits, ref.logits)).toBeLessThan(1e-5);
    expect(early.depth.find((d) => d.address === 'block/0')!.residual!.scale).toBe(0.6);
    expect((await cache.lookInside({ block: 0.6, 'block-final': 0 })).segmentsRun).toBe(0);
    const [mixedAfter, blockAfter] = await cache.summaries(['mixed', 'block/1']);
    expect(mixedAfter).toEqual(mixedBefore);
    expect(blockAfter.stats.mean).not.toBeCloseTo(blockBefore.stats.mean, 4);
    expect(blockAfter.residual!.scale).toBe(0.6);
    await expect(cache.lookInside({ block: -1 })).rejects.toThrow(InsideError);
    await expect(cache.lookInside({ blocks: 0 })).rejects.toThrow(
      'unknown residual group "blocks"; valid groups: block (released 0.3), block-final (released 1)',
    );
  });

  it("detail: every channel's values and the top channels' maps; residual norms of a block", async () => {
    cache = new SegmentCache(executor, input, LABELS);
    const detail = await cache.detail('block/0', { order: 'max', count: 5 });
    const ref = await reference(['block/0']);
    const out = ref.outputs.get('block/0')!;
    const maxes = Array.from({ length: 16 }, (_, k) => Math.max(...out.filter((_, i) => i % 16 === k)));
    expect(Array.from(detail.channels.max)).toEqual(maxes);
    expect(detail.maps).toHaveLength(5);
    expect(detail.maps[0].channel).toBe(maxes.indexOf(Math.max(...maxes)));
    expect(detail.order).toBe('max');
    expect(detail.residual?.scale).toBe(0.3);
    expect((await cache.detail('head/2', { order: 'mean', count: 16 })).maps).toEqual([]);
    await expect(cache.detail('block/0', { order: 'median' as 'mean', count: 5 })).rejects.toThrow(
      'unknown channel order "median"; valid: mean, max, zeros',
    );
  });

  it('class maps: CAM at the head (mean + bias = logit), Grad-CAM at a grid node', async () => {
    cache = new SegmentCache(executor, input, LABELS);
    const { logits } = await cache.lookInside();
    const cams = await cache.classMaps([4, 1]);
    const bias = await (executor.layerTensors('head/2') as Extract<LayerTensors, { kind: 'dense' }>).bias.data();
    for (const m of cams) {
      expect(m).toMatchObject({
        method: 'cam',
        node: 'block-final',
        label: `label ${m.classIndex}`,
        logit: logits[m.classIndex],
        backend,
      });
      expect(m.bias).toBeCloseTo(bias[m.classIndex], 6);
      expect(m.map.data.reduce((a, b) => a + b, 0) / 64 + m.bias!).toBeCloseTo(m.logit, 5);
    }
    const grad = await cache.classMaps([4], { node: 'block' });
    expect(grad[0]).toMatchObject({
      method: 'grad-cam',
      node: 'block',
      classIndex: 4,
      backend,
      map: { width: 8, height: 8 },
    });
    expect(Math.min(...grad[0].map.data)).toBeGreaterThanOrEqual(0);
    await expect(cache.classMaps([4], { node: 'head/0' })).rejects.toThrow(
      'Grad-CAM needs a node with an h×w×c output; head/0 outputs 16',
    );
    await expect(cache.classMaps([10])).rejects.toThrow('class 10 does not exist: classes are 0–9');
    await expect(cache.classMaps([1], { node: 'block/7' })).rejects.toThrow('Tiny test network has no node "block/7"');
  });

  it("a node's whole output", async () => {
    cache = new SegmentCache(executor, input, LABELS);
    const out = await cache.output('block/1/0/0');
    const ref = await reference(['block/1/0/0']);
    expect(out.shape).toEqual([8, 8, 8]);
    expect(maxAbsDifference(out.data, ref.outputs.get('block/1/0/0')!)).toBe(0);
  });

  it("channel maxima: each channel's maximum and first cell of the whole output, for several nodes at once, without leaking", async () => {
    cache = new SegmentCache(executor, input, LABELS);
    await cache.lookInside();
    const before = tf.memory().numTensors;
    const nodes = ['stem/0', 'block/1/0/0'];
    const maxima = await cache.channelMaxima(nodes);
    expect(tf.memory().numTensors).toBe(before);
    const ref = await reference(nodes);
    for (const [i, node] of nodes.entries()) {
      const out = ref.outputs.get(node)!;
      const c = maxima[i].max.length;
      expect(c).toBe(8);
      for (let k = 0; k < c; k++) {
        const channel = Array.from({ length: out.length / c }, (_, cell) => out[cell * c + k]);
        expect(maxima[i].max[k]).toBe(Math.max(...channel));
        expect(maxima[i].position[k]).toBe(channel.indexOf(Math.max(...channel)));
      }
    }
    await expect(cache.channelMaxima(['head/0'])).rejects.toThrow(
      'channel examples need a node with an h×w×c output; head/0 outputs 16',
    );
  });

  it('leaks no tensors over repeated looks inside, and frees everything on dispose', async () => {
    const before = tf.memory().numTensors;
    const cycle = async (c: SegmentCache, scale: number) => {
      await c.lookInside({ block: scale });
      await c.summaries(['stem/1', 'block/1/0/0/1/2', 'block', 'head']);
      await c.detail('mixed', { order: 'zeros', count: 4 });
      await c.classMaps([1, 2]);
      await c.classMaps([1], { node: 'mixed' });
    };
    cache = new SegmentCache(executor, input, LABELS);
    await cycle(cache, 0.3);
    const held = tf.memory().numTensors;
    expect(held).toBe(before + 6);
    for (let i = 0; i < 4; i++) await cycle(cache, 0.1 * i);
    expect(tf.memory().numTensors).toBe(held);
    cache.dispose();
    expect(tf.memory().numTensors).toBe(before);
    await expect(cache.summaries(['mixed'])).rejects.toThrow("this photo's look inside was released");
  });
});
