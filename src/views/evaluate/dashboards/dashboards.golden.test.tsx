/**
 * Golden SVGs of the evaluation's dashboards: the geometry (reliability-diagram.ts, confusion-grid.ts) of
 * hand-made records drawn by ReliabilityDiagram and ConfusionMatrix, compared byte for byte with
 * `golden/*.svg`. The files carry the light theme's colours in a <style> so they can be looked at; a
 * change shows up as a diff to review. Accept one with `UPDATE_GOLDEN=1 npx vitest run src/views/evaluate`.
 */
import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, it } from 'vitest';
import { expectGoldenFile, standaloneSvg } from '../../../testing/golden-file.ts';
import { reliability, type Outcome } from '../../../runtime/evaluation/calibration.ts';
import { confusion } from '../../../runtime/evaluation/confusion.ts';
import type { ImageRecord } from '../../../runtime/evaluation/records.ts';
import { dashboards as en } from '../../i18n/en/dashboards.ts';
import { shortName } from '../WorstClasses.tsx';
import { ConfusionMatrix } from './ConfusionMatrix.tsx';
import { confusionGrid } from './confusion-grid.ts';
import { ReliabilityDiagram } from './ReliabilityDiagram.tsx';
import { reliabilityDiagram } from './reliability-diagram.ts';

const GOLDEN = new URL('./golden/', import.meta.url);

const STYLE =
  '<style>text{font:11px sans-serif;fill:#1d1f23}.axis text,.muted{fill:#5b6270}' +
  '.grid line,.axis line,.frame{stroke:#d9d5cc;fill:none}.reference{stroke:#5b6270;stroke-dasharray:4 4}' +
  '.accuracy{fill:#1f5fbf}.gap{fill:rgba(194,65,12,.3);stroke:#c2410c}.count{fill:#5b6270}' +
  '.cell.right{fill:#1f5fbf}.cell.wrong{fill:#c2410c}.other-rule{stroke:#5b6270;stroke-dasharray:3 2}</style>';

function expectGolden(name: string, element: ReactElement): void {
  expectGoldenFile(GOLDEN, name, standaloneSvg(renderToStaticMarkup(element), STYLE));
}

/**
 * An overconfident network: 200 images whose top-1 probabilities spread over (0.2, 1], each bin right a
 * little less often than its confidence says (accuracy = confidence² over the bin's images).
 */
function overconfident(): Outcome[] {
  const outcomes: Outcome[] = [];
  for (let i = 0; i < 200; i++) {
    const confidence = 0.2 + (0.8 * ((i * 37) % 200)) / 200 + 0.002;
    outcomes.push({ confidence, correct: (i * 53) % 100 < 100 * confidence * confidence });
  }
  return outcomes;
}

const KEY = 'inception-v4/1';
const record = (index: number, label: number, predicted: number): ImageRecord => ({
  index,
  path: `${index}.jpg`,
  label,
  predictions: { [KEY]: { top5: [predicted, 1, 2, 3, 4], p1: 0.5 } },
});

/** Five classes of fish and sharks, 6 images each, some taken for one another and one for a class not present. */
function fishRecords(): ImageRecord[] {
  const classes = [0, 1, 2, 3, 4];
  const taken = [
    [0, 0, 0, 0, 0, 1],
    [1, 1, 1, 1, 0, 0],
    [2, 2, 2, 3, 3, 4],
    [3, 3, 3, 3, 3, 2],
    [4, 4, 4, 4, 4, 391],
  ];
  return classes.flatMap((label, r) => taken[r].map((predicted, i) => record(r * 6 + i, label, predicted)));
}

describe("golden SVGs of the evaluation's dashboards", () => {
  it("an overconfident network's reliability diagram at 440 and 320 px → golden/reliability*.svg", () => {
    const figures = reliability(overconfident());
    for (const [name, width] of [
      ['reliability.svg', 440],
      ['reliability-phone.svg', 320],
    ] as const) {
      expectGolden(
        name,
        <ReliabilityDiagram geometry={reliabilityDiagram(figures, width)} figures={figures} t={en.reliability} />,
      );
    }
  });

  it("five classes' confusion matrix with names, and forty without → golden/confusion-*.svg", () => {
    const five = confusion(fishRecords(), KEY);
    expectGolden(
      'confusion-5.svg',
      <ConfusionMatrix geometry={confusionGrid(five, 600)!} figures={five} nameOf={shortName} t={en.confusion} />,
    );
    const forty = confusion(
      Array.from({ length: 120 }, (_, i) => record(i, i % 40, i % 7 === 0 ? (i + 1) % 40 : i % 40)),
      KEY,
    );
    expectGolden(
      'confusion-40-phone.svg',
      <ConfusionMatrix geometry={confusionGrid(forty, 358)!} figures={forty} nameOf={shortName} t={en.confusion} />,
    );
  });
});
