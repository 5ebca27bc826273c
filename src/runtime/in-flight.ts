/**
 * A bounded number of items in flight over a queue that may grow while it runs: up to `limit()` lanes,
 * each taking the next item and working on it, until there is none. The evaluation runs its images
 * through it (one inferred while the next decodes: evaluation/run.ts), and the classify page the photos
 * dropped on it (several at once, so that the worker decodes ahead and infers them in batches).
 */
export interface InFlightOptions<T> {
  /** Items in flight at most (at least 1); read as each lane goes on, so lowering it lets lanes end. */
  limit: () => number;
  /**
   * The next item, claimed (no other lane may be given it), or undefined when there is none now. It may
   * wait (for a gate to open) before choosing.
   */
  next: () => T | undefined | Promise<T | undefined>;
  /** Works on one item; a rejection stops every lane and `fill` rejects with it once they have ended. */
  work: (item: T) => Promise<void>;
}

export class InFlight<T> {
  private lanes = 0;
  /** Counts `fill` calls: a lane that found nothing looks again if items came meanwhile. */
  private fills = 0;
  private failure: { error: unknown } | undefined;
  private idle: { done: Promise<void>; resolve: () => void; reject: (error: unknown) => void } | undefined;

  constructor(private readonly options: InFlightOptions<T>) {}

  /**
   * Starts lanes up to the limit (call it whenever items may have been added); resolves when every lane
   * has ended (no item left), or rejects with the first failure of `work`.
   */
  fill(): Promise<void> {
    this.fills++;
    if (!this.idle) {
      this.failure = undefined;
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const done = new Promise<void>((res, rej) => {
        resolve = res;
        reject = rej;
      });
      this.idle = { done, resolve, reject };
    }
    const { done } = this.idle;
    while (this.lanes < this.limit()) {
      this.lanes++;
      void this.lane();
    }
    return done;
  }

  /** Items being worked on, or being chosen, now. */
  get running(): number {
    return this.lanes;
  }

  private limit(): number {
    return Math.max(1, Math.floor(this.options.limit()));
  }

  private async lane(): Promise<void> {
    try {
      while (!this.failure && this.lanes <= this.limit()) {
        const fills = this.fills;
        const item = await this.options.next();
        if (item === undefined) {
          if (fills === this.fills) return;
          continue;
        }
        await this.options.work(item);
      }
    } catch (error) {
      this.failure ??= { error };
    } finally {
      this.lanes--;
      if (this.lanes === 0) this.settle();
    }
  }

  private settle(): void {
    const idle = this.idle;
    this.idle = undefined;
    if (this.failure) idle?.reject(this.failure.error);
    else idle?.resolve();
  }
}
