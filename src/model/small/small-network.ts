/**
 * Paper-shaped small networks for training in a browser, as a pure transformation of the released
 * definitions: repeats cut, filters scaled by the width, a small-input stem, a classifier for `classes`,
 * residual projections fitted to their input, optionally one residual scale, optionally no shortcuts.
 * Checkpoint keys, names, blocks and figures are kept, so every analysis, view and tensor name works on
 * them as on the released networks.
 */
import { analyzeNetwork } from '../analysis/analyze.ts';
import { inceptionResNetV2Released } from '../networks/inception-resnet-v2.ts';
import { inceptionV4Released } from '../networks/inception-v4.ts';
import type { NetworkDefinition, Node } from '../types.ts';
import { mapNetwork } from './map-nodes.ts';
import { fitProjections } from './projections.ts';
import { withRepeats } from './repeats.ts';
import { removeShortcuts, withResidualScale } from './residuals.ts';
import { smallNetworkId, type SmallBase, type SmallNetworkSpec } from './spec.ts';
import { smallStem } from './stem.ts';
import { scaleWidth } from './width.ts';

/** The released definition a small network is derived from. */
export function baseNetwork(base: SmallBase): NetworkDefinition {
  return base === 'inception-v4' ? inceptionV4Released : inceptionResNetV2Released;
}

/** Throws where the spec is not one `parseSmallNetworkSpec` accepts (its messages say why, in detail). */
export function smallNetwork(spec: SmallNetworkSpec): NetworkDefinition {
  const base = baseNetwork(spec.base);
  if (!spec.shortcuts && spec.base === 'inception-v4') {
    throw new Error('Inception-v4 has no shortcuts to remove; shortcuts: false is for inception-resnet-v2');
  }
  if (!(spec.width > 0 && spec.width <= 1)) throw new Error(`width must be in (0, 1], got ${spec.width}`);
  const stem = base.stages[0];
  const stemChannels = analyzeNetwork({ ...base, stages: [stem] }).output[2];
  const shaped = scaleWidth(withRepeats(base, spec.repeats), spec.width);
  const small: NetworkDefinition = {
    ...shaped,
    id: smallNetworkId(spec),
    variant: 'released',
    title: titleOf(spec),
    source: sourceOf(spec, base),
    input: [spec.inputSize, spec.inputSize, 3],
    classes: spec.classes,
    stages: [smallStem(stem, spec.inputSize, spec.width, stemChannels), ...shaped.stages.slice(1)],
  };
  delete small.checkpoint;
  const classified = mapNetwork(small, classifyInto(spec.classes));
  const fitted = fitProjections(classified);
  const scaled = spec.residualScale === undefined ? fitted : withResidualScale(fitted, spec.residualScale);
  return spec.shortcuts ? scaled : removeShortcuts(scaled);
}

/** The classifier's dense layer with `classes` units. */
function classifyInto(classes: number): (node: Node) => Node {
  return (node) => (node.kind === 'dense' ? { ...node, units: classes } : node);
}

/** "Inception-ResNet-v2-S", "Inception-ResNet-v2-S without shortcuts". */
function titleOf(spec: SmallNetworkSpec): string {
  return `${baseNetwork(spec.base).title}-S${spec.shortcuts ? '' : ' without shortcuts'}`;
}

/** What the network is derived from and how, as the explorer's overview says it. */
function sourceOf(spec: SmallNetworkSpec, base: NetworkDefinition): string {
  const scale = spec.residualScale === undefined ? '' : `, every residual scaled by ${spec.residualScale}`;
  const shortcuts = spec.shortcuts ? '' : ', shortcuts removed (each residual block computes act(r))';
  return (
    `Derived from the released ${base.title} (${base.source.split(' (')[0]}): width ×${spec.width}, ` +
    `repeats ${spec.repeats.join('/')} of the A/B/C blocks, a ${spec.inputSize}×${spec.inputSize} input stem, ` +
    `${spec.classes} classes${scale}${shortcuts}.`
  );
}
