/**
 * Classifying photos on the loaded networks: one crop per network through each network's micro-batcher
 * (`classify`), or multi-crop and ensemble predictions (`predict`, prediction.ts) with progress and
 * cancelling. Inference takes its turn in the service's queue, since it shares the backend.
 */
import { Limiter, MicroBatcher, sequentially } from './batcher.ts';
import { asFailure, InferenceFailure } from './errors.ts';
import { failureDetailOf } from '../failure-words.ts';
import type { DecodedPhoto } from './inference-runtime.ts';
import type { NetworkRegistry } from './network-registry.ts';
import type { InsideService } from './inside-service.ts';
import type { BatchPhoto } from '../inside/inside-network.ts';
import { softmax } from '../softmax.ts';
import { predictPhoto } from './prediction.ts';
import { now, type ServiceDependencies } from './service-dependencies.ts';
import { topClasses } from '../top-k.ts';
import type {
  BackendName,
  ClassifyImage,
  ClassifyOutcome,
  InferenceNetwork,
  NetworkResult,
  PredictOutcome,
  PredictProgress,
  PredictRequest,
} from './protocol.ts';

/** Photos inferred together at most (more would delay the first results of a dropped folder). */
const MAX_BATCH = 4;

interface BatchResult {
  probabilities: Float32Array;
  /** The batch's inference time shared equally among its photos. */
  inferenceMs: number;
  backend: BackendName;
}

export interface ClassifierDependencies extends Pick<ServiceDependencies, 'runtime' | 'serial'> {
  networks: Pick<NetworkRegistry, 'get' | 'has' | 'assertLoaded' | 'definitionOf' | 'titleOf' | 'labelsOf'>;
  /** Keeps a photo classified with its slot for its look inside (InsideService.keepClassified). */
  keepClassified?: InsideService['keepClassified'];
}

/** A photo waiting for its network's batch; `keep`, run in the batch's turn after it, keeps its look inside. */
interface Waiting extends BatchPhoto {
  keep?: () => Promise<void>;
}

export class BatchingClassifier {
  /** Photos being decoded at once (each holds a full-size image until preprocessed). */
  private readonly preparing = new Limiter(2);
  private readonly batchers = new Map<InferenceNetwork, MicroBatcher<Waiting, BatchResult>>();
  private readonly predictions = new Map<string, AbortController>();

  constructor(private readonly deps: ClassifierDependencies) {}

  /**
   * Decoding and preprocessing run outside the queue (a few photos at a time, while earlier ones are
   * inferred); inference goes through each network's batcher, whose batches run in the queue: photos
   * that pile up (a dropped folder) are inferred together, keeping every core busy. A photo with its
   * library slot (`image.slot`) keeps what its look inside needs (see InsideNetwork.classify).
   */
  async classify(image: ClassifyImage, networks: readonly InferenceNetwork[], topK: number): Promise<ClassifyOutcome> {
    const { networks: registry, runtime } = this.deps;
    registry.assertLoaded(networks);
    const prepared = await this.preparing.run(async () => {
      const started = now();
      let decoded: DecodedPhoto;
      try {
        decoded = await runtime.decode(image);
      } catch (error) {
        throw new InferenceFailure('image', failureDetailOf(error));
      }
      const decodeMs = now() - started;
      try {
        const inputs = [];
        for (const network of networks) {
          const t0 = now();
          const { input, crop } = await decoded.prepare(registry.definitionOf(network));
          inputs.push({ network, input, crop, preprocessMs: now() - t0 });
        }
        return { width: decoded.width, height: decoded.height, decodeMs, inputs };
      } finally {
        decoded.close();
      }
    });
    const results: NetworkResult[] = [];
    for (const { network, input, crop, preprocessMs } of prepared.inputs) {
      const { width, height } = prepared;
      const keep = this.deps.keepClassified;
      const kept: Partial<Waiting> =
        image.kind === 'blob' && image.slot !== undefined && keep
          ? {
              slot: image.slot,
              keep: () =>
                keep(image.slot!, { source: image.blob, name: image.name, width, height }, network, { input, crop }),
            }
          : {};
      const { probabilities, inferenceMs, backend } = await this.batcherOf(network).add({ input, ...kept });
      results.push({
        network,
        top: topClasses(probabilities, topK, registry.labelsOf(network)),
        crop,
        timings: { preprocessMs, inferenceMs },
        backend,
      });
    }
    return { width: prepared.width, height: prepared.height, decodeMs: prepared.decodeMs, results };
  }

  async predict(
    image: ClassifyImage,
    request: PredictRequest,
    onProgress?: (progress: PredictProgress) => void,
  ): Promise<PredictOutcome> {
    const { networks: registry, runtime, serial } = this.deps;
    const controller = new AbortController();
    if (request.predictId) this.predictions.set(request.predictId, controller);
    try {
      return await predictPhoto(
        {
          decode: (photo) => runtime.decode(photo),
          definition: (network) => registry.definitionOf(network),
          isLoaded: (network) => registry.has(network),
          forward: (network, input, features) =>
            serial(async () => {
              controller.signal.throwIfAborted();
              const loaded = registry.get(network);
              if (!loaded)
                throw new InferenceFailure('not-loaded', {
                  code: 'worker.unloaded',
                  params: { network: registry.titleOf(network) },
                });
              if (features && loaded.built.withFeatures)
                return { ...(await loaded.built.withFeatures(input)), backend: loaded.info.backend };
              return { probabilities: await loaded.built.probabilities(input), backend: loaded.info.backend };
            }),
          topClasses: (probabilities, k, network) => topClasses(probabilities, k, registry.labelsOf(network)),
        },
        image,
        request,
        controller.signal,
        onProgress,
      );
    } catch (error) {
      throw asFailure(error);
    } finally {
      if (request.predictId && this.predictions.get(request.predictId) === controller)
        this.predictions.delete(request.predictId);
    }
  }

  async cancelPrediction(predictId: string): Promise<void> {
    this.predictions.get(predictId)?.abort();
  }

  /** The network's batcher: a batch runs in the queue, on the network as built at that moment. */
  private batcherOf(network: InferenceNetwork): MicroBatcher<Waiting, BatchResult> {
    const { networks: registry, serial } = this.deps;
    let batcher = this.batchers.get(network);
    if (!batcher) {
      batcher = new MicroBatcher(
        (photos) =>
          serial(async () => {
            registry.assertLoaded([network]);
            const loaded = registry.get(network)!;
            const started = now();
            const inputs = photos.map((p) => p.input);
            const { inside } = loaded.built;
            // Photos with a slot and no kept run yet: one run that also keeps what their look inside needs.
            const outputs = inside?.keeps(photos)
              ? (await inside.classify(photos)).map((logits) => softmax(logits))
              : loaded.built.probabilitiesBatch && inputs.length > 1
                ? await loaded.built.probabilitiesBatch(inputs)
                : await sequentially(inputs, (input) => loaded.built.probabilities(input));
            const inferenceMs = (now() - started) / inputs.length;
            // In the same turn: nothing else in the queue sees a cache without its photo.
            for (const photo of photos) await photo.keep?.();
            return outputs.map((probabilities) => ({ probabilities, inferenceMs, backend: loaded.info.backend }));
          }),
        MAX_BATCH,
      );
      this.batchers.set(network, batcher);
    }
    return batcher;
  }
}
