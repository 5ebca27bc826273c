/**
 * A segment cache's class activation maps at the head (CAM, from the kept input of the last segment) and
 * what every class map says of its class; Grad-CAM itself is grad-cam.ts.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { ClassifierHead } from '../../model/analysis/classifier-head.ts';
import type { LayerTensors } from '../executor/layer-weights.ts';
import type { NetworkExecutor } from '../executor/network.ts';
import type { BackendName } from '../backends/select.ts';
import { classActivationMaps } from './cam.ts';
import { gradCam, type GradCamRequest, type GradCamTurns } from './grad-cam.ts';
import type { ClassMap, GradCamProgress } from './protocol.ts';
import { readBack } from './read-back.ts';

/** What a class map says of its class. */
export type ClassOf = (c: number) => Pick<ClassMap, 'classIndex' | 'label' | 'logit'>;

/** A request the cache cannot answer (unknown node, channel, class or group); the message says why. */
export class InsideError extends Error {}

/** The classes checked against the network's, and what each class map says of its class. */
export function checkedClasses(
  classes: readonly number[],
  total: number,
  labels: readonly string[],
  logits: Float32Array,
): ClassOf {
  if (classes.length === 0) throw new InsideError('ask for at least one class');
  const bad = classes.find((c) => !Number.isInteger(c) || c < 0 || c >= total);
  if (bad !== undefined) throw new InsideError(`class ${bad} does not exist: classes are 0–${total - 1}`);
  return (c: number) => ({ classIndex: c, label: labels[c] ?? `class ${c}`, logit: logits[c] });
}

/** CAM of `classes` from `features` (the head's input, kept by the cache). */
export async function camMaps(
  executor: NetworkExecutor,
  head: ClassifierHead | undefined,
  features: tf.Tensor4D,
  classes: readonly number[],
  common: ClassOf,
): Promise<ClassMap[]> {
  if (!head)
    throw new InsideError(
      `${executor.network.title} does not end in global pooling and one linear layer, so it has no class activation map`,
    );
  const started = performance.now();
  const dense = executor.layerTensors(head.dense) as Extract<LayerTensors, { kind: 'dense' }>;
  const [maps, bias] = await readBack([
    classActivationMaps(features, dense.kernel, classes),
    tf.tidy(() => tf.gather(dense.bias, tf.tensor1d([...classes], 'int32'))),
  ]);
  const ms = performance.now() - started;
  const [, h, w] = features.shape;
  return classes.map((c, i) => ({
    ...common(c),
    method: 'cam' as const,
    node: head.features,
    bias: bias[i],
    map: { width: w, height: h, data: maps.slice(i * h * w, (i + 1) * h * w) },
    backend: tf.getBackend() as BackendName,
    ms,
  }));
}

/**
 * Grad-CAM of `request` in `turns`, each class's map told as it comes; `shape`: the node's h×w×c output.
 * The request's tensors stay the caller's.
 */
export async function classMapsInTurns(
  request: GradCamRequest,
  common: ClassOf,
  shape: readonly number[],
  node: string,
  turns: Omit<GradCamTurns, 'onMap'> & { onProgress?: (progress: GradCamProgress) => void | Promise<void> },
): Promise<ClassMap[]> {
  const { classes } = request;
  const started = performance.now();
  const classMap = (i: number, data: Float32Array, backend: string, ms: number, notice?: string): ClassMap => ({
    ...common(classes[i]),
    method: 'grad-cam' as const,
    node,
    map: { width: shape[1], height: shape[0], data },
    backend: backend as BackendName,
    ms,
    ...(notice ? { notice } : {}),
  });
  await turns.onProgress?.({ done: 0, total: classes.length });
  const result = await gradCam(request, {
    ...turns,
    onMap: ({ index, map }) =>
      turns.onProgress?.({
        done: index + 1,
        total: classes.length,
        map: classMap(index, map.slice(), tf.getBackend(), performance.now() - started),
      }),
  });
  return classes.map((_, i) => classMap(i, result.maps[i], result.backend, result.ms, result.notice));
}
