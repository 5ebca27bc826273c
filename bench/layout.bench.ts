/**
 * Prints how long the pure diagram pipeline takes (print, don't assert): `layoutNetwork` of the fully
 * expanded released Inception-ResNet-v2 (target ≤ 50 ms), its scene and standalone SVG, every paper
 * figure, and the paper-vs-released diff. Usage: `npm run bench:layout` (Node, no browser).
 */
import { performance } from 'node:perf_hooks';
import { analyzeNetwork } from '../src/model/analysis/analyze.ts';
import { diffNetworks } from '../src/model/analysis/diff.ts';
import { NETWORKS } from '../src/model/networks/index.ts';
import { expandAll, layoutBlock, layoutNetwork, PAPER_FIGURES } from '../src/layout/index.ts';
import { LIGHT } from '../src/views/diagram/palette.ts';
import { renderDiagramSvg } from '../src/views/diagram/render-svg.ts';
import { buildScene } from '../src/views/diagram/scene.ts';

/** Median and 95th percentile of `runs` timed calls after `warmup` untimed ones, in ms. */
function time(run: () => unknown, runs = 40, warmup = 20): { median: number; p95: number } {
  for (let i = 0; i < warmup; i++) run();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    run();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(runs / 2)], p95: times[Math.min(runs - 1, Math.floor(runs * 0.95))] };
}

const fmt = ({ median, p95 }: { median: number; p95: number }) =>
  `median ${median.toFixed(2)} ms, p95 ${p95.toFixed(2)} ms`;

const released = analyzeNetwork(NETWORKS['inception-resnet-v2'].released!);
const paper = analyzeNetwork(NETWORKS['inception-resnet-v2'].paper!);
const all = expandAll(released);
const full = layoutNetwork(released, all);

console.log(
  `layoutNetwork, fully expanded released Inception-ResNet-v2 (${full.boxes.length} boxes, ${full.edges.length} edges, ${full.width}×${full.height} px): ${fmt(time(() => layoutNetwork(released, all)))} (target ≤ 50 ms)`,
);
console.log(
  `expandAll + layoutNetwork (from the analysis): ${fmt(time(() => layoutNetwork(released, expandAll(released))))}`,
);
console.log(`layoutNetwork, rolled up: ${fmt(time(() => layoutNetwork(released)))}`);
console.log(
  `buildScene of the fully expanded graph: ${fmt(time(() => buildScene(full, {}, LIGHT, { interactive: true })))}`,
);
const svg = renderDiagramSvg(full);
console.log(
  `renderDiagramSvg of the fully expanded graph (${(svg.length / 1000).toFixed(0)} KB): ${fmt(time(() => renderDiagramSvg(full), 20))}`,
);
const analyses = new Map(PAPER_FIGURES.map((f) => [f.figure, analyzeNetwork(NETWORKS[f.network][f.variant]!)]));
console.log(
  `layoutBlock of all ${PAPER_FIGURES.length} paper figures: ${fmt(time(() => PAPER_FIGURES.forEach((f) => layoutBlock(analyses.get(f.figure)!, f.address))))}`,
);
console.log(`diffNetworks, Inception-ResNet-v2 paper vs released: ${fmt(time(() => diffNetworks(paper, released)))}`);
