/**
 * `inception-explorer visualize --model M --weights W (--node NODE --channel C | --class K) [--steps S]
 * [--seed S] [--backend wasm|cpu] [--json] --out img.png`: feature visualisation by optimisation (Olah et
 * al. 2017) — the image that raises one channel of a node (or one class logit), found by gradient ascent
 * from a seeded start, written as a PNG at the network's input size (so `activations` can be run on it).
 */
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { ClassifierBuildError, createClassifier } from '../runtime/classifier.ts';
import {
  visualize,
  VisualizeError,
  MAX_VISUALIZE_STEPS,
  type VisualTarget,
} from '../runtime/inside/feature-visualization.ts';
import { registerGradientsInNode } from '../runtime/inside/gradients.node.ts';
import { IMAGENET_LABELS } from '../runtime/labels.ts';
import { checkOutputPath, writeOutputBytes } from '../runtime/output-file.node.ts';
import { shortened } from '../model/shorten.ts';
import { inputPreprocessing } from '../model/trained.ts';
import { NETWORK_OPTIONS, usageErrorFor, wholeNumberArg } from './command-args.ts';
import { CliError, type Io } from './io.ts';
import { backendFor, backendsText, startCliBackend, stopCliBackend } from './backend-args.ts';
import { loadWeights, networkFor, nodesFor } from './network-args.ts';

export const VISUALIZE_USAGE =
  'inception-explorer visualize --model inception-v4|inception-resnet-v2 --weights <file.safetensors> ' +
  '(--node NODE --channel C | --class K) [--steps S (default 128)] [--seed S (default 0)] ' +
  `[--backend ${backendsText()}] [--json] --out <image.png>\n` +
  '      the image that raises the mean of channel C of NODE (or the logit of class K), by gradient ascent from a seeded\n' +
  '      start (Olah et al. 2017: Fourier parameterisation, decorrelated colour, jitter, scale and rotation); a PNG at\n' +
  "      the network's input size. NODE as in `activations`. (`activations` reads a PNG as a photo: resized by\n" +
  '      1/crop and centre-cropped, so it sees the image slightly enlarged.)';

/** Exactly what `--json` prints. */
export interface VisualizeReport {
  model: string;
  /** The explorer address, the channel; or the class. */
  target: { node: string; channel: number } | { class: number; label: string };
  steps: number;
  seed: number;
  backend: string;
  /** The target at each step, on the (jittered, scaled, rotated) image that step looked at. */
  activations: number[];
  /** The target on the written image, before PNG rounding. */
  final: number;
  secondsPerStep: number;
  out: string;
}

const usageError = usageErrorFor(VISUALIZE_USAGE);

export async function runVisualize(args: readonly string[], io: Io): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    options: {
      ...NETWORK_OPTIONS,
      node: { type: 'string' },
      channel: { type: 'string' },
      class: { type: 'string' },
      steps: { type: 'string', default: '128' },
      seed: { type: 'string', default: '0' },
      out: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  if (positionals.length > 0) throw usageError(`visualize takes no input images, got "${shortened(positionals[0])}"`);
  if (!values.model || !values.weights) throw usageError('--model and --weights are required');
  if (!values.out) throw usageError('--out <image.png> is required');
  if (!values.out.toLowerCase().endsWith('.png'))
    throw usageError(`--out ${values.out}: the file name must end in .png`);
  const network = networkFor(values.model);
  const backend = backendFor(values.backend, usageError);
  let target: VisualTarget;
  if (values.class !== undefined) {
    if (values.node !== undefined || values.channel !== undefined)
      throw usageError('give either --class or --node and --channel, not both');
    target = { kind: 'class', index: wholeNumberArg(values.class, '--class', usageError, 0, network.classes - 1) };
  } else {
    if (values.node === undefined || values.channel === undefined)
      throw usageError('give --node and --channel (or --class)');
    target = {
      kind: 'channel',
      node: nodesFor([values.node], network)[0],
      channel: wholeNumberArg(values.channel, '--channel', usageError, 0, 1 << 20),
    };
  }
  const steps = wholeNumberArg(values.steps, '--steps', usageError, 1, MAX_VISUALIZE_STEPS);
  const seed = wholeNumberArg(values.seed, '--seed', usageError, 0, 2 ** 31 - 1);
  await checkOutputPath(values.out, '--out');

  const { tensors } = await loadWeights(values.weights, network);
  const active = await startCliBackend(backend, io, 'Use --backend wasm instead.');
  await registerGradientsInNode();
  let classifier;
  try {
    classifier = createClassifier(network, tensors, { labels: IMAGENET_LABELS });
  } catch (error) {
    if (error instanceof ClassifierBuildError) throw new CliError(`${values.weights}: ${error.message}`);
    throw error;
  }
  const { mean, std } = inputPreprocessing(network);
  let result;
  try {
    result = await visualize({
      executor: classifier.built,
      target,
      steps,
      seed,
      mean,
      std,
      onStep: (s) =>
        io.progress?.(
          `step ${s.step}/${s.steps} · activation ${s.activation.toPrecision(4)} · ${(s.ms / 1000).toFixed(2)} s/step`,
        ),
    });
  } catch (error) {
    if (error instanceof VisualizeError) throw new CliError(error.message, 2);
    throw error;
  } finally {
    io.progress?.(undefined);
    classifier.dispose();
    stopCliBackend(active);
  }
  const { width, height, image } = result;
  const bytes = Uint8Array.from(image, (v) => Math.round(Math.min(1, Math.max(0, v)) * 255));
  await writeOutputBytes(
    values.out,
    await sharp(bytes, { raw: { width, height, channels: 3 } })
      .png()
      .toBuffer(),
    '--out',
  );

  const report: VisualizeReport = {
    model: network.id,
    target:
      target.kind === 'class'
        ? { class: target.index, label: IMAGENET_LABELS[target.index] }
        : { node: target.node, channel: target.channel },
    steps,
    seed,
    backend: result.backend,
    activations: result.activations,
    final: result.final,
    secondsPerStep: result.msPerStep / 1000,
    out: values.out,
  };
  if (values.json) {
    io.out(JSON.stringify(report));
    return 0;
  }
  const what =
    target.kind === 'class'
      ? `class ${target.index} (${IMAGENET_LABELS[target.index]})`
      : `channel ${target.channel} of ${target.node}`;
  io.out(
    [
      `${network.title}: ${what}, ${steps} steps from seed ${seed} on ${result.backend}`,
      `activation ${result.activations[0].toPrecision(4)} at the first step, ${result.final.toPrecision(4)} on the image` +
        ` (${report.secondsPerStep.toFixed(2)} s per step)`,
      `wrote ${values.out} (${width}×${height} PNG)`,
    ].join('\n'),
  );
  return 0;
}
