/**
 * A typed handle on one inference worker, derived from its API (WorkerApi, runtime/worker/protocol.ts)
 * and its table of calls (runtime/worker/calls.ts) rather than written method by method: each method
 * sends its call over Comlink with callbacks proxied and ImageBitmaps transferred, turns an AbortSignal
 * (`with({ signal })`) into the call's cancel message, and fails once the worker is terminated. The app
 * never holds one directly: the inference session (inference-session.ts) owns the worker's life and hands
 * its client to each `call`.
 */
import { proxy, releaseProxy, transfer, wrap, type Remote } from 'comlink';
import { installFailureTransfer, InferenceFailure } from '../worker/errors.ts';
import type { FailureDetail } from '../failure-words.ts';
import { CALLS, type CallArgs, type CallName, type CallResult, type Cancelling } from '../worker/calls.ts';
import type { WorkerApi } from '../worker/protocol.ts';
import { startInferenceWorker } from './start-worker.ts';

export interface CallOptions {
  /** Cancels the call when aborted, for the calls that can be (their row in CALLS says how). */
  signal?: AbortSignal;
}

/** The worker's API, each method a call to the worker; `with` gives the same calls under options. */
export type WorkerCalls = WorkerApi & { with(options: CallOptions): WorkerCalls };

export type InferenceClient = WorkerCalls & {
  /** Ends the worker; pending and later calls fail. */
  terminate(): void;
  /** Fails every pending and later call with `detail` (the worker is gone). */
  crash(detail: FailureDetail): void;
};

type Send = <M extends CallName>(method: M, args: CallArgs<M>) => Promise<CallResult<M>>;

/** An object with every method of the worker's API (the rows of CALLS), each one `send(method, args)`. */
export function callsThrough(send: Send, withOptions: (options: CallOptions) => WorkerCalls): WorkerCalls {
  const calls: Record<string, unknown> = { with: withOptions };
  for (const method of Object.keys(CALLS) as CallName[])
    calls[method] = (...args: CallArgs<typeof method>) => send(method, args);
  return calls as unknown as WorkerCalls;
}

/** `endpoint`: a Worker, or (in tests) one end of a MessageChannel. */
export function connectWorker(endpoint: Worker | MessagePort): InferenceClient {
  const connection = new Connection(endpoint);
  const derive = (options: CallOptions): WorkerCalls =>
    callsThrough(
      (method, args) => connection.send(method, args, options),
      (more) => derive({ ...options, ...more }),
    );
  return Object.assign(derive({}), {
    terminate: () => connection.terminate(),
    crash: (detail: FailureDetail) => connection.crash(detail),
  });
}

/**
 * A worker of its own, without the app's session (benchmarks and e2e harness pages): calls fail when it
 * reports an error. The app goes through `inferenceSession()` instead.
 */
export function startWorkerClient(): InferenceClient {
  const worker = startInferenceWorker('inference');
  const client = connectWorker(worker);
  worker.addEventListener('error', (event) =>
    client.crash({ code: 'worker.crashed', params: { detail: event.message } }),
  );
  return client;
}

/** What crosses to the worker: callbacks as Comlink proxies, a photo's ImageBitmap transferred. */
function outgoing(arg: unknown): unknown {
  if (typeof arg === 'function') return proxy(arg);
  if (typeof arg === 'object' && arg !== null && 'kind' in arg && arg.kind === 'bitmap' && 'bitmap' in arg)
    return transfer(arg, [arg.bitmap as ImageBitmap]);
  return arg;
}

class Connection {
  private readonly remote: Remote<WorkerApi>;
  private crashed: InferenceFailure | undefined;
  private terminated = false;
  private readonly crashListeners: ((failure: InferenceFailure) => void)[] = [];
  private nextId = 0;

  constructor(private readonly endpoint: Worker | MessagePort) {
    installFailureTransfer();
    this.remote = wrap<WorkerApi>(endpoint);
  }

  async send<M extends CallName>(method: M, args: CallArgs<M>, options: CallOptions): Promise<CallResult<M>> {
    const cancel = CALLS[method].cancel as Cancelling<M> | undefined;
    const signal = cancel && options.signal;
    if (!cancel || !signal) return this.guard(method, args);
    if (signal.aborted) throw new InferenceFailure('cancelled', cancel.aborted(...args));
    const id = `${method}-${++this.nextId}`;
    const onAbort = () => void this.remote[cancel.by](id);
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      return await this.guard(method, cancel.withId(args, id));
    } finally {
      signal.removeEventListener('abort', onAbort);
    }
  }

  terminate(): void {
    // Ended even after a crash: a worker that reported an error may still be running.
    if (this.terminated) return;
    this.terminated = true;
    this.remote[releaseProxy]();
    if ('terminate' in this.endpoint) this.endpoint.terminate();
    else this.endpoint.close();
    this.crash({ code: 'worker.terminated', params: {} });
  }

  crash(detail: FailureDetail): void {
    if (this.crashed) return;
    this.crashed = new InferenceFailure('internal', detail);
    for (const listener of [...this.crashListeners]) listener(this.crashed);
  }

  /** Sends the call; rejects when the worker crashes, instead of leaving the call pending forever. */
  private guard<M extends CallName>(method: M, args: CallArgs<M>): Promise<CallResult<M>> {
    if (this.crashed) return Promise.reject(this.crashed);
    const remote = this.remote[method] as unknown as (...sent: unknown[]) => Promise<CallResult<M>>;
    return new Promise<CallResult<M>>((resolve, reject) => {
      const onCrash = (failure: InferenceFailure) => reject(failure);
      this.crashListeners.push(onCrash);
      remote(...args.map(outgoing))
        .then(resolve, reject)
        .finally(() => {
          const index = this.crashListeners.indexOf(onCrash);
          if (index >= 0) this.crashListeners.splice(index, 1);
        });
    });
  }
}
