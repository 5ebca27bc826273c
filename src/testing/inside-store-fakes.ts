/**
 * Test helpers (not shipped) for the look-inside store: the worker's inside API that records what it is
 * asked and can fail its next call, and the weights gate a test loads, restarts and gives up.
 */
import type { FailureDetail } from '../runtime/failure-words.ts';
import type {
  ClassMap,
  ClassMapOptions,
  GradCamProgress,
  InsideApi,
  LookInsideResult,
  NodeDetail,
  NodeSummary,
} from '../runtime/inside/protocol.ts';
import type { ChannelMaxima } from '../runtime/inside/top-examples.ts';
import type { ClassifiableNetwork } from '../runtime/worker/protocol.ts';
import type { WeightsGate } from '../views/inside/inside-state.ts';

/** A worker stand-in that records calls and answers from the scales it was last run at. */
export class RecordingInsideApi implements InsideApi {
  calls: string[] = [];
  last = new Map<string, string>();
  failNext: Error | undefined;

  async attachPhoto(slot: string) {
    this.calls.push(`attach ${slot}`);
    return { width: 640, height: 480 };
  }
  async lookInside(slot: string, network: ClassifiableNetwork, scales = {}, prefetch?: readonly string[]) {
    this.calls.push(
      `run ${network} ${JSON.stringify(scales)}${prefetch?.length ? ` prefetch ${prefetch.join(' ')}` : ''}`,
    );
    if (this.failNext) {
      const error = this.failNext;
      this.failNext = undefined;
      throw error;
    }
    this.last.set(network, JSON.stringify(scales));
    return {
      slot,
      network,
      scales,
      top: [],
      logits: new Float32Array(3),
      depth: [],
      inferenceMs: 5,
      backend: 'wasm',
    } as unknown as LookInsideResult;
  }
  failSummariesNext: Error | undefined;
  async summaries(_slot: string, network: ClassifiableNetwork, addresses: readonly string[]) {
    this.calls.push(`summaries ${network} ${addresses.join(' ')} @${this.last.get(network)}`);
    if (this.failSummariesNext) {
      const error = this.failSummariesNext;
      this.failSummariesNext = undefined;
      throw error;
    }
    return addresses.map(
      (address) =>
        ({
          address,
          shape: [2, 2, 1],
          stats: { mean: Number(this.last.get(network)?.length) },
        }) as unknown as NodeSummary,
    );
  }
  async detail(): Promise<NodeDetail> {
    throw new Error('not used');
  }
  failClassMapsNext: Error | undefined;
  /** With `holdGradCams`, each Grad-CAM waits here for the test to report its progress and settle it. */
  holdGradCams = false;
  held: {
    progress: (p: GradCamProgress) => void;
    resolve: (maps: ClassMap[]) => void;
    reject: (error: Error) => void;
  }[] = [];
  async classMaps(
    _slot: string,
    network: ClassifiableNetwork,
    classes: readonly number[],
    options: ClassMapOptions = {},
    onProgress?: (p: GradCamProgress) => void,
  ) {
    this.calls.push(`classMaps ${network} ${classes.join(',')} ${options.node ?? 'head'}`);
    if (this.holdGradCams && options.node) {
      return new Promise<ClassMap[]>((resolve, reject) =>
        this.held.push({ progress: (p) => onProgress?.(p), resolve, reject }),
      );
    }
    if (this.failClassMapsNext) {
      const error = this.failClassMapsNext;
      this.failClassMapsNext = undefined;
      throw error;
    }
    return [];
  }
  async cancelGradCam(gradCamId: string) {
    this.calls.push(`cancel ${gradCamId}`);
  }
  async channelMaxima(): Promise<ChannelMaxima[]> {
    throw new Error('not used');
  }
  async releasePhoto(slot: string) {
    this.calls.push(`release ${slot}`);
  }
}

/** The weights store as the inside store sees it: which networks are loaded, and whether the session gave up. */
export class FakeWeightsGate implements WeightsGate {
  loaded = new Set<ClassifiableNetwork>();
  gaveUp: FailureDetail | undefined;
  private listeners = new Set<() => void>();
  isLoaded = (n: ClassifiableNetwork) => this.loaded.has(n);
  stopped = () => this.gaveUp;
  /** The session restarted the worker: nothing is loaded in it until the classify store loads it again. */
  restart() {
    this.loaded.clear();
    for (const l of this.listeners) l();
  }
  giveUp(message: FailureDetail) {
    this.loaded.clear();
    this.gaveUp = message;
    for (const l of this.listeners) l();
  }
  subscribe(l: () => void) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  load(n: ClassifiableNetwork) {
    this.loaded.add(n);
    for (const l of this.listeners) l();
  }
}
