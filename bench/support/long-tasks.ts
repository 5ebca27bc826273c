/**
 * Long tasks (> 50 ms) on a page's main thread: the probe to install before the page loads, and the
 * gesture the explorer benchmarks replay while a reader zooms and pans a diagram (20 wheel steps in and
 * out, then 4 drags).
 */
import type { Page } from '@playwright/test';

/** An init script collecting the long tasks (start and duration, ms) into `window.__longTasks`. */
export const LONG_TASK_PROBE = `
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });`;

export interface LongTask {
  /** When it started, in the page's performance.now() time. */
  start: number;
  duration: number;
}

/** The long tasks collected so far, emptying the list. */
export async function takeLongTaskTimings(page: Page): Promise<LongTask[]> {
  return page.evaluate('window.__longTasks.splice(0)') as Promise<LongTask[]>;
}

/** The durations of the long tasks collected so far, emptying the list. */
export async function takeLongTasks(page: Page): Promise<number[]> {
  return (await takeLongTaskTimings(page)).map((t) => t.duration);
}

/** Zooms and pans the diagram's canvas as a reader would; returns the number of input events. */
export async function zoomAndPan(page: Page): Promise<number> {
  const area = await page.locator('.ie-diagram svg.ie-diagram-canvas').boundingBox();
  if (!area) throw new Error('the diagram has no bounding box');
  const [cx, cy] = [area.x + area.width / 2, area.y + area.height / 2];
  await page.mouse.move(cx, cy);
  let events = 0;
  for (let i = 0; i < 20; i++, events++) await page.mouse.wheel(0, i < 10 ? -120 : 120);
  for (let round = 0; round < 4; round++) {
    await page.mouse.move(cx, cy);
    await page.mouse.down();
    for (let i = 1; i <= 15; i++, events++)
      await page.mouse.move(cx + (round % 2 ? -1 : 1) * i * 12, cy + i * 25 * (round < 2 ? 1 : -1));
    await page.mouse.up();
  }
  return events;
}
