/**
 * Runs tasks one at a time (they share one TensorFlow.js backend), with two ways around a task that
 * will never finish — a kernel waiting on a GPU that is gone: a task can be put first, and the running
 * one can be abandoned (its caller gets the failure at once; its work goes on unobserved) so that
 * recovery does not queue behind the lost work.
 *
 * Hand-written: the usual promise queues (p-queue, p-limit) cannot fail a running task and move on.
 */
interface Entry {
  task: () => Promise<unknown>;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class TaskQueue {
  private readonly pending: Entry[] = [];
  private running: Entry | undefined;

  /** Queues `task` (first, with `first`), resolving or rejecting as it does. */
  run<T>(task: () => Promise<T>, options: { first?: boolean } = {}): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      const entry: Entry = { task, resolve: resolve as (value: unknown) => void, reject };
      if (options.first) this.pending.unshift(entry);
      else this.pending.push(entry);
      this.pump();
    });
  }

  /** Whether a task runs now. */
  get busy(): boolean {
    return this.running !== undefined;
  }

  /** Fails the running task with `failure` and starts the next; the abandoned work's outcome is ignored. */
  abandonRunning(failure: Error): boolean {
    const entry = this.running;
    if (!entry) return false;
    this.running = undefined;
    entry.reject(failure);
    this.pump();
    return true;
  }

  private pump(): void {
    if (this.running) return;
    const entry = this.pending.shift();
    if (!entry) return;
    this.running = entry;
    const settle = (outcome: () => void) => {
      if (this.running !== entry) return; // abandoned: its caller was already answered
      this.running = undefined;
      outcome();
      this.pump();
    };
    let started: Promise<unknown>;
    try {
      started = entry.task();
    } catch (error) {
      started = Promise.reject(error);
    }
    started.then(
      (value) => settle(() => entry.resolve(value)),
      (error: unknown) => settle(() => entry.reject(error)),
    );
  }
}
