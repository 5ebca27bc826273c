/**
 * The explorer's inside state (see inside-store.ts): its shape, the keys its answers are kept under, and
 * the store's plumbing (a snapshot replaced on every change, and its listeners).
 */
import type { FailureDetail } from '../../runtime/failure-words.ts';
import type {
  ChannelOrder,
  ClassMap,
  LookInsideResult,
  NodeDetail,
  NodeSummary,
  ResidualScales,
} from '../../runtime/inside/protocol.ts';
import type { InferenceNetwork } from '../../runtime/worker/protocol.ts';
import { scalesKey } from '../../model/analysis/residual-groups.ts';

/** Tells whether a network's weights are loaded in the worker, and when that changes. */
export interface WeightsGate {
  isLoaded(network: InferenceNetwork): boolean;
  /** Why the worker will not be started again, once the session gave up; else undefined. */
  stopped?(): FailureDetail | undefined;
  subscribe(listener: () => void): () => void;
}

export type PhotoStatus =
  | { status: 'none' }
  | { status: 'loading'; slot: string }
  | { status: 'ready'; slot: string; name: string; width: number; height: number }
  /** `full`: the library holds its LIMIT photos, so older ones were dropped (else it never kept this one). */
  | { status: 'missing'; slot: string; full: boolean }
  | { status: 'error'; slot: string; message: FailureDetail };

export type Loadable<T> =
  { status: 'loading' } | { status: 'done'; value: T } | { status: 'error'; message: FailureDetail };

export type RunState = Loadable<LookInsideResult> | { status: 'waiting-weights' };

export interface InsideState {
  photo: PhotoStatus;
  /** Runs by `runKey(network, scales)`. */
  runs: ReadonlyMap<string, RunState>;
  summaries: ReadonlyMap<string, NodeSummary>;
  details: ReadonlyMap<string, Loadable<NodeDetail>>;
  classMaps: ReadonlyMap<string, ClassMapsState>;
}

/** Class maps, and a Grad-CAM under way: how many classes are done, with their maps so far. */
export type ClassMapsState =
  Loadable<ClassMap[]> | { status: 'loading'; done: number; total: number; maps: ClassMap[] };

export const runKey = (network: InferenceNetwork, scales: ResidualScales = {}) => `${network}|${scalesKey(scales)}`;
export const summaryKey = (run: string, address: string, channel?: number) => `${run}|${address}|${channel ?? ''}`;
export const detailKey = (run: string, address: string, order: ChannelOrder, count: number) =>
  `${run}|${address}|${order}|${count}`;
export const classMapKey = (run: string, classes: readonly number[], node?: string) =>
  `${run}|${classes.join(',')}|${node ?? 'head'}`;

/** The kind of a worker's failure (InferenceFailure's), if it has one. */
export const kindOf = (error: unknown) =>
  error instanceof Error && 'kind' in error ? (error as { kind: string }).kind : undefined;
/** The network is not in the worker (not loaded yet, or the worker was restarted): ask again once it is. */
export const waitsForWorker = (error: unknown) => kindOf(error) === 'not-loaded' || kindOf(error) === 'restarting';

/** The state, replaced on every change, and who listens to it (components, through useSyncExternalStore). */
export class InsideStateStore {
  protected state: InsideState = {
    photo: { status: 'none' },
    runs: new Map(),
    summaries: new Map(),
    details: new Map(),
    classMaps: new Map(),
  };
  private readonly listeners = new Set<() => void>();

  getSnapshot = (): InsideState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The attached photo's slot, once it is ready. */
  protected slot(): string | undefined {
    return this.state.photo.status === 'ready' ? this.state.photo.slot : undefined;
  }

  protected forgetRun(key: string): void {
    const next = new Map(this.state.runs);
    next.delete(key);
    this.update({ runs: next });
  }

  protected setRun(key: string, run: RunState): void {
    this.setIn('runs', key, run);
  }

  protected setIn<K extends 'runs' | 'details' | 'classMaps'>(
    field: K,
    key: string,
    value: InsideState[K] extends ReadonlyMap<string, infer V> ? V : never,
  ): void {
    const next = new Map(this.state[field] as ReadonlyMap<string, unknown>);
    next.set(key, value);
    this.update({ [field]: next } as Partial<InsideState>);
  }

  protected update(change: Partial<InsideState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of this.listeners) listener();
  }
}
