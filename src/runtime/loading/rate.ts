/** Throughput over a sliding window, so the speed shown follows the network rather than the whole history. */
export class RateMeter {
  private readonly samples: { time: number; bytes: number }[] = [];
  private windowBytes = 0;

  constructor(private readonly windowMs = 2000) {}

  add(time: number, bytes: number): void {
    this.samples.push({ time, bytes });
    this.windowBytes += bytes;
    this.evict(time);
  }

  /** Bytes per second over the window ending at `now` (0 until two samples span some time). */
  rate(now: number): number {
    this.evict(now);
    const first = this.samples[0];
    if (!first) return 0;
    // The first sample's bytes arrived before its timestamp: count the span from it, not its bytes.
    const span = now - first.time;
    return span > 0 ? ((this.windowBytes - first.bytes) / span) * 1000 : 0;
  }

  private evict(now: number): void {
    while (this.samples.length > 1 && now - this.samples[0].time > this.windowMs) {
      this.windowBytes -= this.samples.shift()!.bytes;
    }
  }
}
