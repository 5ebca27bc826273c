/** Test helper (not shipped): an InferenceRuntime with real pixels, for multi-crop predictions in Node. */
import type { NetworkDefinition } from '../../model/types.ts';
import { rgbImage, type RgbImage } from '../../runtime/preprocess/image.ts';
import { preprocessPixels } from '../../runtime/preprocess/pipeline.ts';
import type { BackendName, ClassifyImage } from '../../runtime/worker/protocol.ts';
import type { InferenceRuntime } from '../../runtime/worker/inference-runtime.ts';

/**
 * A runtime whose "networks" answer from the input itself: the probability of class c grows with how close
 * the input's mean is to c/10, so different crops give different answers; Inception-ResNet-v2 shifts
 * them by one class. Photos are a 400×300 gradient whose brightness is the blob's second byte.
 */
export class GradientRuntime implements InferenceRuntime {
  readonly labels = Array.from({ length: 10 }, (_, i) => `label ${i}`);
  passes = 0;
  readonly log: string[] = [];
  /** Called after each forward pass has been counted (tests start other work at a chosen pass). */
  onPass: ((passes: number) => void) | undefined;
  /** While set, checking weights waits for it (a network is still loading; others classify meanwhile). */
  validating: Promise<void> | undefined;
  async selectBackend() {
    return { choice: 'auto' as const, active: 'wasm' as BackendName, skipped: [] };
  }
  async validate() {
    await this.validating;
    return { get: () => undefined, names: () => [] };
  }
  async build(network: NetworkDefinition) {
    const shift = network.id === 'inception-resnet-v2' ? 1 : 0;
    const pass = async (input: Float32Array) => {
      this.passes++;
      this.log.push('pass');
      this.onPass?.(this.passes);
      // Like TF.js on WebAssembly: the answer is ready without ever yielding to the event loop.
      await Promise.resolve();
      let mean = 0;
      for (let i = 0; i < input.length; i += 97) mean += input[i];
      mean = (mean / Math.ceil(input.length / 97) + 1) / 2; // 0..1
      const scores = Array.from({ length: 10 }, (_, c) => Math.exp(-Math.abs(mean - ((c + shift) % 10) / 10) * 20));
      const sum = scores.reduce((a, b) => a + b, 0);
      return { probabilities: Float32Array.from(scores, (s) => s / sum), mean };
    };
    return {
      probabilities: async (input: Float32Array) => (await pass(input)).probabilities,
      /** "Pooled features": the input's mean, the network's shift and the pass that made them. */
      withFeatures: async (input: Float32Array) => {
        const { probabilities, mean } = await pass(input);
        return { probabilities, features: Float32Array.of(mean, shift, this.passes) };
      },
      dispose: () => undefined,
    };
  }
  async decode(image: ClassifyImage) {
    this.log.push(`decode ${image.name}`);
    const bytes = new Uint8Array(await (image as { blob: Blob }).blob.arrayBuffer());
    if (bytes[0] !== 0xff) throw new Error(`${image.name}: not an image`);
    let pixels: RgbImage | undefined = gradient(bytes[1]);
    return {
      width: 400,
      height: 300,
      get pixels() {
        return pixels;
      },
      prepare: async (network: NetworkDefinition) => ({
        input: preprocessPixels(pixels!, network.checkpoint!.preprocessing).tensor,
        crop: { width: 299, height: 299 } as unknown as ImageBitmap,
      }),
      close: () => {
        pixels = undefined;
      },
    };
  }
  onDeviceLost() {}
}

export function gradient(brightness: number): RgbImage {
  const data = new Uint8Array(400 * 300 * 3);
  for (let y = 0; y < 300; y++)
    for (let x = 0; x < 400; x++)
      data.fill(Math.min(255, brightness + (x >> 2)), (y * 400 + x) * 3, (y * 400 + x) * 3 + 3);
  return rgbImage(400, 300, data);
}
