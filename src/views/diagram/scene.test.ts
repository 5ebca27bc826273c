import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import { expandAll, layoutBlock, layoutNetwork, PAPER_FIGURES } from '../../layout/index.ts';
import { textWidth } from '../../layout/text.ts';
import type { Layout } from '../../layout/types.ts';
import { LIGHT } from './palette.ts';
import { BADGE_RADIUS, badgeCentre, buildScene, type Shape } from './scene.ts';

interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The box of a text shape: its advance width, from 0.8 em above the baseline to 0.2 em below. */
function textRect(shape: Shape): Rect {
  const size = Number(shape.attrs['font-size']);
  const width = textWidth(shape.text ?? '', size, shape.attrs['font-weight'] === 700);
  const anchor = shape.attrs['text-anchor'];
  const x = Number(shape.attrs.x) - (anchor === 'middle' ? width / 2 : anchor === 'end' ? width : 0);
  return { x, y: Number(shape.attrs.y) - 0.8 * size, width, height: size };
}

const overlaps = (a: Rect, b: Rect) =>
  a.x < b.x + b.width - 0.5 && b.x < a.x + a.width - 0.5 && a.y < b.y + b.height - 0.5 && b.y < a.y + a.height - 0.5;

/** Every box marked with a problem: no badge may cover any text of the drawing. */
function badgesOnText(layout: Layout): string[] {
  const problems = new Map(layout.boxes.map((b) => [b.address, 'a problem']));
  const scene = buildScene(layout, { problems }, LIGHT, { interactive: true });
  const texts = [...scene.frames, ...scene.boxes]
    .flatMap((s) =>
      s.shapes.filter((x) => x.tag === 'text' && x.text !== '!').map((x) => ({ owner: s.box.address, shape: x })),
    )
    .concat(
      scene.edges.flatMap((e) => e.shapes.filter((x) => x.tag === 'text').map((x) => ({ owner: e.edge.id, shape: x }))),
    );
  const found: string[] = [];
  for (const box of layout.boxes) {
    const c = badgeCentre(box);
    const badge = { x: c.x - BADGE_RADIUS, y: c.y - BADGE_RADIUS, width: 2 * BADGE_RADIUS, height: 2 * BADGE_RADIUS };
    for (const t of texts)
      if (overlaps(badge, textRect(t.shape)))
        found.push(`the badge of ${box.address} covers "${t.shape.text}" of ${t.owner}`);
  }
  return found;
}

describe('problem badges', () => {
  it('the paper Inception-ResNet-B (Fig. 17): the badge on the "+" leaves its "×0.1–0.3" readable', () => {
    const f = PAPER_FIGURES.find((p) => p.figure === 17)!;
    const layout = layoutBlock(analyzeNetwork(NETWORKS[f.network][f.variant]!), f.address);
    const add = layout.boxes.find((b) => b.kind === 'add')!;
    expect(add.sublabel).toBe('×0.1–0.3');
    const scene = buildScene(layout, { problems: new Map([[add.address, '1152 vs 1154']]) }, LIGHT);
    const shapes = scene.boxes.find((s) => s.box.address === add.address)!.shapes;
    const scale = textRect(shapes.find((s) => s.text === '×0.1–0.3')!);
    const badge = shapes.find((s) => s.tag === 'circle' && s.attrs.r === BADGE_RADIUS)!;
    const b = {
      x: Number(badge.attrs.cx) - BADGE_RADIUS,
      y: Number(badge.attrs.cy) - BADGE_RADIUS,
      width: 2 * BADGE_RADIUS,
      height: 2 * BADGE_RADIUS,
    };
    expect(overlaps(b, scale)).toBe(false);
  });

  it('cover no text on any box of any figure, nor of any network rolled up or fully expanded', () => {
    const found: string[] = [];
    for (const f of PAPER_FIGURES)
      found.push(...badgesOnText(layoutBlock(analyzeNetwork(NETWORKS[f.network][f.variant]!), f.address)));
    for (const variants of Object.values(NETWORKS)) {
      for (const network of Object.values(variants)) {
        const a = analyzeNetwork(network!);
        found.push(...badgesOnText(layoutNetwork(a)), ...badgesOnText(layoutNetwork(a, expandAll(a))));
      }
    }
    expect(found).toEqual([]);
  });
});
