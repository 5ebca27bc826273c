/**
 * The browser's InferenceRuntime: TensorFlow.js backends (WebGPU → WebGL → WASM → CPU, with reasons for
 * each one skipped), safetensors parsing and checking, the network executor, and photo decoding +
 * preprocessing (EXIF orientation, Pillow-exact resize and crop). Runs inside the inference worker.
 */
import { getBackend } from '@tensorflow/tfjs-core';
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { inputPreprocessing } from '../../model/trained.ts';
import type { NetworkDefinition } from '../../model/types.ts';
import { activateBrowserBackend } from '../backends/backends.browser.ts';
import { createClassifier } from '../classifier.ts';
import { InsideNetwork } from '../inside/inside-network.ts';
import { IMAGENET_LABELS } from '../labels.ts';
import { decodeBitmap, decodeImage, rgbToImageBitmap } from '../preprocess/decode.browser.ts';
import type { RgbImage } from '../preprocess/image.ts';
import { preprocessPixels } from '../preprocess/pipeline.ts';
import { readCheckpointFile } from '../weights/checkpoint-file.ts';
import type { TensorSource } from '../weights/types.ts';
import type { FailureDetail } from '../failure-words.ts';
import type { BackendChoice, BackendName, ClassifyImage } from './protocol.ts';
import type { BuiltNetwork, DecodedPhoto, InferenceRuntime } from './inference-runtime.ts';

export class BrowserRuntime implements InferenceRuntime {
  readonly labels = IMAGENET_LABELS;
  private unwatch: (() => void) | undefined;
  private lostListener: ((backend: BackendName, cause: FailureDetail) => void) | undefined;

  async selectBackend(choice: BackendChoice, exclude: readonly BackendName[]) {
    this.unwatch?.();
    const backend = await activateBrowserBackend({ backend: choice, exclude });
    this.unwatch = backend.onLost((reason) => this.lostListener?.(backend.name, reason));
    return {
      choice,
      active: backend.name,
      detail: backend.detail,
      skipped: backend.skipped,
      ...(backend.wasm ? { wasm: backend.wasm } : {}),
    };
  }

  validate(network: NetworkDefinition, bytes: Uint8Array<ArrayBuffer>, fileName: string, cachedCopy = false) {
    return readCheckpointFile(bytes, fileName, analyzeNetwork(network), { valuesChecked: cachedCopy });
  }

  async build(
    network: NetworkDefinition,
    tensors: TensorSource,
    labels: readonly string[] = IMAGENET_LABELS,
  ): Promise<BuiltNetwork> {
    const classifier = createClassifier(network, tensors, { labels });
    const inside = new InsideNetwork(classifier.built, labels);
    const built: BuiltNetwork = {
      probabilities: async (input: Float32Array) => (await classifier.classify(input)).probabilities,
      withFeatures: async (input: Float32Array) => {
        const { probabilities, features } = await classifier.classify(input, { features: true });
        return { probabilities, features: features! };
      },
      probabilitiesBatch: async (inputs: Float32Array[]) =>
        (await classifier.classifyBatch(inputs)).map((c) => c.probabilities),
      inside,
      dispose: () => {
        inside.dispose();
        classifier.dispose();
      },
    };
    // One inference on a blank image while loading (compiles GPU programs, sets up XNNPACK's operators
    // and the pthread pool), so the user's first photo gets the warm latency instead of ~1.4× it. Not
    // on the CPU backend: nothing there to warm, and one inference costs ~13 s.
    if (getBackend() === 'cpu') return built;
    try {
      const started = performance.now();
      await classifier.warmUp();
      built.warmUpMs = performance.now() - started;
    } catch (error) {
      classifier.dispose();
      throw error;
    }
    return built;
  }

  async decode(image: ClassifyImage): Promise<DecodedPhoto> {
    let rgb: RgbImage | undefined;
    if (image.kind === 'blob') {
      rgb = (await decodeImage(image.blob, image.name)).image;
    } else {
      try {
        rgb = decodeBitmap(image.bitmap, image.name).image;
      } finally {
        image.bitmap.close();
      }
    }
    const { width, height } = rgb;
    return {
      width,
      height,
      get pixels() {
        return rgb;
      },
      async prepare(network: NetworkDefinition) {
        if (!rgb) throw new Error(`${image.name}: the decoded image was already released`);
        const { tensor, crop } = preprocessPixels(rgb, inputPreprocessing(network));
        return { input: tensor, crop: await rgbToImageBitmap(crop) };
      },
      close() {
        rgb = undefined;
      },
    };
  }

  onDeviceLost(listener: (backend: BackendName, cause: FailureDetail) => void): void {
    this.lostListener = listener;
  }
}
