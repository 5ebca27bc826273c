/**
 * What the parts of InferenceService share (backend-keeper.ts, network-registry.ts, batching-classifier.ts):
 * the runtime, the weights cache, the one task queue (builds, backend switches and classifications share
 * one backend) and the pages' events.
 */
import type { WeightsCache } from '../loading/cache.ts';
import type { InferenceRuntime } from './inference-runtime.ts';
import type { WorkerEvent } from './protocol.ts';

export interface ServiceDependencies {
  runtime: InferenceRuntime;
  cache: WeightsCache | undefined;
  /** Runs `task` in the service's queue, after the work asked for before it. */
  serial<T>(task: () => Promise<T>): Promise<T>;
  /** Tells every subscribed page. */
  emit(event: WorkerEvent): void;
}

/** The pages' listeners: one that throws (a closed page) does not keep the others from hearing. */
export class WorkerEvents {
  private readonly listeners: ((event: WorkerEvent) => void)[] = [];

  subscribe(listener: (event: WorkerEvent) => void): void {
    this.listeners.push(listener);
  }

  emit(event: WorkerEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch {
        // A listener in a closed page must not break the worker.
      }
    }
  }
}

/** A performance.now() in milliseconds. */
export const now = () => performance.now();
