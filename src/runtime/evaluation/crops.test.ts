import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { inceptionPreprocessing } from '../../model/networks/preprocessing.ts';
import { decodeImageFile } from '../preprocess/decode.node.ts';
import { cropForModel } from '../preprocess/pipeline.ts';
import { fixturePath, sha256 } from '../../testing/preprocess-fixtures.ts';
import { cropImages, mirrorImage } from './crop-pixels.ts';
import { DENSE_SCALES, planCrops, type CropCount } from './crops.ts';
import { rgbImage } from '../preprocess/image.ts';

/** fixtures/crops/expected.json, made by scripts/make-crop-fixtures.py with PIL. */
interface ExpectedCrops {
  denseScales: number[];
  images: {
    file: string;
    size: [number, number];
    sets: {
      crops: CropCount;
      model: string;
      cropPct: number;
      plans: {
        scale: number;
        resized: [number, number];
        box: [number, number, number];
        mirror: boolean;
        resize: boolean;
        sha256: string;
      }[];
    }[];
  }[];
}
const expected = JSON.parse(
  readFileSync(new URL('../../../fixtures/crops/expected.json', import.meta.url), 'utf8'),
) as ExpectedCrops;

describe('crop geometry (against PIL, fixtures/crops)', () => {
  it("scales GoogLeNet's dense protocol by 299/224", () => {
    expect(DENSE_SCALES).toEqual(expected.denseScales);
    expect(DENSE_SCALES).toEqual([256, 288, 320, 352].map((s) => Math.round((s * 299) / 224)));
  });

  for (const image of expected.images) {
    for (const set of image.sets) {
      it(`${image.file}: ${set.crops} crop(s), crop_pct ${set.cropPct} — same boxes as PIL's script`, () => {
        const plans = planCrops(
          { width: image.size[0], height: image.size[1] },
          set.crops,
          inceptionPreprocessing(set.cropPct),
        );
        expect(
          plans.map((p) => ({
            scale: p.scale,
            resized: [p.resized.width, p.resized.height],
            box: [p.box.left, p.box.top, p.box.size],
            mirror: p.mirror,
            resize: p.resize,
          })),
        ).toEqual(
          set.plans.map(({ scale, resized, box, mirror, resize }) => ({ scale, resized, box, mirror, resize })),
        );
        expect(new Set(plans.map((p) => p.label)).size).toBe(plans.length);
      });

      it(`${image.file}: ${set.crops} crop(s), crop_pct ${set.cropPct} — pixels bit-exact with PIL`, async () => {
        const decoded = await decodeImageFile(fixturePath(image.file));
        const plans = planCrops(decoded, set.crops, inceptionPreprocessing(set.cropPct));
        const hashes = [...cropImages(decoded, plans, 299)].map((crop) => sha256(crop.data));
        expect(hashes).toEqual(set.plans.map((p) => p.sha256));
      });
    }
  }

  it("starts 1 and 12 crops with today's centre crop (the single-crop path's bytes)", async () => {
    for (const file of ['landscape-640x427.png', 'portrait-375x500.png']) {
      const decoded = await decodeImageFile(fixturePath(file));
      for (const cropPct of [0.875, 0.8975]) {
        const today = cropForModel(decoded, inceptionPreprocessing(cropPct)).crop;
        for (const count of [1, 12] as const) {
          const [first] = cropImages(decoded, planCrops(decoded, count, inceptionPreprocessing(cropPct)), 299);
          expect(sha256(first.data)).toBe(sha256(today.data));
        }
      }
    }
  });

  it('takes top, centre and bottom squares of a portrait image, left, centre and right of a landscape one', () => {
    const portrait = planCrops({ width: 375, height: 500 }, 144, inceptionPreprocessing(0.875));
    const squares = portrait.filter((p) => p.resize && !p.mirror && p.scale === 342).map((p) => p.box);
    expect(squares).toEqual([
      { left: 0, top: 0, size: 342 },
      { left: 0, top: 57, size: 342 },
      { left: 0, top: 114, size: 342 },
    ]);
    const landscape = planCrops({ width: 500, height: 375 }, 144, inceptionPreprocessing(0.875));
    expect(landscape.filter((p) => p.resize && !p.mirror && p.scale === 342).map((p) => p.box.left)).toEqual([
      0, 57, 114,
    ]);
    expect(new Set(landscape.map((p) => p.scale))).toEqual(new Set(DENSE_SCALES));
  });

  it('mirrors left to right', () => {
    const image = rgbImage(3, 2, Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18]));
    expect(Array.from(mirrorImage(image).data)).toEqual([
      7, 8, 9, 4, 5, 6, 1, 2, 3, 16, 17, 18, 13, 14, 15, 10, 11, 12,
    ]);
  });

  it('refuses a crop count it does not define', () => {
    expect(() => planCrops({ width: 400, height: 300 }, 10 as CropCount, inceptionPreprocessing(0.875))).toThrow(
      'crops must be 1, 12 or 144, got 10',
    );
  });
});
