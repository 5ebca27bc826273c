// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import { layoutBlock } from '../../layout/block.ts';
import { DARK, LIGHT } from './palette.ts';
import { renderDiagramSvg } from './render-svg.ts';

const paper = analyzeNetwork(NETWORKS['inception-resnet-v2'].paper!);
const fig17 = layoutBlock(paper, 'inception-resnet-b/0');
const parse = (svg: string) => new DOMParser().parseFromString(svg, 'image/svg+xml');

describe('renderDiagramSvg', () => {
  it('writes a well-formed standalone SVG with explicit size, viewBox, title and one group per box', () => {
    const doc = parse(renderDiagramSvg(fig17));
    expect(doc.querySelector('parsererror')).toBeNull();
    const root = doc.documentElement;
    expect(root.getAttribute('xmlns')).toBe('http://www.w3.org/2000/svg');
    expect([root.getAttribute('width'), root.getAttribute('height')]).toEqual([
      String(fig17.width),
      String(fig17.height),
    ]);
    expect(root.getAttribute('viewBox')).toBe(`0 0 ${fig17.width} ${fig17.height}`);
    expect(root.getAttribute('font-family')).toContain('Liberation Sans');
    expect(doc.querySelector('title')?.textContent).toBe('Inception-ResNet-B (Fig. 17)');
    expect(doc.querySelectorAll('g[data-address]')).toHaveLength(fig17.boxes.length);
    expect(doc.querySelectorAll('g[data-edge]')).toHaveLength(fig17.edges.length);
    expect([...doc.querySelectorAll('text')].map((t) => t.textContent)).toEqual(
      expect.arrayContaining(['1×7 conv, 160', '1×1 conv, 1154, Linear', '×0.1–0.3', '17×17×1152']),
    );
  });

  it("paints with the chosen theme's concrete colours and scales the document size", () => {
    const dark = renderDiagramSvg(fig17, { theme: 'dark', scale: 2, title: 'Fig. 17 <dark> & co' });
    expect(dark).toContain(`fill="${DARK.background}"`);
    expect(dark).not.toContain(LIGHT.convFill);
    expect(dark).not.toContain('var(');
    const root = parse(dark).documentElement;
    expect(root.getAttribute('width')).toBe(String(fig17.width * 2));
    expect(root.getAttribute('viewBox')).toBe(`0 0 ${fig17.width} ${fig17.height}`);
    expect(dark).toContain('<title>Fig. 17 &lt;dark&gt; &amp; co</title>');
  });

  it('marks a residual problem on its "+" (not on the activation after it), with the message as tooltip', () => {
    const problem = paper.problems[0];
    const doc = parse(renderDiagramSvg(fig17, { problems: new Map([[problem.address, problem.message]]) }));
    const group = (address: string) =>
      [...doc.querySelectorAll('g[data-address]')].find((g) => g.getAttribute('data-address') === address)!;
    const badge = (address: string) =>
      [...group(address).querySelectorAll('circle')].filter((c) => c.getAttribute('fill') === LIGHT.problem).length;
    expect(badge('inception-resnet-b/0#add')).toBe(1);
    expect(badge('inception-resnet-b/0#relu')).toBe(0);
    expect(group('inception-resnet-b/0#add').querySelector('title')?.textContent).toContain(
      'problem: residual addition of the 17×17×1152 input',
    );
  });
});
