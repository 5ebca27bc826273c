/**
 * What the explorer shows of a photo inside a network, kept outside React (components read it with
 * `useInside`): the attached photo, the look-inside run per network (at the URL's residual scales and at
 * the released ones, for comparison), and the summaries, details and class maps fetched for it. Every
 * question goes to the inference worker through `InsideApi`; only small arrays come back, and each answer
 * is cached under the run it belongs to, so moving around the diagram asks only for what is new.
 *
 * The worker keeps one run per photo and network (the segment inputs of the last `lookInside`), so
 * requests for a network are serialised here and a request for another run's data re-runs first.
 *
 * A worker that stops (crashes, or is ended by the watchdog) is restarted by the session with nothing
 * loaded: what was in flight then (a run, a layer's detail, a Grad-CAM) waits, and is asked again once the
 * network is loaded in the new worker. If the session gives up, each waits no longer: it fails with the
 * session's message. Any failure can be asked again (`retry`, the panel's "Try again").
 */
import { failureDetailOf as messageOf } from '../../runtime/failure-words.ts';
import type { ChannelOrder, ClassMap, InsideApi, NodeDetail, ResidualScales } from '../../runtime/inside/protocol.ts';
import type { InferenceNetwork } from '../../runtime/worker/protocol.ts';
import type { PhotoLibrary } from '../photos/library.ts';
import {
  InsideStateStore,
  classMapKey,
  detailKey,
  kindOf,
  runKey,
  summaryKey,
  waitsForWorker,
  type WeightsGate,
} from './inside-state.ts';

export * from './inside-state.ts';

type Asked = 'details' | 'classMaps';

interface SummaryBatch {
  network: InferenceNetwork;
  scales: ResidualScales;
  channel?: number;
  addresses: Set<string>;
}

/** Numbers the Grad-CAMs asked for in this page. */
let gradCams = 0;

export class InsideStore extends InsideStateStore {
  /** Per network: the run the worker holds now (`chains`: the chain of worker requests, see the constructor). */
  private readonly current = new Map<InferenceNetwork, string>();
  private readonly waiting = new Map<string, { network: InferenceNetwork; scales: ResidualScales }>();
  /** What each run, detail and class-map request was, to ask it again (after a restart, or on retry). */
  private readonly asked = new Map<string, { network: InferenceNetwork; ask: () => void }>();
  /** Details and class maps whose worker stopped under them: asked again once the network is back. */
  private readonly parked = new Set<string>();
  private readonly pendingSummaries = new Map<string, SummaryBatch>();
  /** Summaries whose worker stopped under them (the run done before): asked again once the network is back. */
  private readonly parkedSummaries = new Map<string, SummaryBatch>();
  /** Per network, the last run asked for with changed scales: a slider's older positions are skipped. */
  private readonly latestLab = new Map<InferenceNetwork, string>();
  /** The id of each Grad-CAM under way, by its class-map key (to cancel it). */
  private readonly gradCams = new Map<string, string>();
  /** Per run, the nodes to summarise in the run itself (the worker then answers `summaries` at once). */
  private readonly prefetch = new Map<string, string[]>();
  private flushScheduled = false;
  private generation = 0;

  /**
   * `chains`: per network, the chain of worker requests; a second photo's store shares the first's, so
   * that a request about both photos (comparison-stores.ts) never falls between a run and its request.
   */
  constructor(
    private readonly api: InsideApi,
    private readonly library: PhotoLibrary,
    private readonly weights: WeightsGate,
    private readonly chains = new Map<InferenceNetwork, Promise<unknown>>(),
  ) {
    super();
    weights.subscribe(() => this.retryWaiting());
  }

  /** Another request moved the worker's run of this photo (other scales): the next request runs again first. */
  workerMoved(network: InferenceNetwork): void {
    this.current.delete(network);
  }

  /** Asks again everything that failed: runs, details and class maps (the panel's "Try again"). */
  retry(): void {
    const failed = (field: 'runs' | Asked) =>
      [...this.state[field]].filter(([, v]) => v.status === 'error').map(([key]) => key);
    for (const key of [...failed('runs'), ...failed('details'), ...failed('classMaps')]) this.asked.get(key)?.ask();
  }

  /** Attaches the photo of `slot` (from the photo library) or, with undefined, detaches it. */
  async show(slot: string | undefined): Promise<void> {
    const photo = this.state.photo;
    if (slot === (photo.status === 'none' ? undefined : photo.slot)) return;
    const previous = photo.status === 'none' ? undefined : photo.slot;
    const generation = ++this.generation;
    this.current.clear();
    this.waiting.clear();
    this.asked.clear();
    this.parked.clear();
    this.prefetch.clear();
    this.pendingSummaries.clear();
    this.parkedSummaries.clear();
    this.update({
      photo: slot ? { status: 'loading', slot } : { status: 'none' },
      runs: new Map(),
      summaries: new Map(),
      details: new Map(),
      classMaps: new Map(),
    });
    if (previous) void this.api.releasePhoto(previous).catch(() => undefined);
    if (!slot) return;
    try {
      const record = await this.library.get(slot);
      if (generation !== this.generation) return;
      if (!record) {
        const full = await this.library.full();
        if (generation === this.generation) this.update({ photo: { status: 'missing', slot, full } });
        return;
      }
      const size = await this.api.attachPhoto(slot, { kind: 'blob', blob: record.blob, name: record.name });
      if (generation !== this.generation) return;
      this.update({ photo: { status: 'ready', slot, name: record.name, ...size } });
      this.retryWaiting();
    } catch (error) {
      if (generation === this.generation) this.update({ photo: { status: 'error', slot, message: messageOf(error) } });
    }
  }

  /**
   * Runs `network` on the photo at `scales` (once; later calls for the same run return at once).
   * `prefetch`: nodes (the boxes of the view) whose summaries the worker computes in the same run.
   */
  run(network: InferenceNetwork, scales: ResidualScales = {}, prefetch: readonly string[] = []): void {
    const key = runKey(network, scales);
    this.asked.set(key, { network, ask: () => this.run(network, scales) });
    if (prefetch.length > 0) this.prefetch.set(key, [...new Set([...(this.prefetch.get(key) ?? []), ...prefetch])]);
    const existing = this.state.runs.get(key);
    if (existing && existing.status !== 'error' && existing.status !== 'waiting-weights') return;
    const photo = this.state.photo;
    const stopped = this.weights.stopped?.();
    if (stopped) {
      this.setRun(key, { status: 'error', message: stopped });
      return;
    }
    if (photo.status !== 'ready' || !this.weights.isLoaded(network)) {
      this.waiting.set(key, { network, scales });
      this.setRun(key, { status: 'waiting-weights' });
      return;
    }
    this.waiting.delete(key);
    this.setRun(key, { status: 'loading' });
    if (Object.keys(scales).length > 0) this.latestLab.set(network, key);
    void this.enqueue(network, key, scales, async () => undefined, true).catch(() => undefined);
  }

  /** Asks for the summaries of `addresses` in the run (batched with other asks of the same frame). */
  requestSummaries(
    network: InferenceNetwork,
    scales: ResidualScales,
    addresses: readonly string[],
    channel?: number,
  ): void {
    const run = runKey(network, scales);
    const missing = addresses.filter((a) => !this.state.summaries.has(summaryKey(run, a, channel)));
    if (missing.length === 0) return;
    const batchKey = `${run}|${channel ?? ''}`;
    const batch = this.pendingSummaries.get(batchKey) ?? {
      network,
      scales,
      ...(channel !== undefined ? { channel } : {}),
      addresses: new Set<string>(),
    };
    for (const a of missing) batch.addresses.add(a);
    this.pendingSummaries.set(batchKey, batch);
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      queueMicrotask(() => this.flushSummaries());
    }
  }

  requestDetail(
    network: InferenceNetwork,
    scales: ResidualScales,
    address: string,
    order: ChannelOrder,
    count: number,
  ): void {
    const run = runKey(network, scales);
    this.ask('details', detailKey(run, address, order, count), network, scales, () =>
      this.api.detail(this.slot()!, network, address, { order, count }),
    );
  }

  /**
   * CAM of `classes` (node undefined) or Grad-CAM at `node`, whose progress shows each class's map as it
   * comes. Once the worker holds a Grad-CAM's inputs, later requests for the network go ahead of it (they
   * run between its turns in the worker) instead of waiting for the whole of it.
   */
  requestClassMaps(network: InferenceNetwork, scales: ResidualScales, classes: readonly number[], node?: string): void {
    const key = classMapKey(runKey(network, scales), classes, node);
    if (!node) {
      this.ask('classMaps', key, network, scales, () => this.api.classMaps(this.slot()!, network, classes));
      return;
    }
    this.ask('classMaps', key, network, scales, (release) => {
      const gradCamId = `grad-cam-${++gradCams}`;
      const generation = this.generation;
      this.gradCams.set(key, gradCamId);
      return this.api
        .classMaps(this.slot()!, network, classes, { node, gradCamId }, ({ done, total, map }) => {
          if (done === 0) release();
          const now = this.state.classMaps.get(key);
          if (generation !== this.generation || this.gradCams.get(key) !== gradCamId || now?.status !== 'loading')
            return;
          const maps = 'maps' in now ? now.maps : [];
          this.setIn('classMaps', key, { status: 'loading', done, total, maps: map ? [...maps, map] : maps });
        })
        .finally(() => {
          if (this.gradCams.get(key) === gradCamId) this.gradCams.delete(key);
        });
    });
  }

  /** Stops the Grad-CAM at `node` between its turns; the layer then offers it again. */
  cancelClassMaps(network: InferenceNetwork, scales: ResidualScales, classes: readonly number[], node: string): void {
    const key = classMapKey(runKey(network, scales), classes, node);
    const gradCamId = this.gradCams.get(key);
    this.asked.delete(key);
    this.parked.delete(key);
    const next = new Map(this.state.classMaps);
    next.delete(key);
    this.update({ classMaps: next });
    if (gradCamId) void this.api.cancelGradCam(gradCamId).catch(() => undefined);
  }

  /**
   * Asks the worker `call` once (an answer is kept under `key` in `field`). When the worker stops under
   * it, it waits ("loading") and is asked again once the network is back (retryWaiting).
   */
  private ask<F extends Asked>(
    field: F,
    key: string,
    network: InferenceNetwork,
    scales: ResidualScales,
    call: (release: () => void) => Promise<F extends 'details' ? NodeDetail : ClassMap[]>,
  ): void {
    if (this.state[field].has(key) && this.state[field].get(key)?.status !== 'error') return;
    const issue = () => {
      this.parked.delete(key);
      this.setIn(field, key, { status: 'loading' } as never);
      const generation = this.generation;
      this.enqueue(network, runKey(network, scales), scales, call).then(
        (value) =>
          generation === this.generation &&
          this.asked.get(key)?.ask === issue &&
          this.setIn(field, key, { status: 'done', value } as never),
        (error: unknown) => {
          // Cancelled (cancelClassMaps already forgot it), or asked again since.
          if (generation !== this.generation || this.asked.get(key)?.ask !== issue) return;
          if (waitsForWorker(error) && !this.weights.stopped?.()) this.parked.add(key);
          else {
            const message = this.weights.stopped?.() ?? messageOf(error);
            this.setIn(field, key, { status: 'error', message } as never);
          }
        },
      );
    };
    this.asked.set(key, { network, ask: issue });
    issue();
  }

  private flushSummaries(): void {
    this.flushScheduled = false;
    const batches = [...this.pendingSummaries.values()];
    this.pendingSummaries.clear();
    const generation = this.generation;
    for (const batch of batches) {
      const { network, scales, channel, addresses } = batch;
      const run = runKey(network, scales);
      const list = [...addresses];
      this.enqueue(network, run, scales, () =>
        this.api.summaries(this.slot()!, network, list, channel !== undefined ? { channel } : {}),
      ).then(
        (summaries) => {
          if (generation !== this.generation) return;
          const next = new Map(this.state.summaries);
          for (const s of summaries) next.set(summaryKey(run, s.address, channel), s);
          this.update({ summaries: next });
        },
        (error: unknown) => {
          // A worker that stopped after the run was done (the thumbnails were asked of it): nothing else
          // would ask again, since the run stays done. Any other failure: the run's own state carries it.
          if (generation !== this.generation || !waitsForWorker(error) || this.weights.stopped?.()) return;
          const key = `${run}|${channel ?? ''}`;
          const parked = this.parkedSummaries.get(key);
          if (parked) for (const a of addresses) parked.addresses.add(a);
          else this.parkedSummaries.set(key, batch);
        },
      );
    }
  }

  /**
   * Queues `task` for `network` after the worker holds run `key` (running it first when it holds another).
   * The run's result or failure is recorded in `runs`.
   */
  private enqueue<T>(
    network: InferenceNetwork,
    key: string,
    scales: ResidualScales,
    task: (release: () => void) => Promise<T>,
    skippable = false,
  ): Promise<T> {
    const generation = this.generation;
    const previous = this.chains.get(network) ?? Promise.resolve();
    /** The next request may start before this one ends (the task holds what it needs). */
    let release!: () => void;
    const released = new Promise<void>((resolve) => {
      release = resolve;
    });
    const attempt = async () => {
      if (generation !== this.generation) throw new Error('the photo changed');
      if (skippable && this.isStaleLab(network, key)) {
        this.forgetRun(key);
        throw new Error('superseded by a later scale');
      }
      const slot = this.slot();
      if (!slot) throw new Error('no photo is attached');
      if (this.current.get(network) !== key || this.state.runs.get(key)?.status !== 'done') {
        this.setRun(key, { status: 'loading' });
        try {
          const result = await this.api.lookInside(slot, network, scales, this.prefetch.get(key));
          if (generation !== this.generation) throw new Error('the photo changed');
          this.current.set(network, key);
          this.setRun(key, { status: 'done', value: result });
        } catch (error) {
          if (generation !== this.generation) throw error;
          this.current.delete(network);
          if (kindOf(error) === 'restarting') this.current.clear();
          const stopped = this.weights.stopped?.();
          if (kindOf(error) === 'no-photo') {
            // Attached again and retried by the caller.
          } else if (waitsForWorker(error) && !stopped) {
            this.waiting.set(key, { network, scales });
            this.setRun(key, { status: 'waiting-weights' });
          } else {
            this.setRun(key, { status: 'error', message: stopped ?? messageOf(error) });
          }
          throw error;
        }
      }
      try {
        return await task(release);
      } catch (error) {
        // A new worker holds no run: the next request runs again first.
        if (kindOf(error) === 'restarting') this.current.clear();
        throw error;
      }
    };
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        try {
          return await attempt();
        } catch (error) {
          // The worker let the photo go (it keeps a few) or was restarted: attach it again, once.
          if (kindOf(error) !== 'no-photo' || generation !== this.generation) throw error;
          await this.reattach();
          this.current.clear();
          return attempt();
        }
      });
    this.chains.set(network, Promise.race([next.catch(() => undefined), released]));
    return next;
  }

  /** A run with changed scales that a later slider position replaced before it started. */
  private isStaleLab(network: InferenceNetwork, key: string): boolean {
    const latest = this.latestLab.get(network);
    return latest !== undefined && latest !== key && key !== runKey(network);
  }

  private async reattach(): Promise<void> {
    const slot = this.slot();
    const record = slot ? await this.library.get(slot) : undefined;
    if (!slot || !record) throw new Error('the photo is no longer kept in this browser');
    await this.api.attachPhoto(slot, { kind: 'blob', blob: record.blob, name: record.name });
  }

  private retryWaiting(): void {
    if (this.state.photo.status !== 'ready') return;
    const stopped = this.weights.stopped?.();
    if (stopped) {
      // The session gave up: nothing will load any more. Say so where something waits.
      for (const key of this.waiting.keys()) this.setRun(key, { status: 'error', message: stopped });
      this.waiting.clear();
      for (const key of this.parked) {
        this.setIn(this.state.details.has(key) ? 'details' : 'classMaps', key, { status: 'error', message: stopped });
      }
      this.parked.clear();
      this.parkedSummaries.clear();
      return;
    }
    for (const [key, { network, scales }] of [...this.waiting]) {
      if (!this.weights.isLoaded(network)) continue;
      this.waiting.delete(key);
      this.setRun(key, { status: 'loading' });
      void this.enqueue(network, key, scales, async () => undefined).catch(() => undefined);
    }
    for (const key of [...this.parked]) {
      const asked = this.asked.get(key);
      if (asked && this.weights.isLoaded(asked.network)) asked.ask();
    }
    for (const [key, { network, scales, channel, addresses }] of [...this.parkedSummaries]) {
      if (!this.weights.isLoaded(network)) continue;
      this.parkedSummaries.delete(key);
      this.requestSummaries(network, scales, [...addresses], channel);
    }
  }
}
