/**
 * Prints where one Grad-CAM's time goes in Node on WebAssembly, at inner nodes of both networks (the
 * inspector's "Grad-CAM of the top-5 at this layer"): the look inside (the whole network once, keeping
 * every segment's input), the forward prefix (A: the node's own segment from its kept input), one forward
 * of the segments above the node (as the gradients run it), then the top-5 Grad-CAM as the worker computes
 * it (SegmentCache.classMaps), and the kernels of one class's gradients (tf.profile), largest first.
 * Recipe weights stand in for the pretrained ones (same shapes, same cost). Print, don't assert.
 * `--save FILE` writes the maps, `--compare FILE` prints their largest difference from a saved run (to
 * check that a change leaves them as they were).
 *
 * Usage: npm run bench:grad-cam [-- --networks inception-v4,inception-resnet-v2 --save /tmp/maps.json]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs-core';
import { walk } from '../src/model/analysis/analyze.ts';
import { siteOf } from '../src/model/analysis/segments.ts';
import { NETWORKS } from '../src/model/networks/index.ts';
import type { NetworkExecutor } from '../src/runtime/executor/network.ts';
import { gradCamMaps } from '../src/runtime/inside/grad-cam.ts';
import { registerGradientsInNode } from '../src/runtime/inside/gradients.node.ts';
import { SegmentCache } from '../src/runtime/inside/segment-cache.ts';
import { IMAGENET_LABELS } from '../src/runtime/labels.ts';
import { recipeInput } from '../src/runtime/weights/recipe.ts';
import { buildRecipeExecutor } from '../src/testing/node-parity.ts';
import { profileKernels } from '../src/testing/kernel-profile.ts';
import { machineLine } from './support/machine.ts';

type Network = 'inception-v4' | 'inception-resnet-v2';
/** The nodes of issue 18: Inception-B 1/7 of v4, Inception-ResNet-B 1/20 of Inception-ResNet-v2. */
const NODES: Record<Network, string> = {
  'inception-v4': 'inception-b/0',
  'inception-resnet-v2': 'inception-resnet-b/0',
};

const { values: args } = parseArgs({
  options: {
    networks: { type: 'string', default: 'inception-v4,inception-resnet-v2' },
    save: { type: 'string' },
    compare: { type: 'string' },
  },
});
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const timed = async <T>(work: () => Promise<T> | T): Promise<[T, number]> => {
  const started = performance.now();
  const value = await work();
  return [value, performance.now() - started];
};

/** Bytes of the filters larger than 1×1 in `addresses`' segments: what AdjointFilters keeps flipped. */
function flippedBytes(executor: NetworkExecutor, addresses: readonly string[]): number {
  const above = new Set(addresses);
  return executor
    .segments()
    .filter((seg) => above.has(seg.address))
    .flatMap((seg) => [...walk(seg.node)])
    .map((n) => executor.layerTensors(n.address))
    .reduce(
      (bytes, t) =>
        t?.kind === 'conv' && t.filter.shape[0] * t.filter.shape[1] > 1 ? bytes + 4 * t.filter.size : bytes,
      0,
    );
}

console.log(machineLine());
await registerGradientsInNode();
const saved: Record<string, number[][]> = {};
const reference = args.compare
  ? (JSON.parse(readFileSync(args.compare, 'utf8')) as Record<string, number[][]>)
  : undefined;
for (const id of args.networks!.split(',') as Network[]) {
  const node = NODES[id];
  const { executor } = await buildRecipeExecutor(NETWORKS[id].released!, 'wasm');
  const input = recipeInput('pattern');
  const cache = new SegmentCache(executor, input, IMAGENET_LABELS);
  const [run, lookMs] = await timed(() => cache.lookInside());
  const top = Array.from(run.logits, (v, i) => [v, i])
    .sort((a, b) => b[0] - a[0])
    .slice(0, 5)
    .map(([, i]) => i);
  // The segment inputs, as the cache keeps them, for the phases on their own.
  const x = tf.tensor4d(input, [1, ...executor.network.input] as [number, number, number, number]);
  const full = executor.run(x, { keepSegmentInputs: true });
  tf.dispose([x, full.output]);
  const all = executor.segments();
  const site = siteOf(all, executor.analysis, node)!;
  const segments = all
    .slice(site.segment.index)
    .map((seg) => ({ address: seg.address, input: full.segmentInputs.get(seg.address) as tf.Tensor4D }));
  const [activation, prefixMs] = await timed(async () => {
    const r = executor.run(segments[0].input, { from: segments[0].address, to: segments[0].address, capture: [node] });
    const a = r.activations.get(node) as tf.Tensor4D;
    if (r.output !== a) r.output.dispose();
    await a.data();
    return a;
  });
  const [, forwardMs] = await timed(async () => {
    const outputs = segments.map(
      (seg) => executor.run(seg.input, { from: seg.address, to: seg.address, differentiable: true }).output,
    );
    await outputs[outputs.length - 1].data();
    tf.dispose(outputs);
  });
  await cache.classMaps(top.slice(0, 1), { node }); // the gradient check and kernel set-up, once
  const [maps, gradCamMs] = await timed(() => cache.classMaps(top, { node }));
  const request = { executor, segments, node, activation, classes: top.slice(0, 1), residualScales: {} };
  const profile = await profileKernels(async () => {
    const one = gradCamMaps(request);
    await one.data();
    one.dispose();
  });
  console.log(`${NETWORKS[id].released!.title} at ${node} (${segments.length} segments from the node's to the head):`);
  console.log(
    `  look inside ${s(lookMs)}; forward prefix (A in the node's segment) ${s(prefixMs)}; ` +
      `one differentiable forward of the segments above ${s(forwardMs)}`,
  );
  console.log(
    `  Grad-CAM of the top 5: ${s(gradCamMs)} (${s(gradCamMs / 5)} per class); ` +
      `flipped filters kept meanwhile: ${(
        flippedBytes(
          executor,
          segments.map((seg) => seg.address),
        ) /
        2 ** 20
      ).toFixed(0)} MiB`,
  );
  console.log(
    `  one class's gradients, profiled: ${s(profile.wallMs)} wall, ${s(profile.kernelMs)} in ${profile.calls} kernel calls:`,
  );
  for (const row of profile.rows.slice(0, 6))
    console.log(`    ${row.name.padEnd(22)} ${String(row.calls).padStart(5)} calls ${s(row.ms)}`);
  saved[id] = maps.map((m) => Array.from(m.map.data));
  if (reference?.[id]) {
    const worst = Math.max(...saved[id].flatMap((m, i) => m.map((v, j) => Math.abs(v - reference[id][i][j]))));
    console.log(`  largest difference from ${args.compare}: ${worst}`);
  }
  tf.dispose([activation, ...full.segmentInputs.values()]);
  cache.dispose();
  executor.dispose();
}
if (args.save) writeFileSync(args.save, JSON.stringify(saved));
