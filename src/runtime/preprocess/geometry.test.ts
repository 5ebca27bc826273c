import { describe, expect, it } from 'vitest';
import { inceptionPreprocessing } from '../../model/networks/preprocessing.ts';
import { centerCropOffset, planPreprocess, resizeShorterSide, roundHalfToEven, scaleSize } from './geometry.ts';
import { expected } from '../../testing/preprocess-fixtures.ts';

describe('geometry of the eval transform', () => {
  it('resizes the shorter side to floor(299 / crop_pct): 341 for Inception-v4, 333 for Inception-ResNet-v2', () => {
    expect(scaleSize(299, 0.875)).toBe(341);
    expect(scaleSize(299, 0.8975)).toBe(333);
    expect(scaleSize(299, 1)).toBe(299);
    expect(() => scaleSize(299, 0)).toThrow(/crop_pct/);
    expect(() => scaleSize(299, 1.2)).toThrow(/crop_pct/);
  });

  it('scales the longer side as int(size * long / short)', () => {
    expect(resizeShorterSide({ width: 640, height: 427 }, 341)).toEqual({ width: 511, height: 341 });
    expect(resizeShorterSide({ width: 375, height: 500 }, 341)).toEqual({ width: 341, height: 454 });
    expect(resizeShorterSide({ width: 1, height: 10000 }, 333)).toEqual({ width: 333, height: 3330000 });
    expect(resizeShorterSide({ width: 512, height: 512 }, 333)).toEqual({ width: 333, height: 333 });
  });

  it('rounds crop offsets half to even like Python', () => {
    expect([0.5, 1.5, 2.5, 77.5, 72.5, 3.2, 3.7, 21].map(roundHalfToEven)).toEqual([0, 2, 2, 78, 72, 3, 4, 21]);
    expect(centerCropOffset(454, 299)).toBe(78);
    expect(centerCropOffset(444, 299)).toBe(72);
    expect(centerCropOffset(299, 299)).toBe(0);
    expect(() => centerCropOffset(200, 299)).toThrow(/center-crop/);
  });

  it('plans every fixture exactly as torchvision did (both crop_pcts, both rounding directions)', () => {
    for (const c of expected.pipeline) {
      for (const [model, e] of Object.entries(c.models)) {
        const plan = planPreprocess(
          { width: c.size[0], height: c.size[1] },
          inceptionPreprocessing(expected.models[model]),
        );
        expect({
          file: c.file,
          model,
          scale: plan.scaleSize,
          resized: [plan.resized.width, plan.resized.height],
          crop: [plan.cropLeft, plan.cropTop],
        }).toEqual({ file: c.file, model, scale: e.scaleSize, resized: e.resized, crop: e.crop });
      }
    }
  });
});
