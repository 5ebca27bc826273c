/**
 * The inference worker's entry (a module worker, its own chunk): TensorFlow.js, the loaded networks and
 * every photo's pixels live here. Exposes `InferenceService` over Comlink; crops travel back transferred.
 */
import { expose, transfer } from 'comlink';
import { WeightsCache } from '../loading/cache.ts';
import { installFailureTransfer } from './errors.ts';
import { insideMethods } from './inside-transfers.ts';
import type { ClassifiableNetwork, ClassifyImage, InferenceApi } from './protocol.ts';
import { BrowserRuntime } from './runtime.ts';
import { InferenceService } from './service.ts';

installFailureTransfer();
const cache = WeightsCache.available() ? new WeightsCache() : undefined;
void cache?.removeStale().catch(() => undefined);
const service = new InferenceService(new BrowserRuntime(), cache);

const api: InferenceApi = {
  subscribe: (listener) => service.subscribe(listener),
  backend: () => service.backend(),
  setBackend: (choice) => service.setBackend(choice),
  weightsState: (network) => service.weightsState(network),
  loadWeights: (network, request, loadId, onProgress) => service.loadWeights(network, request, loadId, onProgress),
  cancel: (loadId) => service.cancel(loadId),
  forgetWeights: (network) => service.forgetWeights(network),
  exportOnnx: (network) => service.exportOnnx(network),
  async classify(image: ClassifyImage, networks: readonly ClassifiableNetwork[], topK: number) {
    const outcome = await service.classify(image, networks, topK);
    return transfer(outcome, outcome.results.map((r) => r.crop));
  },
  ...insideMethods(service),
  async predict(image, request, onProgress) {
    const outcome = await service.predict(image, request, onProgress);
    return transfer(outcome, outcome.networks.flatMap((r) => (r.crop ? [r.crop] : [])));
  },
  cancelPrediction: (predictId) => service.cancelPrediction(predictId),
};

expose(api);
