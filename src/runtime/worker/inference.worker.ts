/**
 * The inference worker's entry (a module worker, its own chunk): TensorFlow.js, the loaded networks and
 * every photo's pixels live here. Exposes `InferenceService` over Comlink; crops travel back transferred.
 */
import { expose, transfer } from 'comlink';
import { WeightsCache } from '../loading/cache.ts';
import { installFailureTransfer } from './errors.ts';
import { insideMethods } from './inside-transfers.ts';
import type { ClassifyImage, InferenceNetwork, WorkerApi } from './protocol.ts';
import { BrowserRuntime } from './runtime.ts';
import { InferenceService } from './service.ts';

installFailureTransfer();
const cache = WeightsCache.available() ? new WeightsCache() : undefined;
void cache?.removeStale().catch(() => undefined);
const service = new InferenceService(new BrowserRuntime(), cache);

/**
 * Holds a Web Lock named after this worker for as long as it lives; the page waits for the same lock to
 * learn that the worker is gone (it closed itself, or the browser ended it), which no event tells.
 */
function holdLivenessLock(name: string): Promise<string | undefined> {
  const locks = (globalThis.navigator as Navigator | undefined)?.locks;
  if (!name || !locks) return Promise.resolve(undefined);
  const lock = `${name}:alive`;
  return new Promise((resolve) => {
    locks
      .request(lock, () => {
        resolve(lock);
        return new Promise<never>(() => undefined);
      })
      .catch(() => resolve(undefined));
  });
}

const liveness = holdLivenessLock(self.name);

const api: WorkerApi = {
  alive: async () => ({ lock: await liveness }),
  subscribe: (listener) => service.subscribe(listener),
  backend: () => service.backend(),
  setBackend: (choice) => service.setBackend(choice),
  weightsState: (network) => service.weightsState(network),
  loadWeights: (network, request, loadId, onProgress) => service.loadWeights(network, request, loadId, onProgress),
  cancel: (loadId) => service.cancel(loadId),
  forgetWeights: (network) => service.forgetWeights(network),
  exportOnnx: (network) => service.exportOnnx(network),
  loadTrained: (file, name, id) => service.loadTrained(file, name, id),
  async classify(image: ClassifyImage, networks: readonly InferenceNetwork[], topK: number) {
    const outcome = await service.classify(image, networks, topK);
    return transfer(
      outcome,
      outcome.results.map((r) => r.crop),
    );
  },
  ...insideMethods(service),
  partWays: (first, second, network, scales) => service.partWays(first, second, network, scales),
  async predict(image, request, onProgress) {
    const outcome = await service.predict(image, request, onProgress);
    return transfer(
      outcome,
      outcome.networks.flatMap((r) => (r.crop ? [r.crop] : [])),
    );
  },
  cancelPrediction: (predictId) => service.cancelPrediction(predictId),
  async visualizeChannel(request, onProgress) {
    const result = await service.visualizeChannel(request, onProgress);
    return transfer(result, [result.image.data.buffer]);
  },
  cancelVisualization: (visualizeId) => service.cancelVisualization(visualizeId),
};

expose(api);
