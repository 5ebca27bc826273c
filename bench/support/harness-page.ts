/** The production build's harness page (harness.html) driven from a benchmark: open it, call its modules. */
import type { BrowserContext, Page } from '@playwright/test';

/** Calls a function of the harness module "inference" (the real inference worker) in the page. */
export function harness<T>(page: Page, fn: string, ...params: unknown[]): Promise<T> {
  return page.evaluate(async ([name, list]) => {
    const module = (await window.harness.load('inference')) as unknown as Record<string, (...a: unknown[]) => unknown>;
    return module[name as string](...(list as unknown[]));
  }, [fn, params] as const) as Promise<T>;
}

export async function openHarness(context: BrowserContext, base: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${base}/harness.html`);
  await page.waitForSelector('body[data-harness-ready="true"]', { state: 'attached' });
  return page;
}

export const median = (xs: number[]) => {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};
