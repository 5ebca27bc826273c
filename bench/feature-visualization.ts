/**
 * Prints seconds per step of feature visualisation (src/runtime/inside/feature-visualization.ts) in Node,
 * per backend (WASM, and the plain-JavaScript CPU backend), for a node early in the network and for a
 * class logit (the whole network, forward and back), at the network's input size (299×299), with Lucid's
 * transforms. The first step (kernel set-up, the gradient check) is reported on its own; the figure is the
 * median of the others. Recipe weights stand in for the pretrained ones (same shapes, same cost).
 * Print, don't assert: the CLI's `visualize` runs exactly this.
 *
 * Usage: npm run bench:feature-visualization [-- --network inception-v4 --steps 4 --backends wasm,cpu]
 */
import { parseArgs } from 'node:util';
import { NETWORKS } from '../src/model/networks/index.ts';
import { inputPreprocessing } from '../src/model/trained.ts';
import { activateNodeBackend, type NodeBackendChoice } from '../src/runtime/backends/backends.node.ts';
import { createClassifier } from '../src/runtime/classifier.ts';
import { visualize, type VisualTarget } from '../src/runtime/inside/feature-visualization.ts';
import { registerGradientsInNode } from '../src/runtime/inside/gradients.node.ts';
import { IMAGENET_LABELS } from '../src/runtime/labels.ts';
import { recipeSource } from '../src/testing/tiny-network.ts';
import { machineLine } from './support/machine.ts';
import { median } from './support/statistics.ts';

const { values: args } = parseArgs({
  options: {
    network: { type: 'string', default: 'inception-v4' },
    steps: { type: 'string', default: '4' },
    backends: { type: 'string', default: 'wasm,cpu' },
  },
});
const network = NETWORKS[args.network as 'inception-v4' | 'inception-resnet-v2'].released!;
const steps = Number(args.steps);
/** An early node (the third stage's output) and the logit of class 1. */
const TARGETS: Record<string, { name: string; target: VisualTarget }[]> = {
  'inception-v4': [
    { name: 'mixed_3a (stem/3), channel 5', target: { kind: 'channel', node: 'stem/3', channel: 5 } },
    { name: 'class 1 logit (whole network)', target: { kind: 'class', index: 1 } },
  ],
  'inception-resnet-v2': [
    { name: 'stem, channel 5', target: { kind: 'channel', node: 'stem', channel: 5 } },
    { name: 'class 1 logit (whole network)', target: { kind: 'class', index: 1 } },
  ],
};

console.log(machineLine());
console.log(
  `${network.title}, ${network.input[0]}×${network.input[1]}, ${steps} steps per figure (the first one apart)`,
);
await registerGradientsInNode();
const { mean, std } = inputPreprocessing(network);
for (const backend of args.backends.split(',') as NodeBackendChoice[]) {
  const active = await activateNodeBackend(backend);
  const classifier = createClassifier(network, recipeSource(network), { labels: IMAGENET_LABELS });
  for (const { name, target } of TARGETS[network.id]) {
    // The CPU backend takes minutes per whole-network step: only the early node there.
    if (backend === 'cpu' && target.kind === 'class') continue;
    const times: number[] = [];
    const result = await visualize({
      executor: classifier.built,
      target,
      steps,
      seed: 0,
      mean,
      std,
      onStep: (s) => void times.push(s.ms),
    });
    const rest = times.slice(1);
    console.log(
      `${active.name.padEnd(5)} ${name.padEnd(34)} first step ${(times[0] / 1000).toFixed(2)} s, then ` +
        `${(median(rest.length > 0 ? rest : times) / 1000).toFixed(2)} s per step (median of ${rest.length}); ` +
        `target ${result.activations[0].toPrecision(4)} → ${result.final.toPrecision(4)}`,
    );
  }
  classifier.dispose();
}
