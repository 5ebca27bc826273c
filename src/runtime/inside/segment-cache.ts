/**
 * Looking inside one network with one photo: the segment cache. `lookInside` runs the network once,
 * measuring the depth profile on the way, and keeps the input of every segment (a top-level stage or one
 * repetition of a repeat) for the scales in effect (or takes them from a classification's run that kept
 * them: `kept`); a segment's output is the next one's kept input, so its summaries need no run at all; a
 * later request re-runs only the segments holding the nodes it asks about, reducing their outputs where
 * they are. Changing the residual scales re-runs
 * from the first segment of the first changed group. The worker and the CLI use the same class.
 */
import * as tf from '@tensorflow/tfjs-core';
import { classifierHead, type ClassifierHead } from '../../model/analysis/classifier-head.ts';
import { formatShape } from '../../model/analysis/layer-shape.ts';
import { checkResidualScales, scalesInEffect, type ResidualGroup } from '../../model/analysis/residual-groups.ts';
import { siteOf, type Segment, type SegmentSite } from '../../model/analysis/segments.ts';
import type { NetworkExecutor } from '../executor/network.ts';
import { camMaps, checkedClasses, classMapsInTurns, InsideError, type ClassOf } from './class-maps.ts';
import type { GradCamTurns } from './grad-cam.ts';
import { depthGroups, lookRun, type ExampleRun } from './look-run.ts';
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
import { reduce, runSegment, type KeptSegments } from './segment-reads.ts';
import { detailReduction, summaryReduction, type Reduction, type SummaryValues } from './reductions.ts';
import { checkChannel, copySummary, memoKey } from './summary-memo.ts';
import { TapGroups } from './tap-groups.ts';
import { channelMaximaReduction } from './channel-maxima.ts';
import type { ChannelMaxima } from './top-examples.ts';

export { InsideError };

/** How a Grad-CAM shares the backend (GradCamTurns), told of its progress with each class's map. */
export type ClassMapTurns = Omit<GradCamTurns, 'onMap'> & {
  onProgress?: (progress: GradCamProgress) => void | Promise<void>;
};

export interface InsideRun {
  /** Every residual group with the scale in effect. */
  scales: Record<string, number>;
  logits: Float32Array;
  depth: DepthPoint[];
  ms: number;
  /** Segments run by this call (0 when the scales did not change). */
  segmentsRun: number;
}

/** A classification's run of the photo at the released scales, kept for its look inside (look-run.ts). */
export interface KeptRun {
  run: ExampleRun;
  scales: Record<string, number>;
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
  /** ‖x‖, ‖r‖… of every residual node at the scales in effect. */
  private readonly norms = new Map<string, ResidualNorms>();
  private disposed = false;

  /**
   * `input`: the photo preprocessed for this network, NHWC float32 at the network's input size; `kept`:
   * a run of it that kept its segment inputs (the cache owns them from now on), so nothing runs again.
   */
  constructor(
    private readonly executor: NetworkExecutor,
    private readonly input: Float32Array,
    private readonly labels: readonly string[],
    kept?: KeptRun,
  ) {
    const sized = executor.at([executor.network.input[0], executor.network.input[1]]);
    this.segments = sized.segments;
    this.groups = sized.groups;
    this.head = classifierHead(sized.analysis);
    if (kept) this.adopt(kept.run, 0, kept.scales, {});
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

    const groups = depthGroups(new TapGroups(), ran);
    const positions = requests.map((r) => groups.add(r.site.observed, r.reduction));
    const [h, w, c] = this.executor.network.input;
    const x = from === 0 ? tf.tensor4d(this.input, [1, h, w, c]) : this.inputs.get(changed.address)!;
    let run: ExampleRun;
    try {
      const options = { segments: ran, scales, groups, ...(from > 0 ? { from: changed.address } : {}) };
      [run] = await lookRun(this.executor, x, options);
    } finally {
      if (from === 0) x.dispose();
    }
    if (this.disposed) {
      tf.dispose([...run.inputs.values()]);
      this.alive();
    }
    this.adopt(run, from, scales, overrides);
    requests.forEach((r, i) => {
      const own = groups.split(r.site.observed, run.packed.get(r.site.observed)!)[positions[i]];
      this.remember(r, own, run.norms.get(r.site.observed), '');
    });
    return {
      scales,
      logits: this.logits!,
      depth: this.depth,
      ms: performance.now() - started,
      segmentsRun: ran.length,
    };
  }

  /** A run from segment `from` on (its inputs now the cache's) as the state at `scales`. */
  private adopt(run: ExampleRun, from: number, scales: Record<string, number>, overrides: ResidualScales): void {
    for (const [address, kept] of run.inputs) {
      this.inputs.get(address)?.dispose();
      this.inputs.set(address, kept);
    }
    for (const [address, norms] of run.norms) this.norms.set(address, norms);
    this.depth = [...this.depth.slice(0, from), ...run.points];
    this.scales = scales;
    this.overrides = overrides;
    this.logits = run.logits;
    for (const [key, entry] of this.memo) if (entry.index >= from) this.memo.delete(key);
  }

  /** Summaries of nodes' outputs (a whole repeat: its last repetition's), in the order asked. */
  async summaries(addresses: readonly string[], options: SummaryOptions = {}): Promise<NodeSummary[]> {
    await this.ensureLooked();
    const channel = options.channel === undefined ? '' : String(options.channel);
    const missing = [...new Set(addresses.filter((a) => !this.memo.has(memoKey(a, options.channel))))];
    const requests = this.requests(missing, options);
    for (const { request, values, residual } of await reduce(this.kept(), requests))
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
    const [{ values, residual }] = await reduce(this.kept(), [{ address, site, shape, reduction }]);
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
    if (node === undefined) {
      return schedule(async () => {
        const common = await this.checkClasses(classes);
        const features = this.inputs.get(this.segments[this.segments.length - 1].address)!;
        return camMaps(this.executor, this.head, features, classes, common);
      });
    }
    const prepared = await schedule(async () => {
      const common = await this.checkClasses(classes);
      const site = this.site(node);
      const shape = this.shapeOf(site);
      if (shape.length !== 3)
        throw new InsideError(`Grad-CAM needs a node with an h×w×c output; ${node} outputs ${formatShape(shape)}`);
      const activation = runSegment(this.kept(), site.segment, { capture: [site.observed] }).activations.get(
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
    try {
      return await classMapsInTurns(prepared.request, prepared.common, prepared.shape, node, turns);
    } finally {
      tf.dispose([prepared.activation, ...prepared.segments.map((s) => s.input)]);
    }
  }

  /** The classes checked, and what every class map of one of them says of it. */
  private async checkClasses(classes: readonly number[]): Promise<ClassOf> {
    await this.ensureLooked();
    return checkedClasses(classes, this.executor.network.classes, this.labels, this.logits!);
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
    return (await reduce(this.kept(), requests)).map(({ request, values }) => request.reduction.read(values));
  }

  /** A node's whole output (the CLI's --out): NHWC float32, shape without the batch axis. */
  async output(address: string): Promise<{ shape: number[]; data: Float32Array }> {
    await this.ensureLooked();
    const site = this.site(address);
    const captured = runSegment(this.kept(), site.segment, { capture: [site.observed] }).activations.get(
      site.observed,
    )!;
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
    this.memo.set(memoKey(request.address, channel), { index: request.site.segment.index, summary });
  }

  /** What the cache keeps, for reading nodes' outputs from it (segment-reads.ts). */
  private kept(): KeptSegments {
    return {
      executor: this.executor,
      segments: this.segments,
      inputs: this.inputs,
      logits: this.logits,
      scales: this.scales!,
      norms: this.norms,
      shapeOf: (site) => this.shapeOf(site),
    };
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
