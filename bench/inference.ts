/**
 * Prints the inference figures of the classify page's worker in headless Chromium (print, don't assert),
 * per backend and network, against the targets:
 * - cold start: weights read (download from a local server, or Cache Storage on a later visit), parsed
 *   and checked, uploaded to the backend, and the first inference;
 * - warm per-image latency, median of ≥ 9, with the browser's CPU time / wall time over those runs (≈ the
 *   number of threads really busy; from /proc on Linux);
 * - throughput for 20 photos dropped at once on the classify page itself (its queue sends them to the
 *   worker a few at a time, which decodes ahead and batches them), against the single-photo rate;
 * - parse + upload of the 224 MB Inception-ResNet-v2 weights (target ≤ 3 s);
 * - peak memory of the worker during loading, sampled through the DevTools protocol on the worker
 *   target: V8 heap + ArrayBuffer backing stores (target ≤ 2× the weights file).
 * Recipe weights (fixtures/timm/recipe.md) stand in for the pretrained files: same names, shapes, sizes.
 *
 * Usage: npm run bench [-- --backends wasm,wasm-1t,cpu --networks inception-v4 --runs 9]
 *        npm run bench -- --cold-only 5   (cold starts alone: one download, then 5 visits from the cache, median)
 * Default backends: the one "auto" picks plus WASM (threaded: the build is cross-origin isolated),
 * `wasm-1t` (WASM on a page served without COOP/COEP, so single-threaded: today's path on hosts that
 * cannot send the headers) and CPU; software GPUs (SwiftShader) are listed with the reason they are
 * skipped, and run only when named.
 */
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Browser, BrowserContext } from '@playwright/test';
import { recipeWeights } from '../src/testing/recipe-weights.ts';
import { WeightsServer } from '../src/testing/weights-server.ts';
import { withProductionBrowser } from './support/production-browser.ts';
import type { BackendReport, LoadedInfo } from '../src/runtime/worker/protocol.ts';
import type { ClassifyTimings } from '../src/testing/harness/modules/inference.ts';
import { WorkerMemory } from './inference-worker-memory.ts';
import { queuedOnPage } from './support/classify-queue.ts';
import { cpuPerWall } from './support/process-cpu.ts';
import { callHarness, openHarness } from '../src/testing/pages/harness-page.ts';
import { median } from './support/statistics.ts';
import { englishFailure } from '../src/runtime/failure-words.ts';

type Network = 'inception-v4' | 'inception-resnet-v2';
const REPOS: Record<Network, string> = {
  'inception-v4': 'timm/inception_v4.tf_in1k',
  'inception-resnet-v2': 'timm/inception_resnet_v2.tf_in1k',
};

const { values: args } = parseArgs({
  options: {
    backends: { type: 'string' },
    networks: { type: 'string', default: 'inception-v4,inception-resnet-v2' },
    runs: { type: 'string', default: '9' },
    queued: { type: 'string', default: '20' },
    photo: { type: 'string', default: 'fixtures/preprocess/photo-444.jpg' },
    /** Only the cold starts: after one download, this many visits from the cache (no warm runs, no queue). */
    'cold-only': { type: 'string' },
  },
});
const runs = Math.max(5, Number(args.runs));
const queued = Math.max(2, Number(args.queued));
const networks = args.networks!.split(',') as Network[];
const photoBytes = readFileSync(args.photo!);
const photo = photoBytes.toString('base64');

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mb = (bytes: number) => `${(bytes / 1e6).toFixed(0)} MB`;

/** `wasm-1t` is WASM on the build served without COOP/COEP, as from a host that cannot set them. */
const tfBackend = (backend: string) => (backend === 'wasm-1t' ? 'wasm' : backend);

/** Photos per second queued and one at a time, per backend and network, for the summary. */
const throughput = new Map<string, { rate: number; single: number }>();

interface Visit {
  info: LoadedInfo;
  peakBytes: number;
  baselineBytes: number;
  firstMs: number;
  /** Wall-clock from asking for the weights to the first photo's result, as the page waits for them. */
  wallMs: number;
}

/** One visit: a fresh worker on `backend` loads `network` (download or cache) and classifies once. */
async function visit(
  browser: Browser,
  context: BrowserContext,
  base: string,
  backend: string,
  network: Network,
  source: 'download' | 'cache',
  weightsBase: string,
): Promise<Visit | string> {
  const page = await openHarness(await context.newPage(), base);
  try {
    const report = await callHarness<BackendReport>(page, 'inference', 'start', tfBackend(backend));
    if (report.active !== tfBackend(backend)) {
      const why = report.skipped.find((k) => k.backend === backend)?.reason ?? `"${report.active}" started instead`;
      return `${backend} unavailable: ${why}`;
    }
    const memory = await WorkerMemory.attach(browser, page, 'inference');
    const baselineBytes = await memory.sample();
    memory.startSampling(20);
    const started = performance.now();
    const info = await callHarness<LoadedInfo>(page, 'inference', 'load', network, source, weightsBase);
    const peakBytes = await memory.stopSampling();
    const first = await callHarness<ClassifyTimings>(page, 'inference', 'classify', photo, 'photo.jpg', [network]);
    const wallMs = performance.now() - started;
    await memory.detach();
    return { info, peakBytes, baselineBytes, firstMs: first.results[0].inferenceMs, wallMs };
  } finally {
    await callHarness(page, 'inference', 'stop').catch(() => undefined);
    await page.close();
  }
}

/** The cold start as the sum of its steps (the check of a cached copy runs beside them) and as waited for. */
function coldStart(v: Visit): string {
  const t = v.info.timings;
  const sum = t.readMs + t.validateMs + t.buildMs + (t.warmUpMs ?? 0) + v.firstMs;
  return `cold start ${s(sum)} (wall ${s(v.wallMs)})`;
}

/** `--cold-only N`: N more visits from the cache, each printed, then the medians. */
async function coldStarts(
  browser: Browser,
  context: BrowserContext,
  base: string,
  backend: string,
  network: Network,
  weightsBase: string,
  first: Visit,
): Promise<void> {
  const visits = [first];
  for (let i = 1; i < Math.max(1, Number(args['cold-only'])); i++) {
    const v = await visit(browser, context, base, backend, network, 'cache', weightsBase);
    if (typeof v === 'string') return console.log(`  ${network}: ${v}`);
    visits.push(v);
  }
  for (const v of visits) {
    const t = v.info.timings;
    console.log(
      `  ${network}, cache: ${coldStart(v)} = read ${s(t.readMs)} + parse/check ${s(t.validateMs)} + upload ` +
        `${s(t.buildMs)} + warm-up ${s(t.warmUpMs ?? 0)} + first inference ${s(v.firstMs)}`,
    );
  }
  console.log(
    `  ${network}, cold start from the cache, median of ${visits.length}: ${s(median(visits.map((v) => v.wallMs)))} ` +
      `wall (target ≤ 1.5 s)`,
  );
}

async function benchNetwork(
  browser: Browser,
  base: string,
  backend: string,
  network: Network,
  weightsBase: string,
  file: string,
) {
  const fileBytes = statSync(file).size;
  const context = await browser.newContext();
  try {
    const first = await visit(browser, context, base, backend, network, 'download', weightsBase);
    if (typeof first === 'string') return console.log(`  ${network}: ${first}`);
    const again = await visit(browser, context, base, backend, network, 'cache', weightsBase);
    if (typeof again === 'string') return console.log(`  ${network}: ${again}`);
    if (args['cold-only']) return await coldStarts(browser, context, base, backend, network, weightsBase, again);

    // Warm latency on a worker that has classified once already.
    const page = await openHarness(await context.newPage(), base);
    const report = await callHarness<BackendReport>(page, 'inference', 'start', tfBackend(backend));
    await callHarness(page, 'inference', 'load', network, 'cache', weightsBase);
    await callHarness(page, 'inference', 'classify', photo, 'photo.jpg', [network]);
    const warm: number[] = [];
    const whole: number[] = [];
    const { ratio } = await cpuPerWall(async () => {
      for (let i = 0; i < runs; i++) {
        const timings = await callHarness<ClassifyTimings>(page, 'inference', 'classify', photo, 'photo.jpg', [
          network,
        ]);
        warm.push(timings.results[0].inferenceMs);
        whole.push(timings.decodeMs + timings.results[0].preprocessMs + timings.results[0].inferenceMs);
      }
    });
    await callHarness(page, 'inference', 'stop');
    await page.close();
    // The CPU backend takes ~13 s a photo: a queue of 20 would only measure patience.
    const queue =
      backend === 'cpu'
        ? undefined
        : await queuedOnPage(context, base, tfBackend(backend), network, file, photoBytes, queued);

    for (const [label, v] of [
      ['first visit (download)', first],
      ['later visit (cache)', again],
    ] as const) {
      const t = v.info.timings;
      console.log(
        `  ${network}, ${label}: ${coldStart(v)} = read ${s(t.readMs)} + parse/check ${s(t.validateMs)} ` +
          `+ upload ${s(t.buildMs)} + warm-up ${s(t.warmUpMs ?? 0)} + first inference ${s(v.firstMs)}${t.storeMs ? ` (+ caching ${s(t.storeMs)})` : ''}; ` +
          `parse + upload ${s(t.validateMs + t.buildMs)}${network === 'inception-resnet-v2' ? ' (target ≤ 3 s)' : ''}; ` +
          `peak worker memory ${mb(v.peakBytes)} (${mb(v.peakBytes - v.baselineBytes)} above start) = ` +
          `${((v.peakBytes - v.baselineBytes) / fileBytes).toFixed(2)}× the ${mb(fileBytes)} file (target ≤ 2×)`,
      );
    }
    const cpu =
      ratio === undefined ? 'CPU time not measurable here (no /proc)' : `browser CPU/wall ${ratio.toFixed(2)}`;
    console.log(
      `  ${network}, warm [${report.detail ?? ''}]: inference median ${s(median(warm))} of ${runs} ` +
        `(min ${s(Math.min(...warm))}, max ${s(Math.max(...warm))}), ${cpu}; ` +
        `whole photo (decode + preprocess + inference) median ${s(median(whole))}`,
    );
    if (!queue) return;
    const rate = queued / (queue.ms / 1000);
    const single = 1000 / median(whole);
    console.log(
      `  ${network}, ${queued} photos dropped at once on the classify page: ${rate.toFixed(2)} photos/s ` +
        `(${(rate / single).toFixed(2)}× this backend's single-photo rate of ${single.toFixed(2)}/s` +
        `${queue.ratio === undefined ? '' : `; browser CPU/wall ${queue.ratio.toFixed(2)}`})`,
    );
    throughput.set(`${backend} ${network}`, { rate, single });
  } finally {
    await context.close();
  }
}

const weights = new WeightsServer();
try {
  const files = Object.fromEntries(await Promise.all(networks.map(async (n) => [n, await recipeWeights(n)] as const)));
  await weights.start();
  for (const n of networks) weights.serve(REPOS[n], 'model.safetensors', { path: files[n] });
  await withProductionBrowser('inference', async ({ browser, base, baseWithoutIsolation }) => {
    const probe = await openHarness(await (await browser.newContext()).newPage(), base);
    const auto = await callHarness<BackendReport>(probe, 'inference', 'start', 'auto');
    await callHarness(probe, 'inference', 'stop');
    await probe.context().close();
    console.log(`Chromium ${browser.version()}, headless; "auto" picks ${auto.active} (${auto.detail ?? ''})`);
    for (const skipped of auto.skipped)
      console.log(`  ${skipped.backend} skipped by "auto": ${englishFailure(skipped.reason)}`);
    const backends = args.backends ? args.backends.split(',') : [...new Set([auto.active!, 'wasm', 'wasm-1t', 'cpu'])];
    for (const backend of backends) {
      console.log(`${backend}:`);
      for (const network of networks) {
        await benchNetwork(
          browser,
          backend === 'wasm-1t' ? baseWithoutIsolation : base,
          backend,
          network,
          weights.baseUrl,
          files[network],
        );
      }
    }
    for (const network of networks) {
      const threaded = throughput.get(`wasm ${network}`);
      const oneThread = throughput.get(`wasm-1t ${network}`);
      if (threaded && oneThread) {
        console.log(
          `${network}: ${queued} photos dropped on the page, threaded WASM ${threaded.rate.toFixed(2)}/s = ` +
            `${(threaded.rate / oneThread.single).toFixed(2)}× the one-thread single-photo rate (target ≥ 1.8×)`,
        );
      }
    }
  });
} finally {
  await weights.stop();
}
