/**
 * Prints what loading a weights file costs: time to read, parse and validate, check against the
 * definition and touch every tensor, hash it (SHA-256 by Web Crypto, as every load and every cached
 * copy's use does), and the memory above the baseline at each step (the target: at most 2× the file).
 * Usage: `npm run bench:weights [-- <file.safetensors>]`; without a file, the
 * Inception-ResNet-v2 recipe weights are written to a temporary file first (224 MB).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { analyzeNetwork } from '../src/model/analysis/analyze.ts';
import { NETWORKS } from '../src/model/networks/index.ts';
import { sha256Hex } from '../src/runtime/loading/sha256.ts';
import { checkWeights } from '../src/runtime/weights/check-weights.ts';
import { recipeFileParts } from '../src/runtime/weights/recipe-checkpoint.ts';
import { readSafetensorsFile, writeSafetensorsFile } from '../src/runtime/weights/safetensors-file.node.ts';

const analysis = analyzeNetwork(NETWORKS['inception-resnet-v2'].released!);
let path = process.argv[2];
let cleanup = () => {};
if (!path) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-weights-'));
  path = join(dir, 'inception_resnet_v2.recipe.safetensors');
  cleanup = () => rmSync(dir, { recursive: true, force: true });
  const { specs, produce } = recipeFileParts(analysis);
  const t = performance.now();
  await writeSafetensorsFile(path, specs, produce);
  console.log(`wrote the recipe file in ${(performance.now() - t).toFixed(0)} ms`);
}

const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MiB`;
globalThis.gc?.();
const base = process.memoryUsage();
const above = () => {
  const now = process.memoryUsage();
  return `rss +${mb(now.rss - base.rss)}, heap +${mb(now.heapUsed - base.heapUsed)}, array buffers +${mb(now.arrayBuffers - base.arrayBuffers)}`;
};

let t = performance.now();
const file = await readSafetensorsFile(path);
console.log(
  `read + parse ${file.names().length} tensors, ${mb(file.byteLength)}: ${(performance.now() - t).toFixed(0)} ms; ${above()}`,
);
t = performance.now();
const check = checkWeights(analysis, file, path);
console.log(
  `check against Inception-ResNet-v2: ${check.ok ? 'ok' : check.message} in ${(performance.now() - t).toFixed(0)} ms`,
);
t = performance.now();
let values = 0;
for (const name of file.names()) values += file.get(name)!.data.length;
console.log(`get all ${values.toLocaleString('en-US')} values: ${(performance.now() - t).toFixed(0)} ms; ${above()}`);
const peak = process.memoryUsage().rss - base.rss;
console.log(`memory above baseline / file size: ${(peak / file.byteLength).toFixed(2)}× (target ≤ 2×)`);
// After the memory figure: the digest works on a copy of the bytes (Web Crypto copies its input).
const raw = new Uint8Array(await readFile(path));
const hashTimes: number[] = [];
for (let run = 0; run < 5; run++) {
  t = performance.now();
  await sha256Hex(raw);
  hashTimes.push(performance.now() - t);
}
const median = [...hashTimes].sort((a, b) => a - b)[2];
const runs = hashTimes.map((ms) => ms.toFixed(0)).join(', ');
console.log(
  `SHA-256 of ${mb(file.byteLength)} (crypto.subtle.digest, 5 runs): median ${median.toFixed(0)} ms ` +
    `(${runs}), ` +
    `${(file.byteLength / 1e6 / (median / 1000)).toFixed(0)} MB/s; ${above()}`,
);
cleanup();
