/**
 * A readers–writer gate for async work: `shared` tasks run together, a task run `alone` waits until none is
 * running and holds the others back until it ends. Written here because it is one small use (the Node
 * decoder's retry, decode.node.ts) and the well-kept async libraries offer mutexes and semaphores, not this.
 */
export class SharedOrAlone {
  private running = 0;
  private solo: Promise<unknown> | undefined;
  private drained: (() => void) | undefined;

  async shared<T>(task: () => Promise<T>): Promise<T> {
    while (this.solo) await this.solo.catch(() => undefined);
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      if (this.running === 0) this.drained?.();
    }
  }

  async alone<T>(task: () => Promise<T>): Promise<T> {
    while (this.solo) await this.solo.catch(() => undefined);
    const run = (async () => {
      if (this.running > 0) await new Promise<void>((resolve) => (this.drained = resolve));
      this.drained = undefined;
      return task();
    })();
    this.solo = run;
    try {
      return await run;
    } finally {
      if (this.solo === run) this.solo = undefined;
    }
  }
}
