import { describe, expect, it } from 'vitest';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { NETWORKS } from '../../model/networks/index.ts';
import { expandAll, layoutBlock, layoutNetwork } from '../../layout/index.ts';
import type { Box, Layout } from '../../layout/types.ts';
import {
  fitAll,
  fitTarget,
  landing,
  lookedAt,
  opening,
  READABLE_SCALE,
  type Transform,
  type Viewport,
} from './landing.ts';
import { DETAIL_SCALE } from './semantic-zoom.ts';

const v4 = analyzeNetwork(NETWORKS['inception-v4'].released!);
const v2 = analyzeNetwork(NETWORKS['inception-resnet-v2'].released!);
const rolled = layoutNetwork(v4);
const expanded = layoutNetwork(v4, expandAll(v4));
const view: Viewport = { width: 1060, height: 760 };
const box = (layout: Layout, address: string): Box => layout.boxes.find((b) => b.address === address)!;
const onScreen = (t: Transform, b: Box) => ({
  left: t.x + b.x * t.k,
  right: t.x + (b.x + b.width) * t.k,
  top: t.y + b.y * t.k,
  bottom: t.y + (b.y + b.height) * t.k,
});

describe('landing after Expand all / Collapse all', () => {
  it('Expand all at 118 % keeps Inception-C where the reader was looking, whole across the viewport', () => {
    // The reader has zoomed in on the rolled-up "3 × Inception-C".
    const c = box(rolled, 'inception-c');
    const t: Transform = {
      k: 1.18,
      x: view.width / 2 - (c.x + c.width / 2) * 1.18,
      y: view.height / 2 - (c.y + c.height / 2) * 1.18,
    };
    expect(lookedAt(rolled, t, view)?.address).toBe('inception-c');
    const after = landing(rolled, expanded, t, view)!;
    const frame = onScreen(after, box(expanded, 'inception-c'));
    expect(frame.left).toBeGreaterThanOrEqual(0);
    expect(frame.right).toBeLessThanOrEqual(view.width);
    expect(after.k).toBeLessThanOrEqual(1.18);
    // Taller than the viewport now: it fills it from its bottom (where its input enters) up.
    expect(frame.bottom).toBeCloseTo(view.height - 16, 5);
    expect(frame.top).toBeLessThan(0);
  });

  it('opening one block keeps the bottom of a box that still fits where it was', () => {
    const opened = layoutNetwork(v4, new Set(['reduction-a']));
    const r = box(rolled, 'reduction-a');
    const t: Transform = { k: 1, x: view.width / 2 - (r.x + r.width / 2), y: view.height / 2 - (r.y + r.height / 2) };
    const after = landing(rolled, opened, t, view)!;
    expect(after.k).toBe(1);
    expect(onScreen(after, box(opened, 'reduction-a')).bottom).toBeCloseTo(onScreen(t, r).bottom, 5);
  });

  it("Collapse all from a far-out view of the expanded network lands on the stage looked at, at the rolled-up drawing's fitting scale", () => {
    const b = box(expanded, 'inception-b/3/2/1');
    const t: Transform = {
      k: 0.2,
      x: view.width / 2 - (b.x + b.width / 2) * 0.2,
      y: view.height / 2 - (b.y + b.height / 2) * 0.2,
    };
    const after = landing(expanded, rolled, t, view)!;
    expect(after.k).toBeCloseTo(Math.min(1, fitAll(rolled, view).k), 5);
    const stage = onScreen(after, box(rolled, 'inception-b'));
    expect(stage.top).toBeGreaterThanOrEqual(0);
    expect(stage.bottom).toBeLessThanOrEqual(view.height);
  });

  it('prefers the selected box when it is in view', () => {
    const t = fitAll(rolled, view);
    expect(lookedAt(rolled, t, view, 'reduction-b')?.address).toBe('reduction-b');
  });
});

describe('opening and Fit', () => {
  it('opens a wide block on a phone at a readable scale, at its input, not fitted to ~5 px text', () => {
    const fig = layoutBlock(v4, 'inception-c');
    const phone = { width: 390, height: 650 };
    const t = opening(fig, phone);
    expect(fitAll(fig, phone).k).toBeLessThan(READABLE_SCALE);
    expect(t.k).toBe(READABLE_SCALE);
    // Its input (the bottom) is on screen.
    expect(t.y + fig.height * t.k).toBeLessThanOrEqual(phone.height);
  });

  it('opens a block only too wide for a 360 px phone whole, every branch in view, with thumbnails too', () => {
    const phone = { width: 360, height: 560 };
    for (const room of [{}, { thumbnail: 30 }]) {
      const fig = layoutBlock(v4, 'inception-a', room);
      const t = opening(fig, phone);
      expect(fitAll(fig, phone).k).toBeLessThan(READABLE_SCALE);
      expect(t.x).toBeGreaterThanOrEqual(0);
      expect(t.x + fig.width * t.k).toBeLessThanOrEqual(phone.width);
      // Its labels are still drawn (semantic zoom keeps them from DETAIL_SCALE up).
      expect(t.k).toBeGreaterThanOrEqual(DETAIL_SCALE);
    }
  });

  it('centres a block that is too wide for a phone but not too tall down the screen, its input in view', () => {
    const fig = layoutBlock(v4, 'inception-a');
    const phone = { width: 390, height: 700 };
    const t = opening(fig, phone);
    expect(fitAll(fig, phone).k).toBeLessThan(READABLE_SCALE);
    const top = t.y;
    const bottom = t.y + fig.height * t.k;
    expect(top).toBeGreaterThan(0);
    expect(bottom).toBeLessThan(phone.height);
    expect(top).toBeCloseTo(phone.height - bottom, 5);
  });

  it('fits the whole drawing where it is readable, else first the stage looked at, then the whole', () => {
    expect(fitTarget(rolled, fitAll(rolled, view), view)).toEqual(fitAll(rolled, view));
    const full = layoutNetwork(v2, expandAll(v2));
    const stage = box(full, 'inception-resnet-a');
    const t: Transform = {
      k: 1,
      x: view.width / 2 - (stage.x + stage.width / 2),
      y: view.height / 2 - (stage.y + 400),
    };
    const first = fitTarget(full, t, view);
    const s = onScreen(first, stage);
    expect(s.left).toBeGreaterThanOrEqual(0);
    expect(s.right).toBeLessThanOrEqual(view.width);
    expect(first.k).toBeGreaterThan(fitAll(full, view).k);
    expect(fitTarget(full, first, view)).toEqual(fitAll(full, view));
  });
});
