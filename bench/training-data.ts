/**
 * Prints what the training data costs in Node: reading CIFAR-10 (a generated archive of the official
 * size, 60,000 records, since CIFAR-10 itself cannot be fetched here: its pixels get 3 bits of noise so
 * that gzip compresses them about as little as the real photos, to 0.90 of the tar against 0.92), from
 * the archive and from the extracted folder, with gunzip alone for scale; building the generated set; and
 * making batches with and without augmentation.
 * Usage: `npm run bench:training-data [-- cifar-10-binary.tar.gz]` (a real archive instead, if you have one).
 */
import { mkdirSync, mkdtempSync, openAsBlob, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { batches } from '../src/runtime/training/data/batches.ts';
import { readCifar10 } from '../src/runtime/training/data/cifar10.node.ts';
import { generatedDataset } from '../src/runtime/training/data/generated.ts';
import { imageSet } from '../src/runtime/training/data/labelled-images.ts';
import { cifarFiles, gzip, tarArchive } from '../src/testing/cifar10-files.ts';

const seconds = (since: number) => `${((performance.now() - since) / 1000).toFixed(2)} s`;
const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
const dir = mkdtempSync(join(tmpdir(), 'bench-training-data-'));
let archive = process.argv[2];
try {
  if (!archive) {
    let t = performance.now();
    const files = cifarFiles({ recordsPerBatch: 10_000 });
    let state = 1;
    for (const [name, bytes] of files) {
      if (!name.endsWith('.bin')) continue;
      for (let i = 0; i < bytes.length; i++) {
        state = (Math.imul(state, 1103515245) + 12345) >>> 0;
        if (i % 3073 !== 0) bytes[i] = (bytes[i] + (state >>> 29)) & 0xff; // 3 bits of noise; labels untouched
      }
    }
    const folder = join(dir, 'cifar-10-batches-bin');
    mkdirSync(folder);
    for (const [name, bytes] of files) writeFileSync(join(folder, name), bytes);
    const tar = tarArchive([...files].map(([name, data]) => ({ name: `cifar-10-batches-bin/${name}`, data })));
    archive = join(dir, 'cifar-10-binary.tar.gz');
    writeFileSync(archive, gzip(tar, 6));
    const gzipped = (await openAsBlob(archive)).size;
    console.log(
      `generated a 60,000-record archive (${mb(tar.byteLength)} of tar → ${mb(gzipped)}) and its folder ` +
        `in ${seconds(t)}`,
    );

    t = performance.now();
    const fromFolder = await readCifar10(folder);
    const images = fromFolder.train.count + fromFolder.test.count;
    console.log(`read the extracted folder (${images} images): ${seconds(t)}`);
  }

  for (let run = 1; run <= 3; run++) {
    globalThis.gc?.();
    let t = performance.now();
    let bytes = 0;
    const reader = (await openAsBlob(archive)).stream().pipeThrough(new DecompressionStream('gzip')).getReader();
    for (let next = await reader.read(); !next.done; next = await reader.read()) bytes += next.value.byteLength;
    const gunzip = seconds(t);
    t = performance.now();
    const data = await readCifar10(archive);
    console.log(
      `run ${run}: read ${archive} → ${data.train.count} + ${data.test.count} images: ${seconds(t)} ` +
        `(gunzip alone, ${mb(bytes)}: ${gunzip})`,
    );
  }

  for (const size of [32, 64]) {
    const t = performance.now();
    const cpu = process.cpuUsage();
    const set = generatedDataset({ size, train: 5000, test: 1000 });
    const used = process.cpuUsage(cpu);
    console.log(
      `generated set, ${set.train.count} + ${set.test.count} images of ${size}×${size}: ${seconds(t)} ` +
        `(CPU ${((used.user + used.system) / 1e6).toFixed(2)} s)`,
    );
  }

  const set = imageSet(generatedDataset({ train: 10_000, test: 0 }), 'train');
  for (const augment of [false, true, false, true]) {
    const t = performance.now();
    let images = 0;
    for (const batch of batches(set, { batchSize: 128, seed: 1, epoch: 0, augment })) images += batch.count;
    const rate = images / ((performance.now() - t) / 1000);
    console.log(`batches of 128 at 32×32, augment ${augment}: ${Math.round(rate).toLocaleString('en-US')} images/s`);
  }
  console.log(`peak resident memory of the whole run: ${mb(process.resourceUsage().maxRSS * 1024)}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
