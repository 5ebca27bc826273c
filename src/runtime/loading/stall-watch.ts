/**
 * Abandons a download attempt that receives nothing for a while: a server that sends part of a file and
 * then holds the connection open, silent, would otherwise keep the download (and its progress bar) open
 * for ever. The attempt's fetch gets this watch's signal, which also follows the caller's.
 */
export class StallWatch {
  private readonly controller = new AbortController();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly follow = () => this.controller.abort(this.outer?.reason);
  /** Set once nothing arrived for `timeoutMs` (and the attempt was aborted for it). */
  stalled = false;
  /** Set by the attempt once the response (its headers) arrived. */
  responded = false;

  constructor(
    private readonly outer: AbortSignal | undefined,
    private readonly timeoutMs: number,
  ) {
    if (outer?.aborted) this.controller.abort(outer.reason);
    else outer?.addEventListener('abort', this.follow, { once: true });
    this.kick();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Something arrived: the wait starts again. */
  kick(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.stalled = true;
      this.controller.abort(new Error(`nothing received for ${this.timeoutMs} ms`));
    }, this.timeoutMs);
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.outer?.removeEventListener('abort', this.follow);
  }
}
