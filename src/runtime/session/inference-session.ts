/**
 * The app's one inference session: the owner of the inference worker's life. It starts the worker
 * (when first needed: see app-inference-session.ts), knows when it is gone (an error event, a lost
 * liveness lock, no answer when starting, an inference far slower than measured — the watchdog), fails
 * the calls in flight with a message instead of leaving them pending, terminates the old worker, and
 * starts a new one with backoff, a bounded number of times. No React and no TensorFlow.js here: views
 * subscribe.
 *
 * Every call goes through `call(task)`, which takes the worker's API (any method of it, present or
 * future) so each one gets the same handling; the method called decides how it is timed (its row in
 * runtime/worker/calls.ts). A new worker has nothing loaded: `onRestart` tells the views so they can
 * load again (from the cache) what they had.
 */
import type { InferenceClient, WorkerCalls } from './client.ts';
import { callsThrough } from './client.ts';
import { InferenceFailure } from '../worker/errors.ts';
import { failureDetailOf, type FailureDetail, type WatchedTask } from '../failure-words.ts';
import { CALLS, type CallArgs, type CallName, type CallRow, type Watched } from '../worker/calls.ts';
import type { WorkerEvent } from '../worker/protocol.ts';
import { CALL_BUDGETS, type CallKind } from './call-budgets.ts';
import { LatencyWatchdog, type WatchdogOptions } from './watchdog.ts';

/** One started worker, as the session sees it. */
export interface WorkerHandle {
  readonly client: InferenceClient;
  /** Settles, with why, when the worker is known to be gone (crashed, closed, failed to load). */
  readonly gone: Promise<FailureDetail | string>;
  terminate(): void;
}

export type StartWorker = (generation: number) => WorkerHandle;

export type SessionPhase = 'starting' | 'ready' | 'restarting' | 'failed';

export interface SessionStatus {
  phase: SessionPhase;
  /** 1 for the first worker, one more for each restart. */
  generation: number;
  /** Why the last worker stopped, once one did (in 'failed': what to do, too), as data the views word. */
  failure?: FailureDetail;
}

export interface CallOptions {
  /** The work, as the watchdog's message names it, over the call's own label (e.g. "evaluating cat.jpg"). */
  task?: WatchedTask;
}

export interface SessionOptions {
  /** Restarts allowed within `failureWindowMs` before giving up (default 3). */
  maxRestarts?: number;
  /** Wait before the n-th restart in the window: backoffMs · 2^(n−1) (default 500 ms). */
  backoffMs?: number;
  failureWindowMs?: number;
  /** A starting worker must answer within this (default 60 s: its chunk may arrive slowly). */
  startTimeoutMs?: number;
  /** For every kind of call, over CALL_BUDGETS' own. */
  watchdog?: WatchdogOptions;
  /** Per kind of call, over `watchdog`. */
  watchdogs?: Partial<Record<CallKind, WatchdogOptions>>;
}

interface Live {
  handle: WorkerHandle;
  generation: number;
  /** Rejecters of the calls in flight on this worker. */
  calls: Set<(failure: InferenceFailure) => void>;
}

const seconds = (ms: number) => (ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`);

export class InferenceSession {
  /** One per kind of call (CALL_BUDGETS). */
  readonly watchdogs: Readonly<Record<CallKind, LatencyWatchdog>>;
  /** The inferences' watchdog. */
  readonly watchdog: LatencyWatchdog;
  private live: Live | undefined;
  private current: SessionStatus = { phase: 'starting', generation: 0 };
  private readonly waiters: { resolve: (live: Live) => void; reject: (failure: InferenceFailure) => void }[] = [];
  private readonly failures: number[] = [];
  private readonly statusListeners = new Set<(status: SessionStatus) => void>();
  private readonly eventListeners = new Set<(event: WorkerEvent) => void>();
  private readonly restartListeners = new Set<(status: SessionStatus) => void>();
  private readonly options: Required<Omit<SessionOptions, 'watchdog' | 'watchdogs'>>;
  private restartTimer: ReturnType<typeof setTimeout> | undefined;
  private closed = false;

  constructor(
    private readonly startWorker: StartWorker,
    options: SessionOptions = {},
  ) {
    this.options = {
      maxRestarts: options.maxRestarts ?? 3,
      backoffMs: options.backoffMs ?? 500,
      failureWindowMs: options.failureWindowMs ?? 300_000,
      startTimeoutMs: options.startTimeoutMs ?? 60_000,
    };
    const budget = (kind: CallKind) =>
      new LatencyWatchdog({ ...CALL_BUDGETS[kind].watchdog, ...options.watchdog, ...options.watchdogs?.[kind] });
    const kinds = Object.keys(CALL_BUDGETS) as CallKind[];
    this.watchdogs = Object.fromEntries(kinds.map((kind) => [kind, budget(kind)])) as Record<CallKind, LatencyWatchdog>;
    this.watchdog = this.watchdogs.inference;
    this.launch(1);
  }

  status(): SessionStatus {
    return this.current;
  }

  onStatus(listener: (status: SessionStatus) => void): () => void {
    this.statusListeners.add(listener);
    return () => this.statusListeners.delete(listener);
  }

  /** The worker's events (backend changes, weights states), from whichever worker is current. */
  onWorkerEvent(listener: (event: WorkerEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => this.eventListeners.delete(listener);
  }

  /** Told when a new worker is ready after one stopped: it has nothing loaded. */
  onRestart(listener: (status: SessionStatus) => void): () => void {
    this.restartListeners.add(listener);
    return () => this.restartListeners.delete(listener);
  }

  /**
   * Runs `task` with the worker's API through the ready worker (waiting while one starts). Rejects with a
   * message when that worker stops before answering; a call its row times (runtime/worker/calls.ts) also
   * when it takes far longer than calls of its kind took so far (the worker is then restarted).
   */
  async call<T>(task: (calls: WorkerCalls) => Promise<T>, options: CallOptions = {}): Promise<T> {
    const live = await this.whenReady();
    return new Promise<T>((resolve, reject) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const settle = () => {
        clearTimeout(timer);
        return live.calls.delete(fail);
      };
      const fail = (failure: InferenceFailure) => {
        if (settle()) reject(failure);
      };
      live.calls.add(fail);
      let watched: (Watched & { watchdog: LatencyWatchdog; work: number }) | undefined;
      let started = performance.now();
      const arm = () => {
        if (!watched) return;
        clearTimeout(timer);
        const { watchdog, work, kind } = watched;
        const label = options.task ?? watched.task;
        const limit = watchdog.limit(work);
        const expected = watchdog.expected();
        timer = setTimeout(() => {
          const about = expected === undefined ? {} : { expected: seconds(expected * work) };
          const per = CALL_BUDGETS[kind].per;
          this.lost(live, {
            code: 'worker.hung',
            params: { task: label, limit: seconds(limit), ...(per ? { per } : {}), ...about },
          });
        }, limit);
      };
      /** Progress: the time since the last beat is one measurement (where `measured`), and the clock restarts. */
      const beat = (measured: boolean) => {
        if (!live.calls.has(fail)) return;
        if (measured) watched?.watchdog.record(performance.now() - started, watched.work);
        started = performance.now();
        arm();
      };
      /** A call of the task's: its row says how it is timed; its progress callbacks beat where the row says so. */
      const timed = <M extends CallName>(method: M, args: CallArgs<M>): CallArgs<M> => {
        const row = CALLS[method] as CallRow<M>;
        const spec = row.watched?.(...args);
        if (!spec) return args;
        watched = { ...spec, watchdog: this.watchdogs[spec.kind], work: spec.work ?? 1 };
        started = performance.now();
        arm();
        const measured = spec.beat as ((progress: unknown) => boolean) | undefined;
        if (!measured) return args;
        return args.map((arg: unknown) =>
          typeof arg === 'function'
            ? (progress: unknown) => {
                beat(measured(progress));
                return (arg as (progress: unknown) => unknown)(progress);
              }
            : arg,
        ) as CallArgs<M>;
      };
      let running: Promise<T>;
      try {
        running = task(watchedCalls(live.handle.client, timed));
      } catch (error) {
        running = Promise.reject(error);
      }
      running.then(
        (value) => {
          if (!settle()) return;
          watched?.watchdog.record(performance.now() - started, watched.work);
          resolve(value);
        },
        (error: unknown) => {
          if (settle()) reject(error);
        },
      );
    });
  }

  /** After giving up: starts over (a "try again" button). */
  retry(): void {
    if (this.current.phase !== 'failed' || this.closed) return;
    this.failures.length = 0;
    this.launch(this.current.generation + 1);
  }

  /** Stops the worker for good. */
  close(): void {
    this.closed = true;
    clearTimeout(this.restartTimer);
    const live = this.live;
    this.live = undefined;
    live?.handle.terminate();
    this.giveUp({ code: 'worker.closed', params: {} });
  }

  private whenReady(): Promise<Live> {
    if (this.current.phase === 'ready' && this.live) return Promise.resolve(this.live);
    if (this.current.phase === 'failed')
      return Promise.reject(
        new InferenceFailure('internal', this.current.failure ?? { code: 'worker.not-running', params: {} }),
      );
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  private launch(generation: number): void {
    const failure = this.current.failure;
    this.setStatus({
      phase: generation === 1 ? 'starting' : 'restarting',
      generation,
      ...(failure ? { failure } : {}),
    });
    let handle: WorkerHandle;
    try {
      handle = this.startWorker(generation);
    } catch (error) {
      this.afterFailure(generation, {
        code: 'worker.not-created',
        params: { detail: error instanceof Error ? error.message : String(error) },
      });
      return;
    }
    const live: Live = { handle, generation, calls: new Set() };
    this.live = live;
    void handle.gone.then((reason) =>
      this.lost(live, typeof reason === 'string' ? { code: 'error', params: { message: reason } } : reason),
    );
    const timer = setTimeout(
      () => this.lost(live, { code: 'worker.no-answer', params: { limit: seconds(this.options.startTimeoutMs) } }),
      this.options.startTimeoutMs,
    );
    // Subscribing is the handshake: the first answer proves the worker runs.
    handle.client
      .subscribe((event) => this.forward(live, event))
      .then(
        () => {
          clearTimeout(timer);
          if (this.live !== live) return;
          this.setStatus({ phase: 'ready', generation, ...(failure ? { failure } : {}) });
          for (const waiter of this.waiters.splice(0)) waiter.resolve(live);
          if (generation > 1) for (const listener of [...this.restartListeners]) listener(this.current);
        },
        (error: unknown) => {
          clearTimeout(timer);
          this.lost(live, failureDetailOf(error));
        },
      );
  }

  /** The worker `live` is gone or hung: fail its calls, end it, and start another (or give up). */
  private lost(live: Live, reason: FailureDetail): void {
    if (this.live !== live || this.closed) return;
    this.live = undefined;
    const failure = new InferenceFailure('restarting', { code: 'worker.stopped', params: { cause: reason } });
    for (const reject of [...live.calls]) reject(failure);
    live.handle.terminate();
    for (const watchdog of Object.values(this.watchdogs)) watchdog.reset();
    this.afterFailure(live.generation, reason);
  }

  private afterFailure(generation: number, reason: FailureDetail): void {
    const now = Date.now();
    this.failures.push(now);
    while (this.failures.length > 0 && now - this.failures[0] > this.options.failureWindowMs) this.failures.shift();
    if (this.failures.length > this.options.maxRestarts) {
      this.giveUp({ code: 'worker.keeps-stopping', params: { cause: reason } }, generation);
      return;
    }
    this.setStatus({ phase: 'restarting', generation, failure: reason });
    const delay = this.options.backoffMs * 2 ** (this.failures.length - 1);
    this.restartTimer = setTimeout(() => this.launch(generation + 1), delay);
  }

  private giveUp(detail: FailureDetail, generation = this.current.generation): void {
    this.setStatus({ phase: 'failed', generation, failure: detail });
    const failure = new InferenceFailure('internal', detail);
    for (const waiter of this.waiters.splice(0)) waiter.reject(failure);
  }

  private forward(live: Live, event: WorkerEvent): void {
    if (this.live !== live) return;
    if (event.kind === 'backend') for (const watchdog of Object.values(this.watchdogs)) watchdog.reset();
    for (const listener of [...this.eventListeners]) listener(event);
  }

  private setStatus(status: SessionStatus): void {
    this.current = status;
    for (const listener of [...this.statusListeners]) listener(status);
  }
}

/** The client's calls, each told to `timed` (which may wrap its arguments) before it is sent. */
function watchedCalls(
  client: WorkerCalls,
  timed: <M extends CallName>(method: M, args: CallArgs<M>) => CallArgs<M>,
): WorkerCalls {
  return callsThrough(
    (method, args) => (client[method] as (...sent: unknown[]) => Promise<never>)(...timed(method, args)),
    (options) => watchedCalls(client.with(options), timed),
  );
}
