import { describe, expect, it } from 'vitest';
import { inceptionPreprocessing } from '../../model/networks/preprocessing.ts';
import { inceptionResNetV2Released } from '../../model/networks/inception-resnet-v2.ts';
import { inceptionV4Released } from '../../model/networks/inception-v4.ts';
import { decodeImageFile } from './decode.node.ts';
import { rgbImage } from './image.ts';
import { cropForModel, preprocessPixels } from './pipeline.ts';
import { expected, fixturePath, sha256 } from '../../testing/preprocess-fixtures.ts';

describe('preprocessing is bit-exact with PIL + torchvision (timm eval transform)', () => {
  it('uses the crop_pcts of the released checkpoints', () => {
    expect(inceptionV4Released.checkpoint?.preprocessing.cropPct).toBe(expected.models['inception-v4']);
    expect(inceptionResNetV2Released.checkpoint?.preprocessing.cropPct).toBe(expected.models['inception-resnet-v2']);
  });

  for (const c of expected.pipeline) {
    it(`${c.file} (${c.note})`, async () => {
      const image = await decodeImageFile(fixturePath(c.file));
      // PNG decoding is lossless: the pixels are PIL's `convert('RGB')` exactly.
      expect(sha256(image.data)).toBe(c.rgbSha256);
      for (const [model, e] of Object.entries(c.models)) {
        const input = preprocessPixels(image, inceptionPreprocessing(expected.models[model]));
        expect(input.shape).toEqual([1, 299, 299, 3]);
        expect(input.tensor.length).toBe(299 * 299 * 3);
        const sum = input.crop.data.reduce((s, v) => s + v, 0);
        expect({ model, cropSum: sum, first8: Array.from(input.tensor.subarray(0, 8)) }).toEqual({
          model,
          cropSum: e.cropSum,
          first8: e.tensorFirst8,
        });
        expect({ model, crop: sha256(input.crop.data), tensor: sha256(input.tensor) }).toEqual({
          model,
          crop: e.cropSha256,
          tensor: e.tensorSha256,
        });
      }
    });
  }
});

describe('cropForModel', () => {
  it('refuses preprocessing it does not implement', () => {
    const image = rgbImage(400, 400);
    const bilinear = { ...inceptionPreprocessing(0.875), interpolation: 'bilinear' } as unknown as ReturnType<
      typeof inceptionPreprocessing
    >;
    expect(() => cropForModel(image, bilinear)).toThrow(/unsupported interpolation "bilinear"/);
  });
});
