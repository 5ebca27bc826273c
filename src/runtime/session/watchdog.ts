/**
 * How long an inference may take before its worker is presumed hung, sized from what inferences on the
 * current backend actually took: a generous limit until one was measured (the first WebGL inference
 * also compiles its shaders), then a multiple of the slowest recent one. A backend change starts over.
 */
export interface WatchdogOptions {
  /** The limit per unit of work before anything was measured (default 5 minutes). */
  initialMs?: number;
  /** The limit is this many times the slowest recent measurement (default 10)… */
  factor?: number;
  /** …but never less than this (default 30 s). */
  floorMs?: number;
  /** Measurements kept (default 8). */
  keep?: number;
}

export class LatencyWatchdog {
  private readonly recent: number[] = [];
  private readonly initialMs: number;
  private readonly factor: number;
  private readonly floorMs: number;
  private readonly keep: number;

  constructor(options: WatchdogOptions = {}) {
    this.initialMs = options.initialMs ?? 300_000;
    this.factor = options.factor ?? 10;
    this.floorMs = options.floorMs ?? 30_000;
    this.keep = options.keep ?? 8;
  }

  /** Milliseconds allowed for `work` units (e.g. networks run on one photo). */
  limit(work = 1): number {
    const slowest = this.expected();
    return Math.max(1, work) * (slowest === undefined ? this.initialMs : Math.max(this.floorMs, this.factor * slowest));
  }

  /** The slowest recent time per unit of work, if any was measured. */
  expected(): number | undefined {
    return this.recent.length > 0 ? Math.max(...this.recent) : undefined;
  }

  /** Records a finished call that did `work` units in `ms`. */
  record(ms: number, work = 1): void {
    this.recent.push(ms / Math.max(1, work));
    if (this.recent.length > this.keep) this.recent.shift();
  }

  /** Forgets the measurements (the backend changed). */
  reset(): void {
    this.recent.length = 0;
  }
}
