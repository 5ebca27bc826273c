/**
 * Resident memory of the browser's renderer processes (where a page's workers and their WebAssembly
 * memory live), read from /proc through the process ids the DevTools protocol reports. Linux only:
 * elsewhere `rendererRss` resolves undefined and callers say so.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';

export async function rendererRss(browser: Browser): Promise<number | undefined> {
  if (process.platform !== 'linux') return undefined;
  const session = await browser.newBrowserCDPSession();
  try {
    const { processInfo } = (await session.send('SystemInfo.getProcessInfo')) as {
      processInfo: { type: string; id: number }[];
    };
    let total = 0;
    for (const { type, id } of processInfo) {
      if (type !== 'renderer') continue;
      const status = readFileSync(`/proc/${id}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
    }
    return total;
  } finally {
    await session.detach().catch(() => undefined);
  }
}
