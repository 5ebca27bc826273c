/**
 * Test helper (not shipped): the browser's InferenceRuntime (validate, build — the real classifier and
 * look-inside network) on Node's WASM backend, with photos that are raw RGB: a blob of 2 bytes (width,
 * height) then the pixels. Preprocessing is the product's (preprocessPixels with the network's own).
 */
import { inputPreprocessing } from '../../model/trained.ts';
import type { NetworkDefinition } from '../../model/types.ts';
import { activateNodeBackend } from '../../runtime/backends/backends.node.ts';
import { rgbImage, type RgbImage } from '../../runtime/preprocess/image.ts';
import { preprocessPixels } from '../../runtime/preprocess/pipeline.ts';
import type { DecodedPhoto } from '../../runtime/worker/inference-runtime.ts';
import type { BackendChoice, BackendName, ClassifyImage } from '../../runtime/worker/protocol.ts';
import { BrowserRuntime } from '../../runtime/worker/runtime.ts';

/** A photo as this runtime reads it. */
export function rawPhoto(image: RgbImage, name = 'photo.rgb'): ClassifyImage {
  return {
    kind: 'blob',
    blob: new Blob([Uint8Array.of(image.width, image.height), image.data as Uint8Array<ArrayBuffer>]),
    name,
  };
}

/** A 40×48 photo: a bright disc on a dark ground, tinted by `seed`. */
export function discPhoto(seed = 0): RgbImage {
  const width = 40;
  const height = 48;
  const data = new Uint8Array(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = (x - 20) ** 2 + (y - 24) ** 2 < 144;
      const o = (y * width + x) * 3;
      data[o] = inside ? 230 : 20 + seed;
      data[o + 1] = inside ? 200 - seed : 40;
      data[o + 2] = (x * 5 + y * 3 + seed) % 256;
    }
  }
  return rgbImage(width, height, data);
}

export class NodeTrainedRuntime extends BrowserRuntime {
  override async selectBackend(choice: BackendChoice) {
    const backend = await activateNodeBackend('wasm');
    return { choice, active: backend.name as BackendName, detail: 'Node.js WASM (test)', skipped: [] };
  }

  override async decode(image: ClassifyImage): Promise<DecodedPhoto> {
    if (image.kind !== 'blob') throw new Error('raw photos only');
    const bytes = new Uint8Array(await image.blob.arrayBuffer());
    let rgb: RgbImage | undefined = rgbImage(bytes[0], bytes[1], bytes.slice(2));
    return {
      width: rgb.width,
      height: rgb.height,
      get pixels() {
        return rgb;
      },
      async prepare(network: NetworkDefinition) {
        if (!rgb) throw new Error(`${image.name}: released`);
        const { tensor, crop } = preprocessPixels(rgb, inputPreprocessing(network));
        return {
          input: tensor,
          crop: { width: crop.width, height: crop.height, close: () => undefined } as unknown as ImageBitmap,
        };
      },
      close() {
        rgb = undefined;
      },
    };
  }
}
