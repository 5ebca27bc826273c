/**
 * Memory of a page's dedicated worker, read through the DevTools protocol on the worker's own target
 * (Runtime.getHeapUsage): the V8 heap plus ArrayBuffer backing stores, where weights files live.
 * Playwright gives no CDP session for workers, so the browser session attaches to the worker target
 * (non-flat) and relays messages.
 */
import type { Browser, CDPSession, Page } from '@playwright/test';

interface HeapUsage {
  usedSize: number;
  backingStorageSize?: number;
}

export class WorkerMemory {
  private nextId = 0;
  private readonly pending = new Map<number, (message: { result?: unknown; error?: { message: string } }) => void>();
  private timer: ReturnType<typeof setInterval> | undefined;
  private peak = 0;
  private inFlight = false;

  private constructor(
    private readonly session: CDPSession,
    private readonly sessionId: string,
  ) {
    session.on('Target.receivedMessageFromTarget', (event) => {
      if (event.sessionId !== this.sessionId) return;
      const message = JSON.parse(event.message) as { id?: number; result?: unknown; error?: { message: string } };
      if (message.id !== undefined) this.pending.get(message.id)?.(message);
    });
  }

  /** Attaches to the page's worker whose URL contains `name` (waits for it to exist). */
  static async attach(browser: Browser, page: Page, name: string): Promise<WorkerMemory> {
    const session = await browser.newBrowserCDPSession();
    for (let tries = 0; tries < 100; tries++) {
      const { targetInfos } = await session.send('Target.getTargets');
      const worker = targetInfos.find(
        (t) => t.type === 'worker' && t.url.includes(name) && page.workers().some((w) => w.url() === t.url),
      );
      if (worker) {
        const { sessionId } = await session.send('Target.attachToTarget', {
          targetId: worker.targetId,
          flatten: false,
        });
        return new WorkerMemory(session, sessionId);
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`no worker whose URL contains "${name}"`);
  }

  /** V8 heap used + ArrayBuffer backing stores, in bytes. */
  async sample(): Promise<number> {
    const usage = await this.send<HeapUsage>('Runtime.getHeapUsage');
    const bytes = usage.usedSize + (usage.backingStorageSize ?? 0);
    this.peak = Math.max(this.peak, bytes);
    return bytes;
  }

  startSampling(intervalMs: number): void {
    this.peak = 0;
    this.timer = setInterval(() => {
      if (this.inFlight) return;
      this.inFlight = true;
      this.sample()
        .catch(() => undefined)
        .finally(() => (this.inFlight = false));
    }, intervalMs);
  }

  /** Stops sampling; returns the peak seen (including one last sample). */
  async stopSampling(): Promise<number> {
    clearInterval(this.timer);
    await this.sample();
    return this.peak;
  }

  /** Runs a full garbage collection in the worker (before a sample that should show only what is kept). */
  async collectGarbage(): Promise<void> {
    await this.send('HeapProfiler.collectGarbage');
  }

  /** Evaluates an expression in the worker's global scope and returns its value (JSON-serialisable). */
  async evaluate<T>(expression: string): Promise<T> {
    const { result, exceptionDetails } = await this.send<{
      result: { value?: T };
      exceptionDetails?: { text: string };
    }>('Runtime.evaluate', { expression, returnByValue: true, awaitPromise: true });
    if (exceptionDetails) throw new Error(`${expression}: ${exceptionDetails.text}`);
    return result.value as T;
  }

  async detach(): Promise<void> {
    clearInterval(this.timer);
    await this.session.detach().catch(() => undefined);
  }

  private send<T>(method: string, params: object = {}): Promise<T> {
    const id = ++this.nextId;
    return new Promise<T>((resolve, reject) => {
      this.pending.set(id, (message) => {
        this.pending.delete(id);
        if (message.error) reject(new Error(`${method}: ${message.error.message}`));
        else resolve(message.result as T);
      });
      // A worker that has gone (crashed, or terminated) rejects here: fail this sample, not the process.
      this.session
        .send('Target.sendMessageToTarget', {
          sessionId: this.sessionId,
          message: JSON.stringify({ id, method, params }),
        })
        .catch((error: Error) => {
          this.pending.delete(id);
          reject(new Error(`${method}: ${error.message}`));
        });
    });
  }
}
