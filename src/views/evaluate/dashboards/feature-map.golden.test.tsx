/**
 * The golden SVG of the feature map: the geometry (feature-map-geometry.ts) of a made-up run drawn by
 * FeatureMapChart, compared byte for byte with `golden/feature-map.svg` (the light theme's colours in a
 * <style>, so it can be looked at).
 * Accept a change with `UPDATE_GOLDEN=1 npx vitest run src/views/evaluate/dashboards`.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { FeaturePoint } from '../../../runtime/evaluation/feature-map.ts';
import { featureMap as en } from '../../i18n/en/feature-map.ts';
import { featureMapGeometry } from './feature-map-geometry.ts';
import { FeatureMapChart } from './FeatureMapChart.tsx';

const GOLDEN = new URL('./golden/', import.meta.url);
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const STYLE =
  '<style>.frame{fill:none;stroke:#d9d5cc}.axes line{stroke:#d9d5cc;stroke-dasharray:3 3}.mark{stroke:#fff;stroke-width:.75}' +
  '.mark.wrong{stroke:#1d1f23;stroke-width:1.6}.selection{fill:none;stroke:#e07b00;stroke-width:2.5}' +
  '.colour-0{fill:#1f5fbf}.colour-1{fill:#c2410c}.colour-2{fill:#2f855a}.colour-3{fill:#7048e8}</style>';

/** Four classes in clusters around the origin, every fifth image taken for the next class. */
const points: FeaturePoint[] = Array.from({ length: 40 }, (_, i) => {
  const label = [1, 3, 5, 7][i % 4];
  const angle = (i % 4) * (Math.PI / 2) + 0.3;
  const spread = 0.4 + 0.08 * (i % 7);
  return {
    index: i,
    path: `val/${label}/${i}.jpg`,
    label,
    predicted: i % 5 === 0 ? [3, 5, 7, 1][i % 4] : label,
    x: 3 * Math.cos(angle) + spread * Math.cos(i),
    y: 1.5 * Math.sin(angle) + spread * Math.sin(i * 1.7),
  };
});

describe("the feature map's golden SVG", () => {
  it('forty images of four classes, misclassified ones outlined, one selected → golden/feature-map.svg', () => {
    const geometry = featureMapGeometry(points, 640, 400);
    const markup = renderToStaticMarkup(
      <FeatureMapChart
        geometry={geometry}
        label={en.label(40, '71.2 %', '20.4 %')}
        titleOf={(m) => en.point(m.point.path, String(m.point.label), String(m.point.predicted), m.wrong)}
        selected={5}
      />,
    );
    const svg = `${markup.replace(/^<svg /, '<svg xmlns="http://www.w3.org/2000/svg" ').replace(/(<svg[^>]*>)/, `$1${STYLE}`)}\n`;
    const file = new URL('feature-map.svg', GOLDEN);
    if (UPDATE) {
      mkdirSync(GOLDEN, { recursive: true });
      writeFileSync(file, svg);
    }
    expect(existsSync(file), 'golden/feature-map.svg is missing; create it with UPDATE_GOLDEN=1').toBe(true);
    expect(svg).toBe(readFileSync(file, 'utf8'));
    expect(svg.match(/<circle class="mark/g)).toHaveLength(40);
    expect(svg.match(/class="mark colour-\d wrong"/g)).toHaveLength(8);
  });
});
