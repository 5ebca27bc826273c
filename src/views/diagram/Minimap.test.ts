import { describe, expect, it } from 'vitest';
import { minimapScale } from './Minimap.tsx';

describe('minimapScale', () => {
  const layout = { width: 1000, height: 20000 };
  const view = { width: 1000, height: 800 };

  it('has no minimap while the whole drawing is on screen', () => {
    expect(minimapScale(layout, { x: 480, y: 0, k: 0.04 }, view)).toBeUndefined();
    expect(minimapScale(layout, { x: 0, y: 0, k: 1 }, { width: 0, height: 0 })).toBeUndefined();
  });

  it('fits the drawing into at most 120 × 180 px when part of it is off screen', () => {
    expect(minimapScale(layout, { x: 0, y: -19200, k: 1 }, view)).toBeCloseTo(180 / 20000, 10);
    expect(minimapScale({ width: 2400, height: 600 }, { x: -100, y: 0, k: 1 }, view)).toBeCloseTo(120 / 2400, 10);
  });

  it("takes at most a quarter of a small viewport (a phone's diagram above the open inspector)", () => {
    const block = { width: 286, height: 468 };
    const short = { width: 390, height: 220 };
    const s = minimapScale(block, { x: -100, y: -300, k: 1 }, short)!;
    expect(block.height * s).toBeCloseTo(55, 6);
    expect(block.width * s).toBeLessThanOrEqual(short.width / 4);
  });
});
