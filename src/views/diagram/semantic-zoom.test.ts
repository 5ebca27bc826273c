import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import { expandAll, layoutNetwork } from '../../layout/index.ts';
import { fitAll } from './landing.ts';
import { CARD_LABEL_PX, DETAIL_SCALE, semanticDetail } from './semantic-zoom.ts';

const v2 = analyzeNetwork(NETWORKS['inception-resnet-v2'].released!);
const full = layoutNetwork(v2, expandAll(v2));

describe('semanticDetail', () => {
  it('draws everything with its text from half size up', () => {
    expect(semanticDetail(full, DETAIL_SCALE)).toEqual({ text: true, cards: [] });
    expect(semanticDetail(full, 1).cards).toEqual([]);
  });

  it('fitted to the screen, the fully expanded Inception-ResNet-v2 reads as its stages, each named at 11 px', () => {
    const k = fitAll(full, { width: 1060, height: 760 }).k;
    expect(k).toBeLessThan(0.1);
    const detail = semanticDetail(full, k);
    expect(detail.text).toBe(false);
    const names = detail.cards.map((c) => c.box.address).sort();
    expect(names).toEqual(
      [
        'inception-resnet-a',
        'inception-resnet-b',
        'inception-resnet-c',
        'inception-resnet-c-final',
        'mixed-5b',
        'reduction-a',
        'reduction-b',
        'stem',
      ].sort(),
    );
    const labelled = detail.cards.filter((c) => c.label).map((c) => c.label!.text);
    // The three repeats, the largest stages, always get their names.
    expect(labelled).toEqual(
      expect.arrayContaining([
        '10 × Inception-ResNet-A · ×0.17',
        '20 × Inception-ResNet-B · ×0.1',
        '9 × Inception-ResNet-C · ×0.2',
      ]),
    );
    for (const c of detail.cards) if (c.label) expect(c.label.size * k).toBeCloseTo(CARD_LABEL_PX, 5);
  });

  it('zoomed in part way, a repeat opens into its repetitions, each a card', () => {
    const detail = semanticDetail(full, 0.3);
    const reps = detail.cards.filter((c) => /^inception-resnet-a\/\d+$/.test(c.box.address));
    expect(reps).toHaveLength(10);
    expect(detail.cards.some((c) => c.box.address === 'inception-resnet-a')).toBe(false);
    // No label is placed over another.
    const rects = detail.cards.flatMap((c) =>
      c.label ? [{ x0: c.label.x, x1: c.label.x + 1, y0: c.label.y - c.label.size, y1: c.label.y }] : [],
    );
    for (let i = 0; i < rects.length; i++) {
      for (let j = i + 1; j < rects.length; j++) {
        const a = rects[i];
        const b = rects[j];
        expect(a.y1 <= b.y0 || b.y1 <= a.y0 || a.x1 <= b.x0 || b.x1 <= a.x0).toBe(true);
      }
    }
  });

  it('names rolled-up blocks at a readable size when the rolled-up network is zoomed far out', () => {
    const rolled = layoutNetwork(v2);
    const detail = semanticDetail(rolled, 0.3);
    expect(detail.cards.map((c) => c.box.address)).toContain('inception-resnet-b');
  });
});
