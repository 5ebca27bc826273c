/**
 * The inference worker's `predict`: a photo in a prediction mode (1, 12 or 144 crops, the ensemble). The
 * photo is decoded first, outside the backend's queue (so the next photo of an evaluation decodes while
 * the current one runs), then each forward pass takes its own turn on the backend. The crops and their
 * averaging are evaluation/predict.ts's, the same code the CLI runs.
 */
import { inputPreprocessing, isTrainedNetworkId } from '../../model/trained.ts';
import type { NetworkDefinition } from '../../model/types.ts';
import { modeOutcomes } from '../evaluation/outcomes.ts';
import { predictCrops, type CropPrediction } from '../evaluation/predict.ts';
import { InferenceFailure } from './errors.ts';
import { failureDetailOf } from '../failure-words.ts';
import type {
  ClassifiableNetwork,
  ClassifyImage,
  InferenceNetwork,
  NetworkRun,
  PredictOutcome,
  PredictProgress,
  PredictRequest,
} from './protocol.ts';
import type { DecodedPhoto } from './inference-runtime.ts';

/** What a prediction needs of the service. */
export interface PredictionContext {
  decode(image: ClassifyImage): Promise<DecodedPhoto>;
  definition(network: InferenceNetwork): NetworkDefinition;
  isLoaded(network: InferenceNetwork): boolean;
  /**
   * One forward pass on the network as loaded now, in its turn on the backend; with `features`, also the
   * pooled features read from that pass (where the runtime can).
   */
  forward(
    network: InferenceNetwork,
    input: Float32Array,
    features?: boolean,
  ): Promise<{ probabilities: Float32Array; backend: NetworkRun['backend']; features?: Float32Array }>;
  /** The k most probable of `network`'s classes (the ensemble's are the ImageNet classes of both). */
  topClasses(probabilities: Float32Array, k: number, network: InferenceNetwork): PredictOutcome['modes'][number]['top'];
}

const now = () => performance.now();

/**
 * Lets the worker's event loop run: TF.js on WebAssembly answers without yielding (its promises resolve as
 * microtasks), so without this a 144-crop prediction would hold the worker for minutes, and messages — a
 * cancel, another photo, the next image of an evaluation to decode — would wait until it ends.
 */
const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function predictPhoto(
  context: PredictionContext,
  image: ClassifyImage,
  request: PredictRequest,
  signal: AbortSignal,
  onProgress?: (progress: PredictProgress) => void,
): Promise<PredictOutcome> {
  const started = now();
  const networks = [...new Set(request.networks)];
  const missing = networks.filter((n) => !context.isLoaded(n));
  if (networks.length === 0 || missing.length > 0) {
    throw new InferenceFailure('not-loaded', {
      code: 'worker.not-loaded',
      params: { networks: missing.map((n) => context.definition(n).title) },
    });
  }
  const trained = networks.find(isTrainedNetworkId);
  if (trained && (request.crops > 1 || request.ensemble)) {
    throw new InferenceFailure('not-loaded', {
      code: 'worker.trained-one-crop',
      params: { network: context.definition(trained).title },
    });
  }
  if (request.ensemble && networks.length < 2) {
    throw new InferenceFailure('not-loaded', { code: 'worker.ensemble-needs-both', params: {} });
  }
  let decoded: DecodedPhoto;
  try {
    decoded = await context.decode(image);
  } catch (error) {
    throw new InferenceFailure('image', failureDetailOf(error));
  }
  const decodeMs = now() - started;
  try {
    const pixels = decoded.pixels;
    if (!pixels) throw new InferenceFailure('internal', { code: 'worker.no-pixels', params: { file: image.name } });
    const total = networks.length * request.crops;
    let done = 0;
    const perNetwork = new Map<InferenceNetwork, CropPrediction>();
    const runs: NetworkRun[] = [];
    let features: PredictOutcome['features'];
    for (const network of networks) {
      const definition = context.definition(network);
      const networkStarted = now();
      let inferenceMs = 0;
      let backend: NetworkRun['backend'] | undefined;
      const prediction = await predictCrops(
        pixels,
        inputPreprocessing(definition),
        request.crops,
        async (input) => {
          await yieldToEvents();
          signal.throwIfAborted();
          const t0 = now();
          // The feature map's features: the first network's centre crop (its first pass), from that same pass.
          const wantFeatures = request.features === true && network === networks[0] && !features;
          const result = await context.forward(network, input, wantFeatures);
          inferenceMs += now() - t0;
          backend = result.backend;
          if (wantFeatures && result.features) features = { network, values: result.features };
          return result.probabilities;
        },
        { signal, onPass: () => onProgress?.({ done: ++done, total }) },
      );
      const crop = request.crop ? (await decoded.prepare(definition)).crop : undefined;
      perNetwork.set(network, prediction);
      runs.push({
        network,
        passes: prediction.passes,
        backend: backend!,
        ...(crop ? { crop } : {}),
        timings: { preprocessMs: Math.max(0, now() - networkStarted - inferenceMs), inferenceMs },
      });
    }
    // The released networks' modes (12 crops answer 1 crop too; the ensemble); a trained network's one crop.
    const released = new Map(
      [...perNetwork].filter((entry): entry is [ClassifiableNetwork, CropPrediction] => !isTrainedNetworkId(entry[0])),
    );
    const outcomes = [
      ...modeOutcomes(request.crops, released, request.ensemble),
      ...[...perNetwork]
        .filter(([n]) => isTrainedNetworkId(n))
        .map(([model, p]) => ({ model, crops: request.crops, probabilities: p.probabilities, passes: p.passes })),
    ];
    const modes = outcomes.map((o) => ({
      model: o.model,
      crops: o.crops,
      passes: o.passes,
      top: context.topClasses(o.probabilities, request.topK, o.model === 'ensemble' ? networks[0] : o.model),
    }));
    return {
      width: decoded.width,
      height: decoded.height,
      decodeMs,
      modes,
      networks: runs,
      totalMs: now() - started,
      ...(features ? { features } : {}),
    };
  } catch (error) {
    if (signal.aborted)
      throw new InferenceFailure('cancelled', { code: 'worker.cancelled', params: { file: image.name } });
    throw error;
  } finally {
    decoded.close();
  }
}
