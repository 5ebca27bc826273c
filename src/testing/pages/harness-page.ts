/**
 * The harness page (harness.html, built only for e2e and the benchmarks: see vite.harness.config.ts)
 * driven from Playwright: open it, call a function of one of its modules (src/testing/harness/modules/).
 */
import type { Page } from '@playwright/test';

/** Opens the harness page of the build served at `base` ('' for the test's baseURL) and waits until it is ready. */
export async function openHarness(page: Page, base = ''): Promise<Page> {
  await page.goto(`${base}/harness.html`);
  await page.waitForSelector('body[data-harness-ready="true"]', { state: 'attached' });
  return page;
}

/** Calls `fn` of the harness module `module` in the page with `params` (structured-cloneable). */
export function callHarness<T>(page: Page, module: string, fn: string, ...params: unknown[]): Promise<T> {
  return page.evaluate(
    async ([name, functionName, list]) => {
      const loaded = (await window.harness.load(name as string)) as unknown as Record<
        string,
        (...a: unknown[]) => unknown
      >;
      return loaded[functionName as string](...(list as unknown[]));
    },
    [module, fn, params] as const,
  ) as Promise<T>;
}
