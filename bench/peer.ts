/**
 * `npm run bench:peer`: the project's WASM path against onnxruntime-web, in one run of the same headless
 * Chromium, on the same networks and weights (recipe weights, fixtures/timm/recipe.md; the ONNX models
 * are this project's export of them): warm latency, median of ≥ 9, and the browser's CPU/wall ratio.
 * - project, threaded: the app's inference worker in the production build (cross-origin isolated);
 * - project, 1 thread: the same build served without COOP/COEP;
 * - onnxruntime-web (its WASM backend) with 2 threads and with 1 thread, on an isolated page.
 * The ratio printed is the project's warm latency over onnxruntime-web's (target ≤ 0.9 with 2 threads, issue 17).
 *
 * Usage: npm run bench:peer [-- --networks inception-v4 --runs 9]
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import type { Browser } from '@playwright/test';
import { recipeWeights } from '../src/testing/recipe-weights.ts';
import { WeightsServer } from '../src/testing/weights-server.ts';
import { NETWORKS } from '../src/model/networks/index.ts';
import { exportOnnx } from '../src/runtime/onnx/export-onnx.ts';
import { writeOnnxFile } from '../src/runtime/onnx/write-onnx.node.ts';
import { readSafetensorsFile } from '../src/runtime/weights/safetensors-file.node.ts';
import type { BackendReport } from '../src/runtime/worker/protocol.ts';
import type { ClassifyTimings } from '../src/testing/harness/modules/inference.ts';
import { callHarness, openHarness } from '../src/testing/pages/harness-page.ts';
import { median } from './support/statistics.ts';
import { cpuPerWall } from './support/process-cpu.ts';
import { withProductionBrowser } from './support/production-browser.ts';
import { StaticServer } from './support/static-server.ts';

type Network = 'inception-v4' | 'inception-resnet-v2';

const { values: args } = parseArgs({
  options: {
    networks: { type: 'string', default: 'inception-v4,inception-resnet-v2' },
    runs: { type: 'string', default: '9' },
  },
});
const runs = Math.max(9, Number(args.runs));
const networks = args.networks!.split(',') as Network[];
const photo = readFileSync('fixtures/preprocess/photo-444.jpg').toString('base64');
/** onnxruntime-web's dist folder (its package entry for Node lives there), served to the page as /ort/. */
const ortDist = dirname(createRequire(import.meta.url).resolve('onnxruntime-web'));

interface Figure {
  label: string;
  medianMs: number;
  minMs: number;
  cpuPerWall: number | undefined;
  detail: string;
}

/** The onnxruntime-web page: creates a session with `threads` threads, runs it warm `runs` times. */
const PEER_PAGE = `<!doctype html><meta charset="utf-8"><title>onnxruntime-web peer</title>
<script type="module">
window.runPeer = async (model, threads, runs) => {
  const ort = await import('/ort/ort.wasm.min.mjs');
  ort.env.wasm.numThreads = threads;
  ort.env.wasm.wasmPaths = '/ort/';
  const session = await ort.InferenceSession.create(model, { executionProviders: ['wasm'], graphOptimizationLevel: 'all' });
  const input = new ort.Tensor('float32', new Float32Array(3 * 299 * 299).map((_, i) => Math.sin(i) * 0.9), [1, 3, 299, 299]);
  await session.run({ input });
  window.warm = async () => {
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t0 = performance.now();
      await session.run({ input });
      times.push(performance.now() - t0);
    }
    return times;
  };
  return { isolated: crossOriginIsolated, threads: ort.env.wasm.numThreads };
};
document.body.dataset.ready = 'true';
</script>`;

async function peerFigure(browser: Browser, base: string, model: string, threads: number): Promise<Figure> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    await page.goto(`${base}/peer.html`);
    await page.waitForSelector('body[data-ready="true"]', { state: 'attached' });
    const info = await page.evaluate(
      ([m, t, r]) =>
        (
          window as unknown as { runPeer: (...a: unknown[]) => Promise<{ isolated: boolean; threads: number }> }
        ).runPeer(m, t, r),
      [model, threads, runs] as const,
    );
    const { result: times, ratio } = await cpuPerWall(() =>
      page.evaluate(() => (window as unknown as { warm: () => Promise<number[]> }).warm()),
    );
    return {
      label: `onnxruntime-web, ${threads} thread${threads > 1 ? 's' : ''}`,
      medianMs: median(times),
      minMs: Math.min(...times),
      cpuPerWall: ratio,
      detail: `${info.isolated ? 'isolated' : 'NOT isolated'}, numThreads ${info.threads}`,
    };
  } finally {
    await context.close();
  }
}

async function projectFigure(
  browser: Browser,
  base: string,
  label: string,
  network: Network,
  weightsBase: string,
): Promise<Figure> {
  const context = await browser.newContext();
  try {
    const page = await openHarness(await context.newPage(), base);
    const report = await callHarness<BackendReport>(page, 'inference', 'start', 'wasm');
    await callHarness(page, 'inference', 'load', network, 'download', weightsBase);
    await callHarness(page, 'inference', 'classify', photo, 'photo.jpg', [network]);
    const { result: times, ratio } = await cpuPerWall(async () => {
      const t: number[] = [];
      for (let i = 0; i < runs; i++)
        t.push(
          (await callHarness<ClassifyTimings>(page, 'inference', 'classify', photo, 'photo.jpg', [network])).results[0]
            .inferenceMs,
        );
      return t;
    });
    await callHarness(page, 'inference', 'stop');
    return {
      label,
      medianMs: median(times),
      minMs: Math.min(...times),
      cpuPerWall: ratio,
      detail: report.detail ?? '',
    };
  } finally {
    await context.close();
  }
}

const ms = (v: number) => `${v.toFixed(0)} ms`;
const dir = mkdtempSync(join(tmpdir(), 'bench-peer-'));
const weights = new WeightsServer();
const peer = new StaticServer({ '/ort/': ortDist, '/models/': dir }, { '/peer.html': PEER_PAGE });
try {
  const files: Partial<Record<Network, string>> = {};
  for (const network of networks) {
    const definition = NETWORKS[network].released!;
    files[network] = await recipeWeights(network);
    const model = exportOnnx(definition, await readSafetensorsFile(files[network]!));
    await writeOnnxFile(model, join(dir, `${network}.onnx`));
    weights.serve(definition.checkpoint!.repo, definition.checkpoint!.file, { path: files[network]! });
  }
  await weights.start();
  const peerBase = await peer.start();
  await withProductionBrowser('peer', async ({ browser, base, baseWithoutIsolation }) => {
    console.log(
      `Chromium ${browser.version()}, headless; ${runs} warm runs each (figures from a busy machine are not comparable across runs, only within one)`,
    );
    for (const network of networks) {
      const figures = [
        await projectFigure(browser, base, 'project WASM, threaded', network, weights.baseUrl),
        await projectFigure(browser, baseWithoutIsolation, 'project WASM, 1 thread', network, weights.baseUrl),
        await peerFigure(browser, peerBase, `/models/${network}.onnx`, 2),
        await peerFigure(browser, peerBase, `/models/${network}.onnx`, 1),
      ];
      console.log(`${network}:`);
      for (const f of figures) {
        console.log(
          `  ${f.label.padEnd(26)} median ${ms(f.medianMs)} (min ${ms(f.minMs)}), ` +
            `browser CPU/wall ${f.cpuPerWall === undefined ? 'n/a' : f.cpuPerWall.toFixed(2)} [${f.detail}]`,
        );
      }
      const [threaded, single, ort2, ort1] = figures;
      console.log(
        `  ratio project/onnxruntime-web: threaded vs 2 threads ${(threaded.medianMs / ort2.medianMs).toFixed(2)} (target ≤ 0.9), ` +
          `1 thread vs 1 thread ${(single.medianMs / ort1.medianMs).toFixed(2)}`,
      );
    }
  });
} finally {
  await peer.stop();
  await weights.stop();
  rmSync(dir, { recursive: true, force: true });
}
