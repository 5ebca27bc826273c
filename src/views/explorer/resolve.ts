/**
 * From URL parameters to what a network or block view shows, or a not-found message naming the bad part
 * of the URL and a way back. Analyses are computed once per network definition.
 */
import { explorer as english, type ExplorerMessages } from '../i18n/en/explorer.ts';
import { analyzeNetwork, type AnalyzedNode, type NetworkAnalysis } from '../../model/analysis/analyze.ts';
import { nodeLabel } from '../../model/analysis/labels.ts';
import { shortened } from '../../model/shorten.ts';
import { RESIDUAL_SCALE_RANGE, residualGroups, residualScaleProblems } from '../../model/analysis/residual-groups.ts';
import { findNetwork, isNetworkId, variantsOf } from '../../model/networks/index.ts';
import type { NetworkDefinition, NetworkId } from '../../model/types.ts';
import { canExpand } from '../../layout/network.ts';
import { HOME, networkHref, placeHref, type NetworkPlace, type ViewOptions } from '../routes.ts';

const analyses = new WeakMap<NetworkDefinition, NetworkAnalysis>();

export function analysisOf(network: NetworkDefinition): NetworkAnalysis {
  let analysis = analyses.get(network);
  if (!analysis) {
    analysis = analyzeNetwork(network);
    analyses.set(network, analysis);
  }
  return analysis;
}

export interface ExplorerView {
  ok: true;
  network: NetworkDefinition;
  /** Where its views live: /<network>/<variant>, or /trained/<id> for a trained network. */
  place: NetworkPlace;
  analysis: NetworkAnalysis;
  /** The block shown (a stage, or a repeated stage's first repetition); absent in the network view. */
  block?: AnalyzedNode;
  /** The stage the block belongs to (the repeat itself for a repeated block). */
  stage?: AnalyzedNode;
  /** The selected node, if the URL names one. */
  selected?: AnalyzedNode;
  /** The URL's options, less the parts that were ignored. */
  options: ViewOptions;
  /**
   * Parts of the URL left out because they do not fit this view (a stale link's node, a block that
   * cannot be opened), each said in a sentence; the view opens without them.
   */
  ignored: string[];
}

export interface NotFound {
  ok: false;
  /** What is wrong with the URL, e.g. `No block "foo" in Inception-v4 (paper).` */
  message: string;
  /** The closest view that exists. */
  back: { href: string; label: string };
}

export interface ViewParams {
  network: string;
  variant: string;
  block?: string;
}

/** A repeated stage is shown through its first repetition, as the paper draws one block. */
export function blockOfStage(stage: AnalyzedNode): AnalyzedNode {
  return stage.node.kind === 'repeat' && stage.children[0] ? stage.children[0] : stage;
}

/** Whether `address` is `root` or lies inside it. */
export function isWithin(address: string, root: string): boolean {
  return address === root || address.startsWith(`${root}/`);
}

/**
 * The block view showing `address` of a schema: its stage, and the node to select there (the same place in
 * the first repetition, which is the one a block view draws), if it lies inside the block.
 */
export function blockViewOf(analysis: NetworkAnalysis, address: string): { stage: string; node?: string } | undefined {
  const stageAddress = address.split('/')[0];
  const stage = analysis.byAddress.get(stageAddress);
  if (!stage || stage.children.length === 0) return undefined;
  const repeated = stage.node.kind === 'repeat';
  const root = blockOfStage(stage).address;
  let inner = address;
  if (repeated && address !== stageAddress) {
    const rest = address.slice(stageAddress.length + 1).split('/');
    rest[0] = '0';
    inner = `${stageAddress}/${rest.join('/')}`;
  }
  const inside = inner !== root && inner !== stageAddress && isWithin(inner, root) && analysis.byAddress.has(inner);
  return { stage: stageAddress, ...(inside ? { node: inner } : {}) };
}

/** The view a URL names, its messages in the reader's language (`m`, English by default). */
export function resolveView(
  params: ViewParams,
  options: ViewOptions,
  m: ExplorerMessages = english,
): ExplorerView | NotFound {
  if (!isNetworkId(params.network)) {
    return {
      ok: false,
      message: m.notFound.noNetwork(params.network),
      back: { href: HOME, label: m.notFound.allNetworks },
    };
  }
  const id: NetworkId = params.network;
  const lookup = findNetwork(id, params.variant);
  if (!lookup.ok) {
    const variants = variantsOf(id).join(m.notFound.or);
    return {
      ok: false,
      message: m.notFound.noVariant(titleOf(id), params.variant, variants),
      back: { href: networkHref(id, variantsOf(id)[0]), label: `${titleOf(id)}` },
    };
  }
  return viewOf(lookup.network, { id, variant: lookup.network.variant }, params.block, options, m);
}

/** A trained network's view (/trained/<id>[/<block>]): its definition from its file. */
export function resolveTrainedView(
  network: NetworkDefinition,
  trained: string,
  block: string | undefined,
  options: ViewOptions,
  m: ExplorerMessages = english,
): ExplorerView | NotFound {
  return viewOf(network, { id: network.id, variant: network.variant, trained }, block, options, m);
}

function viewOf(
  network: NetworkDefinition,
  place: NetworkPlace,
  blockParam: string | undefined,
  options: ViewOptions,
  m: ExplorerMessages,
): ExplorerView | NotFound {
  const params = { block: blockParam };
  const analysis = analysisOf(network);
  const here = m.networkHere(network.title, network.variant);
  let stage: AnalyzedNode | undefined;
  let block: AnalyzedNode | undefined;
  if (params.block !== undefined) {
    stage = analysis.stages.find((s) => s.address === params.block);
    if (!stage) {
      return {
        ok: false,
        message: m.notFound.noBlock(params.block, here, analysis.stages.map((s) => s.address).join(', ')),
        back: { href: placeHref(place), label: here },
      };
    }
    block = blockOfStage(stage);
  }
  // A stale or mistyped node or expansion does not cost the reader the view: it opens without that part.
  const ignored: string[] = [];
  const kept: ViewOptions = { ...options };
  let selected: AnalyzedNode | undefined;
  if (options.node) {
    selected = analysis.byAddress.get(options.node);
    if (!selected || (block && !isWithin(selected.address, block.address))) {
      const where = block ? m.ignored.nodeWhere(nodeLabel(block.node), here) : here;
      ignored.push(m.ignored.noNode(shortened(options.node), where));
      selected = undefined;
      delete kept.node;
    }
  }
  if (options.expand && block) {
    ignored.push(m.ignored.expandInBlock);
    delete kept.expand;
  } else if (Array.isArray(options.expand)) {
    const bad = options.expand.filter((a) => !canExpand(analysis, a));
    if (bad.length > 0) {
      const list = bad.map((a) => `"${a}"`).join(', ');
      ignored.push(m.ignored.noBlocksToOpen(here, list, bad.length));
      const good = options.expand.filter((a) => canExpand(analysis, a));
      if (good.length > 0) kept.expand = good;
      else delete kept.expand;
    }
  }
  if (options.scale) {
    const groups = residualGroups(analysis);
    const problems = residualScaleProblems(groups, options.scale);
    for (const problem of problems) {
      ignored.push(
        problem.kind === 'unknown-group'
          ? m.ignored.noScaleGroup(problem.group, here, groups.map((g) => g.address).join(', '))
          : m.ignored.scaleOutOfRange(
              problem.group,
              String(problem.value),
              RESIDUAL_SCALE_RANGE.min,
              RESIDUAL_SCALE_RANGE.max,
            ),
      );
    }
    if (problems.length > 0) {
      const bad = new Set(problems.map((p) => p.group));
      const good = Object.entries(options.scale).filter(([group]) => !bad.has(group));
      if (good.length > 0) kept.scale = Object.fromEntries(good);
      else delete kept.scale;
    }
  }
  if (options.channel !== undefined) {
    const channels = selected?.output.length === 3 ? selected.output[2] : undefined;
    const fits =
      channels !== undefined && Number.isInteger(options.channel) && options.channel >= 0 && options.channel < channels;
    if (!fits) {
      const value = String(options.channel);
      ignored.push(
        selected && channels !== undefined
          ? m.ignored.channelOutOfRange(value, nodeLabel(selected.node), channels - 1)
          : m.ignored.channelWithoutBox(value),
      );
      delete kept.channel;
    }
  }
  return {
    ok: true,
    network,
    place,
    analysis,
    ...(block ? { block } : {}),
    ...(stage ? { stage } : {}),
    ...(selected ? { selected } : {}),
    options: kept,
    ignored,
  };
}

function titleOf(id: NetworkId): string {
  const any = findNetwork(id);
  return any.ok ? any.network.title : id;
}
