/**
 * "Where they part", kept outside React: per network, scales and pair of photos, the cosine similarity
 * of their outputs along depth, asked of the worker once both photos have run. The request joins the
 * chain of worker requests that both photos' inside stores share, so it never falls between a store's
 * run and the request that needs it; since it leaves both photos' runs at its scales, each store is then
 * told that the worker moved (its next request runs first, which costs nothing when nothing changed).
 */
import { failureDetailOf } from '../../runtime/failure-words.ts';
import type { PartingApi, PartingPoint } from '../../runtime/inside/parting-protocol.ts';
import type { ResidualScales } from '../../runtime/inside/protocol.ts';
import type { InferenceNetwork } from '../../runtime/worker/protocol.ts';
import type { Loadable } from './inside-store.ts';
import { runKey } from './inside-store.ts';

export type PartingState = ReadonlyMap<string, Loadable<PartingPoint[]>>;

export const partingKey = (network: InferenceNetwork, scales: ResidualScales, first: string, second: string) =>
  `${runKey(network, scales)}|${first}|${second}`;

const messageOf = failureDetailOf;

export class PartingStore {
  private state: PartingState = new Map();
  private readonly listeners = new Set<() => void>();
  /** The runs each answer belongs to: new runs (a photo attached again, a worker restarted) ask again. */
  private readonly runs = new Map<string, readonly unknown[]>();

  constructor(
    private readonly api: PartingApi,
    private readonly chains: Map<InferenceNetwork, Promise<unknown>>,
    private readonly moved: (network: InferenceNetwork) => void,
  ) {}

  getSnapshot = (): PartingState => this.state;

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /**
   * Asks for where the photos of worker slots `first` and `second` part, once per pair of `runs` (the two
   * photos' look-inside results: asked again when either is new) and again after a failure.
   */
  request(
    network: InferenceNetwork,
    scales: ResidualScales,
    first: string,
    second: string,
    runs: readonly unknown[],
  ): void {
    const key = partingKey(network, scales, first, second);
    const before = this.runs.get(key);
    const known = this.state.get(key);
    const same = before?.length === runs.length && before.every((r, i) => r === runs[i]);
    if (known && known.status !== 'error' && same) return;
    this.runs.set(key, runs);
    this.set(key, { status: 'loading' });
    const current = () => this.runs.get(key) === runs;
    const next = (this.chains.get(network) ?? Promise.resolve())
      .catch(() => undefined)
      .then(async () => {
        if (!current()) return;
        try {
          const points = await this.api.partWays(first, second, network, scales);
          if (current()) this.set(key, { status: 'done', value: points });
        } catch (error) {
          if (current()) this.set(key, { status: 'error', message: messageOf(error) });
        } finally {
          this.moved(network);
        }
      });
    this.chains.set(network, next);
  }

  private set(key: string, value: Loadable<PartingPoint[]>): void {
    const next = new Map(this.state);
    next.set(key, value);
    this.state = next;
    for (const listener of this.listeners) listener();
  }
}
