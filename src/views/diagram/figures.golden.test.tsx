/**
 * Golden SVGs: every block figure of the paper and the released Inception-ResNet-v2 schema, rendered by
 * `renderDiagramSvg` and compared byte for byte with `golden/*.svg`. A change to the layout, the scene or
 * the renderer shows up as a diff to review; accept it with `UPDATE_GOLDEN=1 npx vitest run src/views/diagram`.
 */
import { describe, it } from 'vitest';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import { layoutBlock } from '../../layout/block.ts';
import { PAPER_FIGURES } from '../../layout/figures.ts';
import { layoutNetwork } from '../../layout/network.ts';
import type { Layout } from '../../layout/types.ts';
import { expectGoldenFile } from '../../testing/golden-file.ts';
import { renderDiagramSvg } from './render-svg.ts';

const GOLDEN = new URL('./golden/', import.meta.url);
function expectGolden(name: string, layout: Layout): void {
  expectGoldenFile(GOLDEN, name, renderDiagramSvg(layout));
}

const slug = (s: string) =>
  s
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

describe('golden SVGs of the paper figures', () => {
  for (const f of PAPER_FIGURES) {
    const name = `fig-${String(f.figure).padStart(2, '0')}-${slug(f.title)}.svg`;
    it(`Fig. ${f.figure}: ${f.title} (${f.network}, ${f.variant}) → golden/${name}`, () => {
      expectGolden(name, layoutBlock(analyzeNetwork(NETWORKS[f.network][f.variant]!), f.address));
    });
  }
});

describe('golden SVG of a network schema', () => {
  it('the released Inception-ResNet-v2, rolled up (Fig. 15 as released) → golden/inception-resnet-v2-released.svg', () => {
    expectGolden(
      'inception-resnet-v2-released.svg',
      layoutNetwork(analyzeNetwork(NETWORKS['inception-resnet-v2'].released!)),
    );
  });
});
