/**
 * The inference worker's calls, one row per method of its API (WorkerApi, protocol.ts): how the page's
 * session times each one (the watchdog kind, the work it is counted in, and how the watchdog's message
 * names it), how an AbortSignal cancels it, and what its answer transfers rather than copies. A method
 * without a row does not compile. Adding a call is: the interface method, its implementation in the
 * service, and its row here; the page's client (runtime/session/client.ts) and the worker's entry
 * (inference.worker.ts) are derived from the interface and this table.
 */
import type { FailureDetail, WatchedTask } from '../failure-words.ts';
import type { WorkerApi } from './protocol.ts';

export type CallName = keyof WorkerApi;
export type CallArgs<M extends CallName> = Parameters<WorkerApi[M]>;
export type CallResult<M extends CallName> = Awaited<ReturnType<WorkerApi[M]>>;

/**
 * What a call is timed against: each kind against what that kind took on the current backend (the
 * session's CALL_BUDGETS), so a Grad-CAM is never judged against summaries that took milliseconds.
 */
export type CallKind = 'inference' | 'summary' | 'grad-cam';

export interface Watched {
  kind: CallKind;
  /** The work, as the watchdog's message names it ("classifying cat.jpg"). */
  task: WatchedTask;
  /** Units of work (networks run, forward passes); the limit scales with them. Default 1. */
  work?: number;
  /**
   * Each progress report (the call's callback argument) is a beat: the clock restarts, and the time since
   * the last beat is one measurement when this says so. Without it the whole call is one measurement.
   */
  beat?: (progress: never) => boolean;
}

/** Calls that stop the work of another one by its id (each takes the id only). */
export type CancelName = 'cancel' | 'cancelPrediction' | 'cancelGradCam' | 'cancelVisualization';

export interface Cancelling<M extends CallName> {
  /** The call that stops it. */
  by: CancelName;
  /** The arguments with the id it runs under (made by the client). */
  withId: (args: CallArgs<M>, id: string) => CallArgs<M>;
  /** Why it fails at once when its signal was aborted before it was sent. */
  aborted: (...args: CallArgs<M>) => FailureDetail;
}

export interface CallRow<M extends CallName> {
  /** Timed by the session's watchdog (undefined: not timed, e.g. a load, whose progress the user sees). */
  watched?: (...args: CallArgs<M>) => Watched | undefined;
  /** An AbortSignal given with the call cancels it. */
  cancel?: Cancelling<M>;
  /** What the answer transfers to the page instead of copying (crops, typed arrays' buffers). */
  transfers?: (result: CallResult<M>) => Transferable[];
}

const cancelled = { code: 'worker.cancelled', params: {} } as const;
const untimed = {};

export const CALLS: { readonly [M in CallName]: CallRow<M> } = {
  alive: untimed,
  subscribe: untimed,
  backend: untimed,
  setBackend: untimed,
  weightsState: untimed,
  loadWeights: {
    cancel: {
      by: 'cancel',
      withId: ([network, request, onProgress], loadId) => [network, request, onProgress, loadId],
      aborted: () => cancelled,
    },
  },
  cancel: untimed,
  forgetWeights: untimed,
  loadTrained: untimed,
  exportOnnx: untimed,
  classify: {
    watched: (image, networks) => ({
      kind: 'inference',
      work: networks.length,
      task: { kind: 'classifying', file: image.name },
    }),
    transfers: (outcome) =>
      transferables(
        [],
        outcome.results.map((r) => r.crop),
      ),
  },
  predict: {
    watched: (image, request) => ({
      kind: 'inference',
      work: request.crops * request.networks.length,
      task: { kind: 'classifying', file: image.name, crops: request.crops },
    }),
    cancel: {
      by: 'cancelPrediction',
      withId: ([image, request, onProgress], predictId) => [image, { ...request, predictId }, onProgress],
      aborted: (image) => ({ code: 'worker.cancelled', params: { file: image.name } }),
    },
    transfers: (outcome) =>
      transferables(
        [],
        outcome.networks.map((r) => r.crop),
      ),
  },
  cancelPrediction: untimed,
  attachPhoto: untimed,
  lookInside: {
    watched: () => ({ kind: 'inference', task: { kind: 'looking-inside' } }),
    transfers: (result) => transferables([result.logits], [result.crop]),
  },
  summaries: {
    watched: () => ({ kind: 'summary', task: { kind: 'summarising' } }),
    transfers: (summaries) => transferables(summaries.flatMap(summaryArrays)),
  },
  detail: {
    watched: () => ({ kind: 'summary', task: { kind: 'layer-output' } }),
    transfers: (detail) =>
      transferables([
        ...summaryArrays(detail),
        detail.channels.mean,
        detail.channels.max,
        detail.channels.zeroFraction,
        ...detail.maps.map((m) => m.data),
      ]),
  },
  classMaps: {
    // A Grad-CAM is timed per class, from one class's map to the next (done 0 only says its inputs are held).
    watched: (_slot, _network, _classes, options) =>
      options?.node
        ? { kind: 'grad-cam', task: { kind: 'grad-cam' }, beat: (progress: { done: number }) => progress.done > 0 }
        : { kind: 'summary', task: { kind: 'class-maps' } },
    transfers: (maps) => transferables(maps.map((m) => m.map.data)),
  },
  cancelGradCam: untimed,
  channelMaxima: {
    watched: () => ({ kind: 'summary', task: { kind: 'channel-maxima' } }),
    transfers: (maxima) => transferables(maxima.flatMap((m) => [m.max, m.position])),
  },
  releasePhoto: untimed,
  partWays: {
    watched: () => ({ kind: 'inference', work: 2, task: { kind: 'comparing' } }),
  },
  visualizeChannel: {
    cancel: {
      by: 'cancelVisualization',
      withId: ([request, onProgress], visualizeId) => [{ ...request, visualizeId }, onProgress],
      aborted: () => ({ code: 'worker.visualisation-cancelled', params: {} }),
    },
    transfers: (result) => transferables([result.image.data]),
  },
  cancelVisualization: untimed,
};

function summaryArrays(s: { histogram: { counts: Uint32Array }; thumbnail?: { data: Float32Array } }) {
  return [s.histogram.counts, ...(s.thumbnail ? [s.thumbnail.data] : [])];
}

/** Each distinct buffer once (a transfer list must not repeat one), and the crops that are real bitmaps. */
function transferables(arrays: readonly ArrayBufferView[], bitmaps: readonly unknown[] = []): Transferable[] {
  const buffers = new Set<ArrayBuffer>();
  for (const a of arrays) if (a.buffer instanceof ArrayBuffer) buffers.add(a.buffer);
  const images = bitmaps.filter(
    (b): b is ImageBitmap => typeof ImageBitmap !== 'undefined' && b instanceof ImageBitmap,
  );
  return [...buffers, ...images];
}
