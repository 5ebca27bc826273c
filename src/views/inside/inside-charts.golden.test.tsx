/**
 * Golden SVGs of the look-inside charts: the geometry (histogram-geometry.ts, depth-chart-geometry.ts,
 * logit-scatter-geometry.ts) of made-up runs drawn by HistogramSvg, DepthPanelSvg and LogitScatterSvg,
 * compared byte for byte with `golden/*.svg` (the light theme's colours in a <style>, so the files can be
 * looked at). The app draws the histogram and the depth panels 300 wide and scales them to the inspector
 * (about 308 px on a desktop, 358 px on a phone); the `-phone` files are the geometry at a phone's 358,
 * to show it follows its width. The scatter is 240 px on both. Accept a change with
 * `UPDATE_GOLDEN=1 npx vitest run src/views/inside/inside-charts.golden.test.tsx`.
 */
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { DepthPoint, Histogram } from '../../runtime/inside/protocol.ts';
import { expectGoldenFile, standaloneSvg } from '../../testing/golden-file.ts';
import { inside as en } from '../i18n/en/inside.ts';
import { depthChartGeometry, type DepthSeries } from './depth-chart-geometry.ts';
import { DepthPanelSvg } from './DepthChart.tsx';
import { HistogramSvg } from './Histogram.tsx';
import { histogramGeometry } from './histogram-geometry.ts';
import { LogitScatterSvg } from './LogitScatter.tsx';
import { logitScatterGeometry } from './logit-scatter-geometry.ts';

const GOLDEN = new URL('./golden/', import.meta.url);
const STYLE =
  '<style>text{font:12px sans-serif;fill:#1d1f23}.axis text,.muted{fill:#5b6270}.grid line{stroke:#d9d5cc}' +
  '.series-0{fill:#1f5fbf}.series-1{fill:#c2410c}.series-0 circle{opacity:.55}' +
  '.reference{stroke:#5b6270;stroke-dasharray:4 4}.zero{stroke:#1d1f23;opacity:.5}' +
  '.line path{fill:none;stroke-width:1.6}.line.series-0 path{stroke:#1f5fbf}.line.series-1 path{stroke:#c2410c}' +
  '.line.dashed path{stroke-dasharray:4 3;opacity:.8}</style>';
const WIDTHS = [
  ['', 300],
  ['-phone', 358],
] as const;

function expectGolden(name: string, element: ReactElement): string {
  const svg = standaloneSvg(renderToStaticMarkup(element), STYLE);
  expectGoldenFile(GOLDEN, name, svg);
  return svg;
}

const thousandths = (v: number) => Math.round(v * 1000) / 1000;

function histogramSvg(histogram: Histogram, width: number, log: boolean, label: string): ReactElement {
  const geometry = histogramGeometry({ histogram, width, height: 110, log });
  return <HistogramSvg geometry={geometry} label={label} t={en.histogram} />;
}

/** Block labels of a network's stages: "Inception-A 1" … "Inception-A 4" for a repeat, "Stem" for one block. */
function stages(repeats: Array<[string, number]>): string[] {
  return repeats.flatMap(([name, n]) => Array.from({ length: n }, (_, i) => (n > 1 ? `${name} ${i + 1}` : name)));
}

/**
 * A made-up run along `labels`: means rise and fall, zeros grow with depth, the repeated blocks of a
 * residual network have ratios.
 */
function run(labels: string[], residual: boolean, lift = 1): DepthPoint[] {
  return labels.map((label, i) => {
    const ratio = thousandths((0.04 + 0.01 * (i % 5)) * lift);
    return {
      address: label.toLowerCase().replace(/ /g, '/'),
      label,
      index: i,
      mean: thousandths((0.35 + 0.5 * Math.sin(i / 3) ** 2 + 0.04 * i) * lift),
      zeroFraction: thousandths((residual ? 0.3 : 0.5) + (residual ? 0.5 : 0.3) * (i / labels.length) ** lift),
      ...(residual && / \d+$/.test(label)
        ? { residual: { scale: 0.1, shortcut: 10, branch: 5, scaled: 0.5, ratio } }
        : {}),
    };
  });
}

describe('golden SVGs of the look-inside charts', () => {
  it("a ReLU's output (zeros, a long tail) on a log scale, and a signed branch → golden/histogram-*.svg", () => {
    const tail = (i: number) => (i === 0 ? 28_000 : Math.round(4000 * Math.exp(-i / 6)));
    const relu = { min: 0, max: 4.5, counts: Uint32Array.from({ length: 64 }, (_, i) => tail(i)) };
    for (const [suffix, width] of WIDTHS) {
      const svg = expectGolden(`histogram-relu${suffix}.svg`, histogramSvg(relu, width, true, 'Values of 1×7 conv'));
      expect(svg.match(/<rect class="series-0"/g)).toHaveLength(64);
      expect(svg).not.toContain('class="zero"');
    }
    const bell = (i: number) => Math.round(900 * Math.exp(-(((i - 18) / 7) ** 2)));
    const signed = { min: -2.1, max: 3.4, counts: Uint32Array.from({ length: 48 }, (_, i) => bell(i)) };
    const svg = expectGolden('histogram-signed.svg', histogramSvg(signed, 300, false, 'Values of Linear'));
    expect(svg).toContain('class="zero"');
    expect(svg).not.toContain(en.histogram.logScale);
  });

  it('Inception-v4 against Inception-ResNet-v2 with other scales, released ones dashed → golden/depth-*.svg', () => {
    const v4 = stages([
      ['Stem', 1],
      ['Inception-A', 4],
      ['Reduction-A', 1],
      ['Inception-B', 7],
      ['Reduction-B', 1],
      ['Inception-C', 3],
    ]);
    const ir = stages([
      ['Stem', 1],
      ['Inception-ResNet-A', 5],
      ['Reduction-A', 1],
      ['Inception-ResNet-B', 10],
      ['Reduction-B', 1],
      ['Inception-ResNet-C', 5],
    ]);
    const series: DepthSeries[] = [
      { name: 'Inception-ResNet-v2 (these scales)', points: run(ir, true, 1.6), colour: 0 },
      { name: 'Inception-ResNet-v2 (released scales)', points: run(ir, true), colour: 0, dashed: true },
      { name: 'Inception-v4', points: run(v4, false), colour: 1 },
    ];
    for (const [suffix, width] of WIDTHS) {
      const panels = depthChartGeometry({ series, width, height: 92 });
      expect(panels.map((p) => p.measure)).toEqual(['mean', 'zeros', 'ratio']);
      for (const panel of panels) {
        const svg = expectGolden(`depth-${panel.measure}${suffix}.svg`, <DepthPanelSvg panel={panel} t={en.depth} />);
        // Points for the two solid runs (the ratio: residual blocks only), none for the dashed one.
        expect(svg.match(/<circle /g)).toHaveLength(panel.measure === 'ratio' ? 20 : 23 + 17);
      }
    }
  });

  it('a hundred logits moved by changed scales, some a lot → golden/logit-scatter.svg', () => {
    const released = Float32Array.from({ length: 100 }, (_, i) => 6 * Math.sin(i * 1.3) + (i === 7 ? 9 : 0));
    const current = Float32Array.from(released, (r, i) => r + 1.5 * Math.cos(i * 0.7) + (i === 42 ? 8 : 0));
    const geometry = logitScatterGeometry({ released, current, size: 240 });
    const svg = expectGolden('logit-scatter.svg', <LogitScatterSvg geometry={geometry} t={en.scatter} />);
    expect(svg.match(/<circle /g)).toHaveLength(100);
  });
});
