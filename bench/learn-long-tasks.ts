/**
 * Long tasks (> 50 ms) on the learning lab's main thread while it trains (print, don't assert; the
 * target is none): the production build in headless Chromium, /learn racing three small networks on the
 * generated set in its training worker (WebAssembly), the page's PerformanceObserver('longtask') recording
 * for --seconds of training, and on until --epochs epochs have ended (the end of an epoch brings the
 * held-out errors and the §3.3 monitor to the charts, and the race's snapshot from the worker into
 * IndexedDB). Long tasks of the worker are not the page's and are not counted.
 *
 * A Chromium trace taken over the same time gives each main-thread task's CPU time beside its wall
 * time: on a loaded machine a task of a few milliseconds of work can wait tens of milliseconds for a
 * core, and the longtask entry (wall time) cannot tell the two apart.
 *
 * Usage: npm run bench:learn-long-tasks [-- --seconds 60 --epochs 1 --query 'networks=…&train=100&batch=8']
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LONG_TASK_PROBE, takeLongTaskTimings } from './support/long-tasks.ts';
import { machineLine } from './support/machine.ts';
import { MAIN_THREAD_CATEGORIES, mainThreadTasks } from './support/main-thread-trace.ts';
import { withProductionBrowser } from './support/production-browser.ts';

const NETWORKS = ['inception-v4-s', 'inception-resnet-v2-s', 'inception-resnet-v2-s-no-shortcuts']
  .map((n) => `${n};width=0.125`)
  .join(',');
const { values: args } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    epochs: { type: 'string', default: '1' },
    'max-seconds': { type: 'string', default: '600' },
    query: { type: 'string', default: `networks=${NETWORKS}&train=100&test=100&epochs=100&batch=8&lr=0.01` },
  },
});
const seconds = Number(args.seconds);
if (!(seconds > 0)) throw new Error(`--seconds must be a number > 0, got ${args.seconds}`);
const epochs = Number(args.epochs);
if (!(Number.isInteger(epochs) && epochs >= 0)) {
  throw new Error(`--epochs must be a whole number ≥ 0, got ${args.epochs}`);
}
const maxMs = Number(args['max-seconds']) * 1000;

const ms = (t: number) => `${t.toFixed(0)} ms`;

await withProductionBrowser('learn-long-tasks', async ({ browser, base }) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await page.addInitScript(LONG_TASK_PROBE);
  await page.goto(`${base}/learn?${args.query}`);
  await page.getByRole('button', { name: 'Start', exact: true }).click();
  await page
    .locator('.learn-status')
    .filter({ hasText: /Training on/ })
    .waitFor({ timeout: 120_000 });
  const loading = await takeLongTaskTimings(page);
  const status = await page.locator('.learn-status').innerText();
  const folder = mkdtempSync(join(tmpdir(), 'bench-learn-trace-'));
  const trace = join(folder, 'trace.json');
  let tasks;
  let during;
  let rows: string[] = [];
  let measured = 0;
  try {
    await browser.startTracing(page, { path: trace, categories: MAIN_THREAD_CATEGORIES });
    const from = await page.evaluate(() => performance.now());
    // The epochs every network has completed ("2 of 100" in each row).
    const completed = async () =>
      Math.min(
        ...(await page
          .locator('tr[data-network]')
          .evaluateAll((trs) => trs.map((tr) => Number(/(\d+) of \d+/.exec((tr as HTMLElement).innerText)?.[1] ?? 0)))),
      );
    await page.waitForTimeout(seconds * 1000);
    const elapsed = async () => (await page.evaluate(() => performance.now())) - from;
    while ((await completed()) < epochs && (await elapsed()) < maxMs) {
      await page.waitForTimeout(2000);
    }
    measured = (await elapsed()) / 1000;
    // Taken before the trace stops: stopping it holds the page's thread.
    during = (await takeLongTaskTimings(page)).map((t) => ({ ...t, start: t.start - from }));
    rows = await page
      .locator('tr[data-network]')
      .evaluateAll((trs) => trs.map((tr) => (tr as HTMLElement).innerText.replace(/\s+/g, ' ').trim()));
    await browser.stopTracing();
    tasks = mainThreadTasks(trace);
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
  await page.close();

  console.log(`${machineLine()}; /learn?${args.query}`);
  console.log(
    `before training (loading, building): ${loading.length} long tasks` +
      `${loading.length ? `, longest ${ms(Math.max(...loading.map((t) => t.duration)))}` : ''}`,
  );
  console.log(`"${status.replace(/\s+/g, ' ')}", then ${measured.toFixed(0)} s of training:`);
  for (const row of rows) console.log(`  ${row}`);
  const durations = during.map((t) => t.duration);
  console.log(
    `long tasks on the main thread while training: ${during.length}` +
      (during.length
        ? `, longest ${ms(Math.max(...durations))}; at ${during
            .map((t) => `${(t.start / 1000).toFixed(1)} s (${ms(t.duration)})`)
            .join(', ')}`
        : '') +
      ' (target: none > 50 ms)',
  );
  const cpu = tasks.reduce((a, t) => a + t.cpuMs, 0);
  const busiest = tasks.reduce((a, t) => (t.cpuMs > a.cpuMs ? t : a), { ts: 0, wallMs: 0, cpuMs: 0 });
  const long = tasks.filter((t) => t.wallMs > 50);
  console.log(
    `main thread, traced: ${tasks.length} tasks, ${ms(cpu)} of CPU in all; the most CPU one task took: ` +
      `${busiest.cpuMs.toFixed(1)} ms (${ms(busiest.wallMs)} of wall time); tasks over 50 ms of CPU: ` +
      `${tasks.filter((t) => t.cpuMs > 50).length}; tasks over 50 ms of wall time: ${long.length}` +
      (long.length
        ? `, their CPU time ${long.map((t) => `${t.cpuMs.toFixed(1)} ms of ${ms(t.wallMs)}`).join(', ')}`
        : ''),
  );
});
