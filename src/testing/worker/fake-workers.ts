/**
 * Test helper (not shipped): "workers" for the inference session in Node — an InferenceService with a
 * small runtime behind a MessageChannel — that a test can crash (as an error event would), hang (as a
 * GPU kernel that never returns), or make fail to load.
 */
import { expose } from 'comlink';
import type { WeightsCache } from '../../runtime/loading/cache.ts';
import { connectWorker } from '../../runtime/session/client.ts';
import { installFailureTransfer } from '../../runtime/worker/errors.ts';
import { InferenceService } from '../../runtime/worker/service.ts';
import type { StartWorker, WorkerHandle } from '../../runtime/session/inference-session.ts';
import type { InferenceRuntime } from '../../runtime/worker/inference-runtime.ts';
import { SmallRuntime } from './small-runtime.ts';

export interface FakeWorker {
  generation: number;
  runtime: SmallRuntime;
  terminated: boolean;
  /** Makes the worker "gone" (as an error event or a released liveness lock tells the page). */
  crash(reason: string): void;
}

export interface FakeWorkers {
  start: StartWorker;
  started: FakeWorker[];
  /** Workers not yet terminated. */
  alive(): FakeWorker[];
}

export interface FakeWorkerOptions {
  /** How a new worker behaves: 'ok', 'fails to load' (gone at once), 'silent' (never answers). */
  behaviour?: (generation: number) => 'ok' | 'fails to load' | 'silent';
  /** Cache Storage the workers share (as a browser's workers do). */
  cache?: WeightsCache;
  /** Adjusts each new worker's runtime (its backends, say). */
  configure?: (runtime: SmallRuntime) => void;
}

/** Workers that never fail, each serving `runtime` (one for all: what it holds outlives a restart). */
export function workersServing(runtime: InferenceRuntime): StartWorker {
  installFailureTransfer();
  return () => {
    const channel = new MessageChannel();
    expose(new InferenceService(runtime, undefined), channel.port1);
    const client = connectWorker(channel.port2);
    return { client, gone: new Promise<string>(() => undefined), terminate: () => client.terminate() };
  };
}

export function fakeWorkers(options: FakeWorkerOptions = {}): FakeWorkers {
  installFailureTransfer();
  const started: FakeWorker[] = [];
  const start: StartWorker = (generation) => {
    const behaviour = options.behaviour?.(generation) ?? 'ok';
    const channel = new MessageChannel();
    const runtime = new SmallRuntime();
    options.configure?.(runtime);
    if (behaviour === 'ok') expose(new InferenceService(runtime, options.cache), channel.port1);
    let crash: (reason: string) => void = () => undefined;
    const gone = new Promise<string>((resolve) => (crash = resolve));
    const client = connectWorker(channel.port2);
    const fake: FakeWorker = { generation, runtime, terminated: false, crash };
    started.push(fake);
    if (behaviour === 'fails to load') queueMicrotask(() => crash('its script could not be loaded'));
    const handle: WorkerHandle = {
      client,
      gone,
      terminate: () => {
        fake.terminated = true;
        client.terminate();
        channel.port1.close();
      },
    };
    return handle;
  };
  return { start, started, alive: () => started.filter((w) => !w.terminated) };
}
