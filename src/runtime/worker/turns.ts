/**
 * What long work in the worker's queue shares (feature visualisation, Grad-CAM): it runs in turns with
 * other requests, and a cancel message, handled between turns, stops it.
 */

/** Work under way by id, each with the signal that `cancel(id)` aborts. */
export class Cancellations {
  private readonly running = new Map<string, AbortController>();

  async run<T>(id: string | undefined, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    if (id !== undefined) this.running.set(id, controller);
    try {
      return await work(controller.signal);
    } finally {
      if (id !== undefined && this.running.get(id) === controller) this.running.delete(id);
    }
  }

  cancel(id: string): void {
    this.running.get(id)?.abort();
  }
}

/**
 * Resolves after the messages already waiting are handled: turns that follow each other in microtasks
 * would never let a request or a cancel message reach the queue before the whole run is done. A message
 * to itself, not setTimeout, which browsers hold back 4 ms once nested (hundreds of Grad-CAM turns).
 */
export function nextMacrotask(): Promise<void> {
  if (typeof MessageChannel === 'undefined') return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const { port1, port2 } = new MessageChannel();
    port1.onmessage = () => {
      port1.close();
      port2.close();
      resolve();
    };
    port2.postMessage(undefined);
  });
}
