/**
 * Golden SVG of the "where they part" chart: the geometry (parting-chart.ts) of a photo and its mirror
 * through the tiny test network's blocks, drawn by PartingSvg, compared byte for byte with
 * `golden/*.svg` (light theme colours in a <style>, so the files can be looked at). Accept a change with
 * `UPDATE_GOLDEN=1 npx vitest run src/views/inside/parting.golden.test.tsx`.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, it } from 'vitest';
import type { PartingPoint } from '../../runtime/inside/parting-protocol.ts';
import { expectGoldenFile } from '../../testing/golden-file.ts';
import { parting as en } from '../i18n/en/parting.ts';
import { partingChart } from './parting-chart.ts';
import { cosineText, PartingSvg } from './PartingChart.tsx';

const GOLDEN = new URL('./golden/', import.meta.url);
const STYLE =
  '<style>text{font:12px sans-serif;fill:#5b6270}.grid line,.stages line{stroke:#d9d5cc}' +
  '.stages text{font-size:8.5px}.axis text{font-size:9px}.line path{fill:none;stroke:#1f5fbf;stroke-width:1.6}' +
  '.line circle{fill:#1f5fbf}.drop{stroke:#8b5cf6;stroke-dasharray:3 3}</style>';

function expectGolden(name: string, points: PartingPoint[]): void {
  const markup = renderToStaticMarkup(
    <PartingSvg
      geometry={partingChart({ width: 300, height: 200, points })}
      label={en.chartLabel('a.png', 'b.png')}
      axis={en.axis}
      pointTitle={(p) => en.point(p.label, p.cosine === null ? en.none : cosineText(p.cosine))}
    />,
  );
  const svg = `${markup.replace(/^<svg /, '<svg xmlns="http://www.w3.org/2000/svg" ').replace(/(<svg[^>]*>)/, `$1${STYLE}`)}\n`;
  expectGoldenFile(GOLDEN, name, svg);
}

const p = (address: string, label: string, index: number, cosine: number | null): PartingPoint => ({
  address,
  label,
  index,
  cosine,
});

describe('golden SVG of the "where they part" chart', () => {
  it('Inception-v4-like stages, a drop in the middle → golden/parting.svg', () => {
    const labels = [
      'Stem',
      ...[1, 2, 3, 4].map((i) => `Inception-A ${i}`),
      'Reduction-A',
      ...[1, 2, 3, 4, 5, 6, 7].map((i) => `Inception-B ${i}`),
      'Reduction-B',
      ...[1, 2, 3].map((i) => `Inception-C ${i}`),
      'Classifier',
    ];
    const stage = (label: string) => label.replace(/\s+\d+$/, '').toLowerCase();
    const counters = new Map<string, number>();
    const points = labels.map((label, i) => {
      const s = stage(label);
      const repeated = /\d$/.test(label);
      const n = counters.get(s) ?? 0;
      counters.set(s, n + 1);
      const cosine = i < 6 ? 0.97 - i * 0.03 : i === 6 ? 0.52 : Math.max(0.2, 0.5 - (i - 6) * 0.025);
      return p(repeated ? `${s}/${n}` : s, label, i, Math.round(cosine * 1000) / 1000);
    });
    expectGolden('parting.svg', points);
  });

  it('a negative value and a block of zeros → golden/parting-negative.svg', () => {
    expectGolden('parting-negative.svg', [
      p('stem', 'Stem', 0, 0.9),
      p('mixed', 'Mixed', 1, null),
      p('block/0', 'Block 1', 2, 0.3),
      p('block/1', 'Block 2', 3, -0.4),
      p('head', 'Classifier', 4, -0.8),
    ]);
  });
});
