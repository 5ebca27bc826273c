/**
 * What the layer inspector says about one analysed node, as plain rows (so it is testable without a DOM):
 * kind, kernel, stride, padding, filters, shapes, parameters and multiply-adds with their share of the
 * network, receptive field, and the checkpoint key and tensors of released networks.
 */
import type { AnalyzedNode, NetworkAnalysis } from '../../model/analysis/analyze.ts';
import { checkpointTensors, type CheckpointTensor } from '../../model/analysis/checkpoint.ts';
import { kernelLabel, scaleLabel } from '../../model/analysis/labels.ts';
import type { Node } from '../../model/types.ts';
import { exact, NBSP, percent, shapeText } from '../format.ts';
import { figureHref } from '../routes.ts';

export interface Fact {
  label: string;
  value: string;
  /** A second line: a share, an explanation. */
  detail?: string;
  /** Monospace value (shapes, keys). */
  code?: boolean;
  /** The value links there (a figure of the paper). */
  href?: string;
}

export const KIND_NAMES: Readonly<Record<Node['kind'], string>> = {
  conv: 'Convolution',
  maxpool: 'Max pooling',
  avgpool: 'Average pooling',
  'global-avgpool': 'Global average pooling',
  dropout: 'Dropout',
  dense: 'Fully connected',
  sequence: 'Sequence',
  concat: 'Filter concatenation',
  residual: 'Residual block',
  repeat: 'Repeated block',
};

const tensorsByAnalysis = new WeakMap<NetworkAnalysis, Map<string, CheckpointTensor[]>>();

/** Checkpoint tensors of the layer at `address` (released networks only; empty otherwise). */
export function tensorsOf(analysis: NetworkAnalysis, address: string): CheckpointTensor[] {
  if (!analysis.network.checkpoint) return [];
  let byAddress = tensorsByAnalysis.get(analysis);
  if (!byAddress) {
    byAddress = new Map();
    for (const tensor of checkpointTensors(analysis).tensors) {
      const list = byAddress.get(tensor.address) ?? [];
      list.push(tensor);
      byAddress.set(tensor.address, list);
    }
    tensorsByAnalysis.set(analysis, byAddress);
  }
  return byAddress.get(address) ?? [];
}

function countLayers(node: AnalyzedNode): number {
  if (node.children.length === 0) return 1;
  return node.children.reduce((n, c) => n + countLayers(c), 0);
}

export function nodeFacts(analyzed: AnalyzedNode, analysis: NetworkAnalysis): Fact[] {
  const { node } = analyzed;
  const facts: Fact[] = [{ label: 'Kind', value: KIND_NAMES[node.kind] }];
  const block = 'block' in node ? node.block : undefined;
  if (block?.figure) facts.push({ label: 'Paper figure', value: `Fig. ${block.figure}`, href: figureHref(block.figure, analysis.network.id) });
  if (block?.releasedName) facts.push({ label: 'Released name', value: block.releasedName, code: true });
  if (block?.params) {
    facts.push({ label: 'Hyper-parameters', value: Object.entries(block.params).map(([k, v]) => `${k} = ${v}`).join(', ') });
  }
  switch (node.kind) {
    case 'conv':
      facts.push(
        { label: 'Kernel', value: kernelLabel(node.kernel) },
        { label: 'Stride', value: String(node.stride) },
        { label: 'Padding', value: node.padding === 'valid' ? 'valid (V)' : 'same' },
        { label: 'Filters', value: exact(node.filters) },
        node.activation === 'linear'
          ? { label: 'After it', value: 'bias only', detail: 'The paper\'s "Linear" projection: no batch norm, no ReLU.' }
          : { label: 'After it', value: 'batch norm, ReLU' },
      );
      break;
    case 'maxpool':
    case 'avgpool':
      facts.push(
        { label: 'Window', value: kernelLabel(node.kernel) },
        { label: 'Stride', value: String(node.stride) },
        {
          label: 'Padding',
          value: node.padding === 'valid' ? 'valid (V)' : 'same',
          ...(node.kind === 'avgpool' && node.padding === 'same' ? { detail: 'The mean excludes padded cells.' } : {}),
        },
      );
      break;
    case 'dropout':
      facts.push({ label: 'Keep probability', value: String(node.keep), detail: 'Inactive when classifying.' });
      break;
    case 'dense':
      facts.push({ label: 'Units', value: exact(node.units) });
      break;
    case 'residual':
      facts.push(
        { label: 'Residual scale', value: scaleLabel(node.scale), detail: 'The branch is scaled before the addition (§3.3).' },
        { label: 'After the addition', value: node.activation === 'relu' ? 'ReLU' : 'none (linear)' },
      );
      break;
    case 'repeat':
      facts.push({ label: 'Repetitions', value: String(node.count) });
      break;
    case 'concat':
      facts.push({ label: 'Branches', value: String(node.branches.length) });
      break;
    default:
      break;
  }
  if (analyzed.children.length > 0) facts.push({ label: 'Layers inside', value: exact(countLayers(analyzed)) });
  facts.push(
    { label: 'Input', value: shapeText(analyzed.input), code: true },
    { label: 'Output', value: shapeText(analyzed.output), code: true },
    { label: 'Parameters', value: exact(analyzed.params), detail: shareOf(analyzed.params, analysis.params) },
    { label: 'Multiply-adds', value: exact(analyzed.macs), detail: shareOf(analyzed.macs, analysis.macs) },
    {
      label: 'Receptive field',
      value: `${analyzed.receptiveField.size[0]}×${analyzed.receptiveField.size[1]}${NBSP}px`,
      detail: `adjacent outputs ${analyzed.receptiveField.jump[0]}×${analyzed.receptiveField.jump[1]}${NBSP}px apart`,
    },
  );
  if (analyzed.key) facts.push({ label: 'Checkpoint key', value: analyzed.key, code: true });
  return facts;
}

function shareOf(part: number, whole: number): string {
  return whole > 0 ? `${percent(part / whole)} of the network` : '';
}
