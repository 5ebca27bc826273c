/** Which (network, variant, block) reproduces each figure of the paper, read from the definitions' `block.figure`. */
import { analyzeNetwork } from '../model/analysis/analyze.ts';
import { NETWORKS, PAPER_NETWORK_IDS, variantsOf } from '../model/networks/index.ts';
import { NETWORK_FACTS } from '../model/paper.ts';
import type { PaperNetworkId } from '../model/types.ts';
import { blockName } from './convert.ts';
import type { PaperFigure } from './types.ts';

/**
 * Every (network, variant, block) drawing a block figure: paper variants first, in network order. The
 * small networks keep their blocks' figure numbers, but the figures are the paper's networks'.
 */
function collectDrawings(): PaperFigure[] {
  const drawings: PaperFigure[] = [];
  // Paper variants first: where a figure appears in several networks, the paper's own form draws it.
  for (const variant of ['paper', 'released'] as const) {
    for (const network of PAPER_NETWORK_IDS) {
      if (!variantsOf(network).includes(variant)) continue;
      const analysis = analyzeNetwork(NETWORKS[network][variant]!);
      for (const stage of analysis.stages) {
        const block = stage.node.kind === 'repeat' ? stage.children[0] : stage;
        const info = block && 'block' in block.node ? block.node.block : undefined;
        if (!info?.figure) continue;
        drawings.push({
          figure: info.figure,
          network,
          variant,
          blockId: info.id,
          address: block.address,
          title: blockName(block.node),
        });
      }
    }
  }
  return drawings;
}

const DRAWINGS = collectDrawings();

function collectFigures(): PaperFigure[] {
  const byFigure = new Map<number, PaperFigure>();
  for (const d of DRAWINGS) if (!byFigure.has(d.figure)) byFigure.set(d.figure, d);
  return [...byFigure.values()].sort((a, b) => a.figure - b.figure);
}

/** The block figures of the paper (3–8, 10–14, 16–19), in figure order. */
export const PAPER_FIGURES: readonly PaperFigure[] = collectFigures();

/** The schema figures: Fig. 9 (Inception-v4), Fig. 15 (both Inception-ResNets). */
export const SCHEMA_FIGURES: ReadonlyArray<{ figure: number; networks: PaperNetworkId[] }> = [
  ...new Set(Object.values(NETWORK_FACTS).map((f) => f.schemaFigure)),
].map((figure) => ({ figure, networks: PAPER_NETWORK_IDS.filter((id) => NETWORK_FACTS[id].schemaFigure === figure) }));

/** The figure reproduced by `figure`'s number, if the paper has such a block figure. */
export function findFigure(figure: number): PaperFigure | undefined {
  return PAPER_FIGURES.find((f) => f.figure === figure);
}

/**
 * The block of `network` that `figure` draws (its paper variant first): Fig. 7 is Reduction-A of
 * Inception-v4 and of both Inception-ResNets, each with its own k, l, m, n.
 */
export function findFigureIn(network: PaperNetworkId, figure: number): PaperFigure | undefined {
  return DRAWINGS.find((d) => d.network === network && d.figure === figure);
}
