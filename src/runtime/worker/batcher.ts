/**
 * Keeping the cores busy when many photos arrive at once (a dropped folder): photos are decoded and
 * preprocessed while earlier ones are inferred, and the inputs that piled up meanwhile go through the
 * network as one batch. A lone photo never waits for company: a batch starts as soon as the network is
 * free, with whatever is waiting (one photo, or up to `max`).
 */

interface Waiting<I, O> {
  input: I;
  resolve: (output: O) => void;
  reject: (error: unknown) => void;
}

/** Runs `run` on batches of the inputs added; one batch at a time, the next one with all that waited. */
export class MicroBatcher<I, O> {
  private waiting: Waiting<I, O>[] = [];
  private running = false;

  constructor(
    private readonly run: (inputs: I[]) => Promise<O[]>,
    private readonly max: number,
  ) {}

  add(input: I): Promise<O> {
    const result = new Promise<O>((resolve, reject) => this.waiting.push({ input, resolve, reject }));
    void this.drain();
    return result;
  }

  private async drain(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.waiting.length > 0) {
        const batch = this.waiting.splice(0, this.max);
        try {
          const outputs = await this.run(batch.map((w) => w.input));
          batch.forEach((w, i) => w.resolve(outputs[i]));
        } catch (error) {
          for (const w of batch) w.reject(error);
        }
      }
    } finally {
      this.running = false;
    }
  }
}

/** At most `limit` tasks at a time (photos being decoded: each holds a full-size image in memory). */
export class Limiter {
  private active = 0;
  private readonly queue: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((resolve) => this.queue.push(resolve));
    this.active++;
    try {
      return await task();
    } finally {
      this.active--;
      this.queue.shift()?.();
    }
  }
}

/** `run` on each input in turn (a runtime without batched inference), the outputs in order. */
export async function sequentially<I, O>(inputs: readonly I[], run: (input: I) => Promise<O>): Promise<O[]> {
  const outputs: O[] = [];
  for (const input of inputs) outputs.push(await run(input));
  return outputs;
}
