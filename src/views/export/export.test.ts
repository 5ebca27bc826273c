import { describe, expect, it } from 'vitest';
import { exportFileName, MAX_CANVAS_AREA, MAX_CANVAS_SIDE, pngSize } from './export.ts';

describe('pngSize', () => {
  it('doubles a block-sized diagram', () => {
    expect(pngSize(285.6, 468)).toEqual({ scale: 2, width: 572, height: 936 });
  });

  it('scales a whole expanded network down just enough to fit one canvas, never clipping it', () => {
    const size = pngSize(655, 18_320);
    expect(size.height).toBeLessThanOrEqual(MAX_CANVAS_SIDE);
    expect(size.width * size.height).toBeLessThanOrEqual(MAX_CANVAS_AREA);
    expect(size.scale).toBeGreaterThan(1.75);
    expect(size.width).toBe(Math.ceil(655 * size.scale));
    expect(size.height).toBe(Math.ceil(18_320 * size.scale));
  });

  it('respects the area limit for wide and tall drawings', () => {
    const size = pngSize(20_000, 20_000);
    expect(size.width * size.height).toBeLessThanOrEqual(MAX_CANVAS_AREA);
    expect(size.width).toBeLessThanOrEqual(MAX_CANVAS_SIDE);
  });

  it('refuses an empty drawing with a clear message', () => {
    expect(() => pngSize(0, 10)).toThrow('cannot export an empty diagram (0 × 10)');
  });
});

describe('exportFileName', () => {
  it("joins the view's parts into a safe name", () => {
    expect(exportFileName(['inception-resnet-v2', 'released', 'inception-resnet-b'], 'svg')).toBe(
      'inception-resnet-v2-released-inception-resnet-b.svg',
    );
    expect(exportFileName(['Inception v4', 'paper', ''], 'png')).toBe('inception-v4-paper.png');
    expect(exportFileName([], 'png')).toBe('diagram.png');
  });
});
