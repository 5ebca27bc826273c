import type { Page, Worker } from '@playwright/test';

/**
 * The page's own count of its inference workers: an init script wraps `Worker`, so each one the page
 * starts and each it terminates is counted where it happens. This is what the app does with its workers,
 * not when Chromium's DevTools report one gone: in CI, a worker that closed itself mid-inference and was
 * terminated by the page was still in Playwright's `page.workers()` 30 s later, its busy WebAssembly
 * threads not yet torn down (locally they go 2 s after the close, when Chromium forces them).
 */
export interface WorkerCensus {
  started: number;
  terminated: number;
}

interface Counted {
  inferenceWorkers: WorkerCensus;
}

/** Call before the page loads. */
export async function countInferenceWorkers(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const census = { started: 0, terminated: 0 };
    (window as unknown as Counted).inferenceWorkers = census;
    const Original = window.Worker;
    window.Worker = class extends Original {
      private readonly counted: boolean;
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        this.counted = String(url).includes('inference.worker');
        if (this.counted) census.started++;
      }
      terminate() {
        if (this.counted) census.terminated++;
        super.terminate();
      }
    };
  });
}

export const inferenceWorkerCensus = (page: Page): Promise<WorkerCensus> =>
  page.evaluate(() => ({ ...(window as unknown as Counted).inferenceWorkers }));

/** The inference workers Playwright lists, newest last (a terminated one may stay listed a while). */
export const listedInferenceWorkers = (page: Page): Worker[] =>
  page.workers().filter((w) => w.url().includes('inference.worker'));
