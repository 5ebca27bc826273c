/**
 * What the layer inspector says about one analysed node, as plain rows (so it is testable without a DOM):
 * kind, kernel, stride, padding, filters, shapes, parameters and multiply-adds with their share of the
 * network, receptive field, and the checkpoint key and tensors of released networks.
 */
import type { AnalyzedNode, NetworkAnalysis } from '../../model/analysis/analyze.ts';
import { checkpointTensors, type CheckpointTensor } from '../../model/analysis/checkpoint.ts';
import { kernelLabel, scaleLabel } from '../../model/analysis/labels.ts';
import { exact, NBSP, percent, shapeText } from '../format.ts';
import { figureHref } from '../routes.ts';
import { inspector as english, type InspectorMessages } from '../i18n/en/inspector.ts';

export interface Fact {
  /** Which fact, the same in every language (`data-fact`). */
  key: keyof InspectorMessages['labels'];
  label: string;
  value: string;
  /** A second line: a share, an explanation. */
  detail?: string;
  /** Monospace value (shapes, keys). */
  code?: boolean;
  /** The value links there (a figure of the paper). */
  href?: string;
}

const tensorsByAnalysis = new WeakMap<NetworkAnalysis, Map<string, CheckpointTensor[]>>();

/**
 * Checkpoint tensors of the layer at `address`: of released networks, those with weights and the small
 * ones derived from them (whose trained weights go by the same names); none for the paper's forms.
 */
export function tensorsOf(analysis: NetworkAnalysis, address: string): CheckpointTensor[] {
  if (analysis.network.variant !== 'released') return [];
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

/** The facts of `analyzed`, in the words of `m` (English by default). */
export function nodeFacts(analyzed: AnalyzedNode, analysis: NetworkAnalysis, m: InspectorMessages = english): Fact[] {
  const at = (key: Fact['key']) => ({ key, label: m.labels[key] });
  const { node } = analyzed;
  const facts: Fact[] = [{ ...at('kind'), value: m.kinds[node.kind] }];
  const block = 'block' in node ? node.block : undefined;
  if (block?.figure)
    facts.push({ ...at('figure'), value: m.figure(block.figure), href: figureHref(block.figure, analysis.network.id) });
  if (block?.releasedName) facts.push({ ...at('releasedName'), value: block.releasedName, code: true });
  if (block?.params) {
    facts.push({
      ...at('hyperParameters'),
      value: Object.entries(block.params)
        .map(([k, v]) => `${k} = ${v}`)
        .join(', '),
    });
  }
  switch (node.kind) {
    case 'conv':
      facts.push(
        { ...at('kernel'), value: kernelLabel(node.kernel) },
        { ...at('stride'), value: String(node.stride) },
        { ...at('padding'), value: node.padding === 'valid' ? m.valid : m.same },
        { ...at('filters'), value: exact(node.filters) },
        node.activation === 'linear'
          ? { ...at('after'), value: m.biasOnly, detail: m.linearNote }
          : node.norm === 'bias'
            ? { ...at('after'), value: m.biasRelu, detail: m.biasReluNote }
            : { ...at('after'), value: m.batchNormRelu },
      );
      break;
    case 'maxpool':
    case 'avgpool':
      facts.push(
        { ...at('window'), value: kernelLabel(node.kernel) },
        { ...at('stride'), value: String(node.stride) },
        {
          ...at('padding'),
          value: node.padding === 'valid' ? m.valid : m.same,
          ...(node.kind === 'avgpool' && node.padding === 'same' ? { detail: m.meanExcludesPadding } : {}),
        },
      );
      break;
    case 'dropout':
      facts.push({ ...at('keep'), value: String(node.keep), detail: m.inactive });
      break;
    case 'dense':
      facts.push({ ...at('units'), value: exact(node.units) });
      break;
    case 'residual':
      facts.push(
        { ...at('residualScale'), value: scaleLabel(node.scale), detail: m.scaledBeforeAddition },
        { ...at('afterAddition'), value: node.activation === 'relu' ? m.relu : m.linear },
      );
      break;
    case 'repeat':
      facts.push({ ...at('repetitions'), value: String(node.count) });
      break;
    case 'concat':
      facts.push({ ...at('branches'), value: String(node.branches.length) });
      break;
    default:
      break;
  }
  if (analyzed.children.length > 0) facts.push({ ...at('layersInside'), value: exact(countLayers(analyzed)) });
  facts.push(
    { ...at('input'), value: shapeText(analyzed.input), code: true },
    { ...at('output'), value: shapeText(analyzed.output), code: true },
    { ...at('parameters'), value: exact(analyzed.params), detail: shareOf(analyzed.params, analysis.params, m) },
    { ...at('multiplyAdds'), value: exact(analyzed.macs), detail: shareOf(analyzed.macs, analysis.macs, m) },
    {
      ...at('receptiveField'),
      value: `${analyzed.receptiveField.size[0]}×${analyzed.receptiveField.size[1]}${NBSP}px`,
      detail: m.apart(analyzed.receptiveField.jump[0], analyzed.receptiveField.jump[1]),
    },
  );
  if (analyzed.key) facts.push({ ...at('checkpointKey'), value: analyzed.key, code: true });
  return facts;
}

function shareOf(part: number, whole: number, m: InspectorMessages): string {
  return whole > 0 ? m.share(percent(part / whole)) : '';
}
