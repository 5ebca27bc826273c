/** From an analysed definition to the item tree of a block figure or a network schema. */
import type { AnalyzedNode, NetworkAnalysis } from '../model/analysis/analyze.ts';
import { formatShape } from '../model/analysis/layer-shape.ts';
import { nodeLabel, scaleLabel } from '../model/analysis/labels.ts';
import { producerOf } from '../model/analysis/producer.ts';
import type { Node } from '../model/types.ts';
import { NETWORK, syntheticAddress } from './address.ts';
import { boxHeight, fitWidth, type BoxSpec, type Item } from './items.ts';
import { METRICS } from './metrics.ts';
import { textWidth } from './text.ts';
import type { Expansion } from './types.ts';

/** How nested blocks are drawn: opened per `expansion` (network schema), or all drawn in full (block figure). */
export interface ConvertOptions {
  expansion?: Expansion;
}

/** The paper's name of a block ("Inception-ResNet-A"); a repeat is named after its body. */
export function blockName(node: Node): string {
  if (node.kind === 'repeat') return blockName(node.body);
  if (node.name) return node.name;
  if ('block' in node && node.block) return node.block.id;
  return nodeLabel(node);
}

/** The classifier stage is drawn layer by layer, as in Figs. 9 and 15. */
function isHead(a: AnalyzedNode): boolean {
  return a.node.kind === 'sequence' && a.node.block?.id === 'head';
}

/** Repeats and blocks (nodes with paper block info, and top-level composite stages) can be rolled up. */
export function isExpandable(a: AnalyzedNode): boolean {
  if (a.node.kind === 'repeat') return true;
  if (a.children.length === 0 || isHead(a)) return false;
  return ('block' in a.node && a.node.block !== undefined) || a.depth === 0;
}

function residualNote(a: AnalyzedNode): string | undefined {
  const node = a.node.kind === 'repeat' ? a.node.body : a.node;
  if (node.kind !== 'residual') return undefined;
  return `${scaleLabel(node.scale)}${node.activation === 'linear' ? ' · no ReLU' : ''}`;
}

function marksOf(a: AnalyzedNode): BoxSpec['marks'] {
  const node = a.node.kind === 'repeat' ? a.node.body : a.node;
  const marks: BoxSpec['marks'] = {};
  if (node.kind === 'conv' || node.kind === 'maxpool' || node.kind === 'avgpool') {
    if (node.padding === 'valid') marks.valid = true;
    if (node.stride > 1) marks.stride = node.stride;
  }
  if (node.kind === 'conv' && node.activation === 'linear') marks.linear = true;
  if (node.kind === 'residual') {
    marks.scale = scaleLabel(node.scale);
    if (node.activation === 'linear') marks.noActivation = true;
  }
  if (a.node.kind === 'repeat') marks.count = a.node.count;
  return marks;
}

function layerBox(a: AnalyzedNode, sublabel?: string): BoxSpec {
  const label = nodeLabel(a.node);
  return {
    address: a.address,
    node: a.address,
    kind: 'layer',
    layer: a.node.kind as BoxSpec['layer'],
    label,
    ...(sublabel ? { sublabel } : {}),
    output: formatShape(a.output),
    marks: marksOf(a),
    width: fitWidth(label, sublabel, METRICS.minLayerWidth),
    height: boxHeight(sublabel),
  };
}

/** A rolled-up block or repeat. `ordinal` is "3 of 10" for a repetition inside an opened repeat. */
function collapsedBox(a: AnalyzedNode, ordinal?: string): BoxSpec {
  const isRepeat = a.node.kind === 'repeat';
  const name = blockName(a.node);
  const label = a.node.kind === 'repeat' ? `${a.node.count} × ${name}` : name;
  const sublabel = [ordinal, residualNote(a)].filter(Boolean).join(' · ') || undefined;
  return {
    address: a.address,
    node: a.address,
    kind: isRepeat ? 'repeat' : 'block',
    label,
    ...(sublabel ? { sublabel } : {}),
    output: formatShape(a.output),
    marks: marksOf(a),
    expandable: true,
    expanded: false,
    width: fitWidth(label, sublabel, METRICS.minBlockWidth),
    height: boxHeight(sublabel),
  };
}

function frameBox(a: AnalyzedNode, ordinal?: string): BoxSpec {
  const name = blockName(a.node);
  const label = [a.node.kind === 'repeat' ? `${a.node.count} × ${name}` : name, ordinal, residualNote(a)]
    .filter(Boolean)
    .join(' · ');
  return {
    address: a.address,
    node: a.address,
    kind: a.node.kind === 'repeat' ? 'repeat' : 'block',
    label,
    output: formatShape(a.output),
    marks: marksOf(a),
    expandable: true,
    expanded: true,
    // The minimum width: the title and its padding (the engine grows the frame around its contents).
    width: Math.ceil(textWidth(label, METRICS.frameLabelSize, true) + 2 * METRICS.framePadding),
    height: 0,
  };
}

function mergeBox(a: AnalyzedNode): BoxSpec {
  const label = 'Filter concat';
  return {
    address: syntheticAddress(a.address, 'concat'),
    node: a.address,
    kind: 'concat',
    label,
    output: formatShape(a.output),
    marks: {},
    width: fitWidth(label, undefined, 0),
    height: METRICS.mergeHeight,
  };
}

function addBox(a: AnalyzedNode): BoxSpec {
  const sublabel = residualNote(a)!;
  return {
    address: syntheticAddress(a.address, 'add'),
    node: a.address,
    kind: 'add',
    label: '+',
    sublabel,
    output: formatShape(a.output),
    marks: marksOf(a),
    // The circle in the middle, the scale to its right: symmetric, so that the circle sits on the axis.
    width: Math.ceil(2 * (METRICS.addRadius + 5 + textWidth(sublabel, METRICS.smallSize))),
    height: 2 * METRICS.addRadius,
  };
}

function activationBox(a: AnalyzedNode): BoxSpec {
  const label = 'Relu activation';
  return {
    address: syntheticAddress(a.address, 'relu'),
    node: a.address,
    kind: 'activation',
    label,
    output: formatShape(a.output),
    marks: {},
    width: fitWidth(label, undefined, METRICS.minLayerWidth),
    height: METRICS.boxHeight,
  };
}

/** A block's input bar (stretched to the block's width) or a network's input box. */
export function inputBox(node: string, label: string, shape: string, stretch: boolean): BoxSpec {
  return {
    address: syntheticAddress(node, 'input'),
    ...(node === NETWORK ? {} : { node }),
    kind: 'input',
    label,
    sublabel: shape,
    output: shape,
    marks: {},
    width: fitWidth(label, shape, METRICS.minLayerWidth),
    height: METRICS.boxHeight2,
    ...(stretch ? { stretch } : {}),
  };
}

export function outputBox(label: string, shape: string): BoxSpec {
  return {
    address: syntheticAddress(NETWORK, 'output'),
    kind: 'output',
    label,
    sublabel: `${shape} classes`,
    output: shape,
    marks: {},
    width: fitWidth(label, `${shape} classes`, METRICS.minLayerWidth),
    height: METRICS.boxHeight2,
  };
}

/** The node's contents, drawn in full (its nested blocks opened or not per `options`). */
export function convertContent(a: AnalyzedNode, options: ConvertOptions): Item {
  const child = (c: AnalyzedNode, ordinal?: string) => convertChild(c, options, ordinal);
  switch (a.node.kind) {
    case 'sequence':
      return { type: 'series', items: a.children.map((c) => child(c)) };
    case 'repeat':
      return { type: 'series', items: a.children.map((c, i) => child(c, `${i + 1} of ${a.children.length}`)) };
    case 'concat':
      return { type: 'parallel', branches: a.children.map((c) => inlineTailConcat(child(c))), merge: mergeBox(a) };
    case 'residual': {
      const activation = a.node.activation === 'relu' ? activationBox(a) : undefined;
      return { type: 'residual', body: child(a.children[0]), add: addBox(a), ...(activation ? { activation } : {}) };
    }
    default:
      return { type: 'box', box: layerBox(a) };
  }
}

/** A child: rolled up or framed where it is a block of a network schema, otherwise its contents. */
export function convertChild(a: AnalyzedNode, options: ConvertOptions, ordinal?: string): Item {
  if (!options.expansion || !isExpandable(a)) return convertContent(a, options);
  if (!options.expansion.has(a.address)) return { type: 'box', box: collapsedBox(a, ordinal) };
  return { type: 'frame', frame: frameBox(a, ordinal), content: convertContent(a, options) };
}

/**
 * A branch ending in a plain (unnamed) concatenation feeds the enclosing concatenation directly, as the
 * paper draws Inception-C's split 1×3 / 3×1 pairs: concatenation is associative, and an inner
 * "Filter concat" bar would only add a row.
 */
function inlineTailConcat(branch: Item): Item {
  if (branch.type !== 'series' || branch.items.length === 0) return branch;
  const last = branch.items[branch.items.length - 1];
  if (last.type !== 'parallel' || !last.merge) return branch;
  const { merge: _merge, ...inlined } = last;
  return { ...branch, items: [...branch.items.slice(0, -1), inlined] };
}

/** The stage's item in a network schema (the classifier drawn layer by layer). */
export function convertStage(stage: AnalyzedNode, options: ConvertOptions): Item {
  if (isHead(stage)) return convertContent(stage, options);
  if (stage.children.length === 0) return { type: 'box', box: layerBox(stage, stage.node.name) };
  return convertChild(stage, options);
}

/**
 * What the paper writes under a block: what its input comes out of. A repeated block's figure is drawn
 * for any repetition, so its input is the output of the same block ("Relu activation" under Fig. 17).
 */
export function inputLabel(analysis: NetworkAnalysis, a: AnalyzedNode): string {
  const parent = analysis.byAddress.get(a.address.slice(0, Math.max(0, a.address.lastIndexOf('/'))));
  if (parent?.node.kind === 'repeat') return outputName(parent.node.body);
  const previous = producerOf(analysis, a);
  return previous ? outputName(previous.node) : 'Input';
}

function outputName(node: Node): string {
  switch (node.kind) {
    case 'concat':
      return 'Filter concat';
    case 'residual':
      return node.activation === 'relu' ? 'Relu activation' : 'Previous layer';
    case 'repeat':
      return outputName(node.body);
    case 'sequence':
      return node.children.length ? outputName(node.children[node.children.length - 1]) : 'Previous layer';
    default:
      return 'Previous layer';
  }
}
