/**
 * Looking inside one network with one photo: the segment cache. `lookInside` runs the network once,
 * measuring the depth profile on the way, and keeps the input of every segment (a top-level stage or one
 * repetition of a repeat) for the scales in effect; a later request re-runs only the segments holding
 * the nodes it asks about, reducing their outputs where they are. Changing the residual scales re-runs
 * from the first segment of the first changed group. The worker and the CLI use the same class.
 */
import * as tf from '@tensorflow/tfjs-core';
import { classifierHead, type ClassifierHead } from '../../model/analysis/classifier-head.ts';
import { formatShape } from '../../model/analysis/layer-shape.ts';
import { checkResidualScales, scalesInEffect, type ResidualGroup } from '../../model/analysis/residual-groups.ts';
import { siteOf, type Segment, type SegmentSite } from '../../model/analysis/segments.ts';
import type { LayerTensors } from '../executor/layer-weights.ts';
import type { NetworkExecutor } from '../executor/network.ts';
import type { RunResult, Tap } from '../executor/run-options.ts';
import type { BackendName } from '../backends/select.ts';
import { classActivationMaps } from './cam.ts';
import { DEPTH_REDUCTION, depthPoint, residualNorms } from './depth-profile.ts';
import { gradCam, type GradCamTurns } from './grad-cam.ts';
import type {
  ChannelOrder,
  ClassMap,
  DepthPoint,
  GradCamProgress,
  DetailOptions,
  NodeDetail,
  NodeSummary,
  ResidualNorms,
  ResidualScales,
  SummaryOptions,
} from './protocol.ts';
import { readBack } from './read-back.ts';
import { detailReduction, summaryReduction, type Reduction, type SummaryValues } from './reductions.ts';
import { TapGroups } from './tap-groups.ts';
import { channelMaximaReduction } from './channel-maxima.ts';
import type { ChannelMaxima } from './top-examples.ts';

/** How a Grad-CAM shares the backend (GradCamTurns), told of its progress with each class's map. */
export type ClassMapTurns = Omit<GradCamTurns, 'onMap'> & {
  onProgress?: (progress: GradCamProgress) => void | Promise<void>;
};

/** A request the cache cannot answer (unknown node, channel, class or group); the message says why. */
export class InsideError extends Error {}

export interface InsideRun {
  /** Every residual group with the scale in effect. */
  scales: Record<string, number>;
  logits: Float32Array;
  depth: DepthPoint[];
  ms: number;
  /** Segments run by this call (0 when the scales did not change). */
  segmentsRun: number;
}

const ORDERS: readonly ChannelOrder[] = ['mean', 'max', 'zeros'];
/** Most channel maps a detail returns. */
export const MAX_DETAIL_MAPS = 64;

export class SegmentCache {
  private readonly inputs = new Map<string, tf.Tensor4D>();
  private readonly memo = new Map<string, { index: number; summary: NodeSummary }>();
  private readonly segments: Segment[];
  private readonly groups: ResidualGroup[];
  private readonly head: ClassifierHead | undefined;
  private scales: Record<string, number> | undefined;
  /** The overrides of the last look inside, for redoing it. */
  private overrides: ResidualScales = {};
  private logits: Float32Array | undefined;
  private depth: DepthPoint[] = [];
  private disposed = false;

  /** `input`: the photo preprocessed for this network, NHWC float32 at the network's input size. */
  constructor(
    private readonly executor: NetworkExecutor,
    private readonly input: Float32Array,
    private readonly labels: readonly string[],
  ) {
    const sized = executor.at([executor.network.input[0], executor.network.input[1]]);
    this.segments = sized.segments;
    this.groups = sized.groups;
    this.head = classifierHead(sized.analysis);
  }

  /** Bytes held by the kept segment inputs. */
  get bytes(): number {
    return [...this.inputs.values()].reduce((a, t) => a + 4 * t.size, 0);
  }

  /**
   * Runs the network with `overrides` of the released residual scales (only the segments that change),
   * computing in the same run the summaries of `prefetch` (a block view's boxes), which `summaries` then
   * answers from memory.
   */
  async lookInside(overrides: ResidualScales = {}, prefetch: readonly string[] = []): Promise<InsideRun> {
    this.alive();
    const check = checkResidualScales(this.groups, overrides);
    if (!check.ok) throw new InsideError(check.message);
    const scales = scalesInEffect(this.groups, check.scales);
    const started = performance.now();
    const previous = this.scales;
    const changed =
      previous && this.logits
        ? this.segments.find((s) => scales[s.stage.address] !== previous[s.stage.address])
        : this.segments[0];
    const from = changed?.index ?? this.segments.length;
    const ran = this.segments.slice(from);
    // Summaries to prefetch in the run: those in the segments it runs (earlier ones are still in memory,
    // or are computed by `summaries` on their own).
    const requests = this.requests([...new Set(prefetch)]).filter((r) => r.site.segment.index >= from);
    if (!changed) {
      if (prefetch.length > 0) await this.summaries(prefetch);
      return { scales, logits: this.logits!, depth: this.depth, ms: performance.now() - started, segmentsRun: 0 };
    }

    const groups = new TapGroups();
    for (const s of ran) groups.add(s.address, DEPTH_REDUCTION);
    const positions = requests.map((r) => groups.add(r.site.observed, r.reduction));
    const [h, w, c] = this.executor.network.input;
    const x = from === 0 ? tf.tensor4d(this.input, [1, h, w, c]) : this.inputs.get(changed.address)!;
    let run: RunResult;
    try {
      run = this.executor.run(x, {
        ...(from > 0 ? { from: changed.address } : {}),
        keepSegmentInputs: true,
        taps: groups.taps(),
        probes: 'all',
        residualScales: scales,
      });
    } finally {
      if (from === 0) x.dispose();
    }
    // Until the results are in, the kept inputs belong to no finished run: a failure below means start over.
    this.logits = undefined;
    this.overrides = overrides;
    for (const [address, kept] of run.segmentInputs) {
      this.inputs.get(address)?.dispose();
      this.inputs.set(address, kept as tf.Tensor4D);
    }
    const observed = groups.addresses();
    const probes = [...run.residuals];
    const values = await readBack([
      run.output,
      ...observed.map((a) => run.tapped.get(a)!),
      ...probes.map(([, p]) => p.norms),
    ]);
    const packed = new Map(observed.map((a, i) => [a, values[1 + i]]));
    const norms = new Map(probes.map(([a, p], i) => [a, residualNorms(p.scale, values[1 + observed.length + i])]));
    const points = ran.map((s) =>
      depthPoint(s, groups.split(s.address, packed.get(s.address)!)[0], norms.get(s.address)),
    );
    this.depth = [...this.depth.slice(0, from), ...points];
    this.scales = scales;
    this.logits = Float32Array.from(values[0]);
    for (const [key, entry] of this.memo) if (entry.index >= from) this.memo.delete(key);
    requests.forEach((r, i) => {
      const own = groups.split(r.site.observed, packed.get(r.site.observed)!)[positions[i]];
      this.remember(r, own, norms.get(r.site.observed), '');
    });
    return { scales, logits: this.logits, depth: this.depth, ms: performance.now() - started, segmentsRun: ran.length };
  }

  /** Summaries of nodes' outputs (a whole repeat: its last repetition's), in the order asked. */
  async summaries(addresses: readonly string[], options: SummaryOptions = {}): Promise<NodeSummary[]> {
    await this.ensureLooked();
    const channel = options.channel === undefined ? '' : String(options.channel);
    const missing = [...new Set(addresses.filter((a) => !this.memo.has(memoKey(a, options.channel))))];
    const requests = this.requests(missing, options);
    for (const { request, values, residual } of await this.reduce(requests))
      this.remember(request, values, residual, channel);
    // Copies: the worker transfers what it returns, which must not empty the memo.
    return addresses.map((a) => copySummary(this.memo.get(memoKey(a, options.channel))!.summary));
  }

  /** What the inspector shows for a node: statistics, histogram, per-channel values and the top channels' maps. */
  async detail(address: string, options: DetailOptions): Promise<NodeDetail> {
    await this.ensureLooked();
    if (!ORDERS.includes(options.order))
      throw new InsideError(`unknown channel order "${options.order}"; valid: ${ORDERS.join(', ')}`);
    if (!Number.isFinite(options.count))
      throw new InsideError(`the number of channel maps must be a number, got ${options.count}`);
    const site = this.site(address);
    const shape = this.shapeOf(site);
    const count = Math.max(1, Math.min(MAX_DETAIL_MAPS, Math.floor(options.count)));
    const reduction = detailReduction(shape, { order: options.order, count });
    const [{ values, residual }] = await this.reduce([{ address, site, shape, reduction }]);
    return {
      address,
      shape: [...shape],
      order: options.order,
      ...reduction.read(values),
      ...(residual ? { residual } : {}),
    };
  }

  /**
   * CAM at the head for `classes`, or Grad-CAM at `node` (a node with an h×w×c output), in `turns` (see
   * GradCamTurns): the first turn captures A and holds its own references to the kept segment inputs, so
   * that a request run between turns (even one that re-runs with other scales) leaves the Grad-CAM as asked.
   */
  async classMaps(
    classes: readonly number[],
    options: { node?: string } = {},
    turns: ClassMapTurns = {},
  ): Promise<ClassMap[]> {
    const schedule = turns.schedule ?? ((task) => task());
    const node = options.node;
    if (node === undefined) return schedule(async () => this.cam(...(await this.checkClasses(classes))));
    const prepared = await schedule(async () => {
      const [, common] = await this.checkClasses(classes);
      const site = this.site(node);
      const shape = this.shapeOf(site);
      if (shape.length !== 3)
        throw new InsideError(`Grad-CAM needs a node with an h×w×c output; ${node} outputs ${formatShape(shape)}`);
      const activation = this.runSegment(site.segment, { capture: [site.observed] }).activations.get(
        site.observed,
      ) as tf.Tensor4D;
      const segments = this.segments
        .slice(site.segment.index)
        .map((s) => ({ address: s.address, input: tf.clone(this.inputs.get(s.address)!) }));
      return {
        common,
        shape,
        activation,
        segments,
        request: {
          executor: this.executor,
          segments,
          node: site.observed,
          activation,
          classes,
          residualScales: { ...this.scales! },
        },
      };
    });
    const { common, shape, activation, segments, request } = prepared;
    const started = performance.now();
    const classMap = (i: number, data: Float32Array, backend: string, ms: number, notice?: string): ClassMap => ({
      ...common(classes[i]),
      method: 'grad-cam' as const,
      node,
      map: { width: shape[1], height: shape[0], data },
      backend: backend as BackendName,
      ms,
      ...(notice ? { notice } : {}),
    });
    try {
      await turns.onProgress?.({ done: 0, total: classes.length });
      const result = await gradCam(request, {
        ...turns,
        onMap: ({ index, map }) =>
          turns.onProgress?.({
            done: index + 1,
            total: classes.length,
            map: classMap(index, map.slice(), tf.getBackend(), performance.now() - started),
          }),
      });
      return classes.map((_, i) => classMap(i, result.maps[i], result.backend, result.ms, result.notice));
    } finally {
      tf.dispose([activation, ...segments.map((s) => s.input)]);
    }
  }

  /** The classes checked, and what every class map of one of them says of it. */
  private async checkClasses(
    classes: readonly number[],
  ): Promise<[readonly number[], (c: number) => Pick<ClassMap, 'classIndex' | 'label' | 'logit'>]> {
    await this.ensureLooked();
    const total = this.executor.network.classes;
    if (classes.length === 0) throw new InsideError('ask for at least one class');
    const bad = classes.find((c) => !Number.isInteger(c) || c < 0 || c >= total);
    if (bad !== undefined) throw new InsideError(`class ${bad} does not exist: classes are 0–${total - 1}`);
    const logits = this.logits!;
    return [classes, (c: number) => ({ classIndex: c, label: this.labels[c] ?? `class ${c}`, logit: logits[c] })];
  }

  /** Per channel of each node's h×w×c output: its maximum and where (y·w + x); 2c values read back per node. */
  async channelMaxima(addresses: readonly string[]): Promise<ChannelMaxima[]> {
    await this.ensureLooked();
    const requests = addresses.map((address) => {
      const site = this.site(address);
      const shape = this.shapeOf(site);
      if (shape.length !== 3)
        throw new InsideError(
          `channel examples need a node with an h×w×c output; ${address} outputs ${formatShape(shape)}`,
        );
      return { address, site, shape, reduction: channelMaximaReduction(shape) };
    });
    return (await this.reduce(requests)).map(({ request, values }) => request.reduction.read(values));
  }

  /** A node's whole output (the CLI's --out): NHWC float32, shape without the batch axis. */
  async output(address: string): Promise<{ shape: number[]; data: Float32Array }> {
    await this.ensureLooked();
    const site = this.site(address);
    const captured = this.runSegment(site.segment, { capture: [site.observed] }).activations.get(site.observed)!;
    const [data] = await readBack([captured]);
    return { shape: [...this.shapeOf(site)], data };
  }

  /**
   * Every segment with its output at the scales in effect, for reductions across photos (parting.ts):
   * the kept input of the next segment, and for the last segment its output run again from its input.
   * The tensors are the caller's to dispose.
   */
  async segmentOutputs(): Promise<Array<{ segment: Segment; output: tf.Tensor }>> {
    await this.ensureLooked();
    return this.segments.map((segment, i) => {
      const next = this.segments[i + 1];
      if (next) return { segment, output: tf.clone(this.inputs.get(next.address)!) };
      const input = this.inputs.get(segment.address)!;
      const run = this.executor.run(input, {
        from: segment.address,
        to: segment.address,
        residualScales: this.scales!,
      });
      return { segment, output: run.output };
    });
  }

  /** Frees the kept segment inputs; the cache cannot be used afterwards. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    tf.dispose([...this.inputs.values()]);
    this.inputs.clear();
    this.memo.clear();
  }

  private async cam(
    classes: readonly number[],
    common: (c: number) => Pick<ClassMap, 'classIndex' | 'label' | 'logit'>,
  ): Promise<ClassMap[]> {
    const head = this.head;
    if (!head)
      throw new InsideError(
        `${this.executor.network.title} does not end in global pooling and one linear layer, so it has no class activation map`,
      );
    const started = performance.now();
    const features = this.inputs.get(this.segments[this.segments.length - 1].address)!;
    const dense = this.executor.layerTensors(head.dense) as Extract<LayerTensors, { kind: 'dense' }>;
    const [maps, bias] = await readBack([
      classActivationMaps(features, dense.kernel, classes),
      tf.tidy(() => tf.gather(dense.bias, tf.tensor1d([...classes], 'int32'))),
    ]);
    const ms = performance.now() - started;
    const [, h, w] = features.shape;
    return classes.map((c, i) => ({
      ...common(c),
      method: 'cam' as const,
      node: head.features,
      bias: bias[i],
      map: { width: w, height: h, data: maps.slice(i * h * w, (i + 1) * h * w) },
      backend: tf.getBackend() as BackendName,
      ms,
    }));
  }

  /** Summary requests for addresses (a message for an unknown node or channel). */
  private requests(addresses: readonly string[], options: SummaryOptions = {}): SummaryRequest[] {
    return addresses.map((address) => {
      const site = this.site(address);
      const shape = this.shapeOf(site);
      if (options.channel !== undefined && shape.length === 3) checkChannel(options.channel, shape, address);
      return { address, site, shape, reduction: summaryReduction(shape, options) };
    });
  }

  private remember(
    request: SummaryRequest,
    values: Float32Array,
    residual: ResidualNorms | undefined,
    channel: string,
  ): void {
    const summary: NodeSummary = {
      address: request.address,
      shape: [...request.shape],
      ...request.reduction.read(values),
      ...(residual ? { residual } : {}),
    };
    this.memo.set(`${request.address}|${channel}`, { index: request.site.segment.index, summary });
  }

  /** Runs each segment holding a request once, with all its requests' reductions, and reads everything back at once. */
  private async reduce<T>(
    requests: ReadonlyArray<{ address: string; site: SegmentSite; shape: readonly number[]; reduction: Reduction<T> }>,
  ) {
    type Request = (typeof requests)[number];
    const bySegment = new Map<number, Request[]>();
    for (const r of requests) bySegment.set(r.site.segment.index, [...(bySegment.get(r.site.segment.index) ?? []), r]);
    const pending: Array<{
      request: Request;
      position: number;
      groups: TapGroups;
      tapped: tf.Tensor;
      probe?: { scale: number; norms: tf.Tensor };
    }> = [];
    const tensors: tf.Tensor[] = [];
    try {
      for (const index of [...bySegment.keys()].sort((a, b) => a - b)) {
        const group = bySegment.get(index)!;
        const groups = new TapGroups();
        const positions = group.map((r) => groups.add(r.site.observed, r.reduction as Reduction<unknown>));
        const probes = groups
          .addresses()
          .filter((a) => this.executor.analysis.byAddress.get(a)?.node.kind === 'residual');
        const run = this.runSegment(this.segments[index], { taps: groups.taps(), probes });
        tensors.push(...run.tapped.values(), ...[...run.residuals.values()].map((p) => p.norms));
        group.forEach((r, i) => {
          const probe = run.residuals.get(r.site.observed);
          pending.push({
            request: r,
            position: positions[i],
            groups,
            tapped: run.tapped.get(r.site.observed)!,
            ...(probe ? { probe } : {}),
          });
        });
      }
    } catch (error) {
      tf.dispose(tensors);
      throw error;
    }
    const values = await readBack(tensors);
    const read = new Map(tensors.map((t, i) => [t, values[i]]));
    return pending.map((p) => ({
      request: p.request,
      values: p.groups.split(p.request.site.observed, read.get(p.tapped)!)[p.position],
      residual: p.probe ? residualNorms(p.probe.scale, read.get(p.probe.norms)!) : undefined,
    }));
  }

  /** One segment from its kept input, with the scales in effect; the segment's output is dropped. */
  private runSegment(
    segment: Segment,
    options: { capture?: string[]; taps?: Map<string, Tap>; probes?: string[] },
  ): RunResult {
    const result = this.executor.run(this.inputs.get(segment.address)!, {
      from: segment.address,
      to: segment.address,
      residualScales: this.scales!,
      ...options,
    });
    // The output may be a captured or tapped tensor itself (the segment's own node).
    const handedOut = [...result.activations.values(), ...result.tapped.values()];
    if (!handedOut.includes(result.output)) result.output.dispose();
    return result;
  }

  private site(address: string): SegmentSite {
    const site = siteOf(this.segments, this.executor.analysis, address);
    if (!site) throw new InsideError(`${this.executor.network.title} has no node "${address}"`);
    return site;
  }

  private shapeOf(site: SegmentSite): readonly number[] {
    return this.executor.analysis.byAddress.get(site.observed)!.output;
  }

  private async ensureLooked(): Promise<void> {
    this.alive();
    if (!this.logits) await this.lookInside(this.overrides);
  }

  private alive(): void {
    if (this.disposed) throw new InsideError("this photo's look inside was released");
  }
}

interface SummaryRequest {
  address: string;
  site: SegmentSite;
  shape: readonly number[];
  reduction: Reduction<SummaryValues>;
}

/** The memory's key of a node's summary (with the channel its thumbnail shows). */
function memoKey(address: string, channel?: number): string {
  return `${address}|${channel ?? ''}`;
}

function checkChannel(channel: number, shape: readonly number[], address: string): void {
  const c = shape[2];
  if (!(Number.isInteger(channel) && channel >= 0 && channel < c))
    throw new InsideError(`${address} has channels 0–${c - 1}; there is no channel ${channel}`);
}

function copySummary(s: NodeSummary): NodeSummary {
  return {
    ...s,
    shape: [...s.shape],
    stats: { ...s.stats },
    histogram: { ...s.histogram, counts: s.histogram.counts.slice() },
    ...(s.thumbnail ? { thumbnail: { ...s.thumbnail, data: s.thumbnail.data.slice() } } : {}),
    ...(s.residual ? { residual: { ...s.residual } } : {}),
  };
}
