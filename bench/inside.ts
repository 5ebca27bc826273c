/**
 * Prints the look-inside figures of the inference worker in headless Chromium on WebAssembly, against
 * the production build (print, don't assert):
 * - a photo's look inside (the run that classifies it and keeps every segment's input), then the
 *   summaries (thumbnail, statistics, histogram) of every box of an opened block view right after it
 *   (target ≤ 300 ms), median over several photos;
 * - a look inside with changed residual scales (re-runs from the first changed group);
 * - CAM of the top 5, Grad-CAM at several depths, and a top-5 Grad-CAM in turns with another view's boxes
 *   asked for meanwhile (how long they wait);
 * - tensors and memory of the worker after 1, 10, 25 and 50 photos looked into, each network, the first
 *   `--grad-cams` of them with a Grad-CAM too (target: no growth).
 * Recipe weights (fixtures/timm/recipe.md) stand in for the pretrained files: same tensors and sizes.
 *
 * Usage: npm run bench:inside [-- --networks inception-resnet-v2 --photos 5 --many 50 --grad-cams 10]
 * The soak alone (no timings): npm run bench:inside -- --soak --many 30 --grad-cams 10
 * "Look inside" right after a classification, before/after reusing it (inside-after-classify.ts):
 *   npm run bench:inside -- --after-classify [--photos 5]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import type { Page } from '@playwright/test';
import { recipeWeights } from '../src/testing/recipe-weights.ts';
import { WeightsServer } from '../src/testing/weights-server.ts';
import { layoutBlock, nodeOf } from '../src/layout/index.ts';
import { analyzeNetwork } from '../src/model/analysis/analyze.ts';
import { NETWORKS } from '../src/model/networks/index.ts';
import type { BackendReport } from '../src/runtime/worker/protocol.ts';
import { callHarness, openHarness } from '../src/testing/pages/harness-page.ts';
import { WorkerMemory } from './inference-worker-memory.ts';
import { withProductionBrowser } from './support/production-browser.ts';
import { classifyOnHarness } from './support/harness-classify.ts';
import { median } from './support/statistics.ts';
import { benchAfterClassify } from './inside-after-classify.ts';

type Network = 'inception-v4' | 'inception-resnet-v2';
const REPOS: Record<Network, string> = {
  'inception-v4': 'timm/inception_v4.tf_in1k',
  'inception-resnet-v2': 'timm/inception_resnet_v2.tf_in1k',
};
/** Block views to open after a look inside, and Grad-CAM nodes from the head downwards. */
const VIEWS: Record<Network, string[]> = {
  'inception-v4': ['inception-b', 'inception-a', 'reduction-a', 'stem'],
  'inception-resnet-v2': ['inception-resnet-b', 'inception-resnet-a', 'inception-resnet-c', 'stem'],
};
const GRAD_CAM: Record<Network, string[]> = {
  'inception-v4': ['inception-c', 'inception-b/6', 'inception-a/3'],
  'inception-resnet-v2': [
    'conv2d-7b-1x1',
    'inception-resnet-c/4',
    'inception-resnet-b/19',
    'inception-resnet-b/0',
    'inception-resnet-a/9',
  ],
};

/** Issue 18's slow Grad-CAMs: Inception-B 1/7, Inception-ResNet-B 1/20. */
const GRAD_CAM_TOP5: Record<Network, string> = {
  'inception-v4': 'inception-b/0',
  'inception-resnet-v2': 'inception-resnet-b/0',
};

const { values: args } = parseArgs({
  options: {
    networks: { type: 'string', default: 'inception-resnet-v2,inception-v4' },
    photos: { type: 'string', default: '5' },
    many: { type: 'string', default: '50' },
    'grad-cams': { type: 'string', default: '10' },
    soak: { type: 'boolean', default: false },
    'after-classify': { type: 'boolean', default: false },
  },
});
const networks = args.networks!.split(',') as Network[];
const photoCount = Math.max(3, Number(args.photos));
const many = Math.max(1, Number(args.many));
const gradCams = Math.max(0, Number(args['grad-cams']));
const photos = ['fixtures/preprocess/photo-444.jpg', 'fixtures/preprocess/photo-420.jpg'].map((p) => ({
  name: p.split('/').pop()!,
  data: readFileSync(p).toString('base64'),
}));

const ms = (t: number) => `${t.toFixed(0)} ms`;
const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MiB`;

interface Timed {
  ms: number;
}
interface LookInside extends Timed {
  inferenceMs: number;
  top: number[];
  depth: number;
}
interface Summaries extends Timed {
  count: number;
  thumbnails: number;
}
interface ClassMaps extends Timed {
  workerMs: number;
  backend: string;
  notice?: string;
  method: string;
}

/** Every node address a block view draws (its repetition 0, as the block layout does). */
function viewNodes(network: Network, view: string): string[] {
  const analysis = analyzeNetwork(NETWORKS[network].released!);
  return [...new Set(layoutBlock(analysis, view).boxes.map((b) => nodeOf(b.address)))].filter((a) =>
    analysis.byAddress.has(a),
  );
}

async function benchNetwork(page: Page, network: Network): Promise<void> {
  console.log(`${network}:`);
  const views = VIEWS[network].map((view) => ({ view, nodes: viewNodes(network, view) }));
  const looks: number[] = [];
  const classifications: number[] = [];
  const prefetched: number[] = [];
  const fromMemory: number[] = [];
  const perView = new Map<string, number[]>(views.map((v) => [v.view, []]));
  for (let i = 0; i < photoCount; i++) {
    const photo = photos[i % photos.length];
    const slot = `${network}-${i}`;
    classifications.push(await classifyOnHarness(page, photo, network));
    await callHarness<Timed>(page, 'inside', 'attach', slot, photo.data, photo.name);
    looks.push((await callHarness<LookInside>(page, 'inside', 'lookInside', slot, network)).ms);
    // Each view opened once per photo: its boxes' summaries are computed, not remembered.
    for (const { view, nodes } of views)
      perView.get(view)!.push((await callHarness<Summaries>(page, 'inside', 'summaries', slot, network, nodes)).ms);
    await callHarness(page, 'inside', 'release', slot);
    // The view being opened asked for with the look inside: its summaries come from the same run.
    await callHarness<Timed>(page, 'inside', 'attach', slot, photo.data, photo.name);
    prefetched.push(
      (await callHarness<LookInside>(page, 'inside', 'lookInside', slot, network, {}, views[0].nodes)).ms,
    );
    fromMemory.push((await callHarness<Summaries>(page, 'inside', 'summaries', slot, network, views[0].nodes)).ms);
    await callHarness(page, 'inside', 'release', slot);
  }
  console.log(
    `  look inside (classifies and keeps every segment's input): median ${ms(median(looks))} of ${photoCount} photos; ` +
      `a plain classification's inference: median ${ms(median(classifications))}`,
  );
  for (const { view, nodes } of views) {
    const times = perView.get(view)!;
    console.log(
      `  then every box of the ${view} block view (${nodes.length} boxes): median ${ms(median(times))}, max ${ms(Math.max(...times))} (target ≤ 300 ms)`,
    );
  }
  console.log(
    `  look inside with the ${views[0].view} view's boxes prefetched: median ${ms(median(prefetched))}; ` +
      `the view's summaries after it: median ${ms(median(fromMemory))} (target ≤ 300 ms)`,
  );

  const slot = `${network}-lab`;
  await callHarness(page, 'inside', 'attach', slot, photos[0].data, photos[0].name);
  const released = await callHarness<LookInside>(page, 'inside', 'lookInside', slot, network);
  if (network === 'inception-resnet-v2') {
    for (const scales of [
      { 'inception-resnet-c': 0 },
      { 'inception-resnet-b': 0 },
      { 'inception-resnet-a': 0.3, 'inception-resnet-b': 0 },
    ]) {
      const changed = await callHarness<LookInside>(page, 'inside', 'lookInside', slot, network, scales);
      const view = await callHarness<Summaries>(page, 'inside', 'summaries', slot, network, views[0].nodes);
      console.log(
        `  residual scales ${JSON.stringify(scales)}: look inside ${ms(changed.ms)}, then the ${views[0].view} view ${ms(view.ms)}`,
      );
    }
    await callHarness(page, 'inside', 'lookInside', slot, network);
  }
  const detail = await callHarness<Timed>(page, 'inside', 'detail', slot, network, views[0].nodes[0]);
  console.log(`  inspector detail of ${views[0].nodes[0]} (32 channel maps): ${ms(detail.ms)}`);
  const cam = await callHarness<ClassMaps>(page, 'inside', 'classMaps', slot, network, released.top.slice(0, 5));
  console.log(`  CAM of the top 5: ${ms(cam.ms)} (${ms(cam.workerMs)} in the worker)`);
  for (const node of GRAD_CAM[network]) {
    const grad = await callHarness<ClassMaps>(
      page,
      'inside',
      'classMaps',
      slot,
      network,
      released.top.slice(0, 1),
      node,
    );
    console.log(
      `  Grad-CAM at ${node}, one class: ${ms(grad.ms)} on ${grad.backend}${grad.notice ? ` (${grad.notice})` : ''}`,
    );
  }
  // The inspector's top-5 Grad-CAM at issue 18's node, with another block view's boxes asked for meanwhile.
  const other = viewNodes(network, VIEWS[network][1]);
  const turns = await callHarness<{ ms: number; summariesMs: number }>(
    page,
    'inside',
    'gradCamInTurns',
    slot,
    network,
    released.top.slice(0, 5),
    GRAD_CAM_TOP5[network],
    other,
  );
  console.log(
    `  Grad-CAM of the top 5 at ${GRAD_CAM_TOP5[network]}: ${ms(turns.ms)}; the ${VIEWS[network][1]} view's ` +
      `${other.length} boxes asked for once it started: answered in ${ms(turns.summariesMs)}`,
  );
  await callHarness(page, 'inside', 'release', slot);
}

/** Tensors and memory of the worker while `many` photos are looked into, one after another. */
async function benchMemory(page: Page, memory: WorkerMemory, network: Network): Promise<void> {
  const nodes = viewNodes(network, VIEWS[network][0]);
  const state = async () => {
    const engine = await memory.evaluate<{ numTensors: number; numBytes: number; wasm?: number }>(
      '(() => { const e = self._tfengine; const m = e.memory(); const heap = e.backendInstance?.wasm?.HEAPU8; return { numTensors: m.numTensors, numBytes: m.numBytes, wasm: heap ? heap.buffer.byteLength : undefined }; })()',
    );
    await memory.collectGarbage();
    return { ...engine, heap: await memory.sample() };
  };
  const marks = new Set([1, 10, 25, many].filter((m) => m <= many));
  const rows: string[] = [];
  for (let i = 1; i <= many; i++) {
    const photo = photos[i % photos.length];
    await callHarness(page, 'inside', 'attach', `many-${i}`, photo.data, photo.name);
    const look = await callHarness<LookInside>(page, 'inside', 'lookInside', `many-${i}`, network);
    await callHarness(page, 'inside', 'summaries', `many-${i}`, network, nodes);
    await callHarness(page, 'inside', 'classMaps', `many-${i}`, network, look.top.slice(0, 5));
    const gradNode = GRAD_CAM[network][i % GRAD_CAM[network].length];
    if (i <= gradCams)
      await callHarness(page, 'inside', 'classMaps', `many-${i}`, network, look.top.slice(0, 1), gradNode);
    if (marks.has(i)) {
      const s = await state();
      rows.push(
        `    after ${String(i).padStart(2)} photos: ${s.numTensors} tensors, ${mb(s.numBytes)} in tensors, ` +
          `${s.wasm !== undefined ? `WASM memory ${mb(s.wasm)}, ` : ''}worker heap + ArrayBuffers after a full GC ${mb(s.heap)}`,
      );
    }
  }
  console.log(
    `  ${network}: ${many} photos looked into (each: attach, look inside, a block view, CAM of the top 5; ` +
      `the first ${Math.min(gradCams, many)} also a Grad-CAM; the worker keeps the last photos and caches):`,
  );
  for (const row of rows) console.log(row);
  for (let i = 1; i <= many; i++) await callHarness(page, 'inside', 'release', `many-${i}`);
  const after = await state();
  console.log(`    all released: ${after.numTensors} tensors, ${mb(after.numBytes)} in tensors`);
}

const weights = new WeightsServer();
try {
  const files = Object.fromEntries(await Promise.all(networks.map(async (n) => [n, await recipeWeights(n)] as const)));
  await weights.start();
  for (const n of networks) weights.serve(REPOS[n], 'model.safetensors', { path: files[n] });
  await withProductionBrowser('inside', async ({ browser, base }) => {
    const page = await openHarness(await (await browser.newContext()).newPage(), base);
    const report = await callHarness<BackendReport>(page, 'inference', 'start', 'wasm');
    console.log(`Chromium ${browser.version()}, headless, ${report.active} (${report.detail ?? ''})`);
    for (const network of networks) await callHarness(page, 'inference', 'load', network, 'download', weights.baseUrl);
    const memory = await WorkerMemory.attach(browser, page, 'inference');
    if (args['after-classify']) {
      for (const network of networks) {
        console.log(`${network}:`);
        await benchAfterClassify(page, network, photos, photoCount);
      }
    } else {
      if (!args.soak) for (const network of networks) await benchNetwork(page, network);
      for (const network of networks) await benchMemory(page, memory, network);
    }
    await memory.detach();
    await callHarness(page, 'inference', 'stop');
  });
} finally {
  await weights.stop();
}
