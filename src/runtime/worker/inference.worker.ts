/**
 * The inference worker's entry (a module worker, its own chunk): TensorFlow.js, the loaded networks and
 * every photo's pixels live here. Exposes `InferenceService` over Comlink, method by method as the table
 * of calls says (expose-calls.ts): crops and typed arrays travel back transferred.
 */
import { expose } from 'comlink';
import { WeightsCache } from '../loading/cache.ts';
import { installFailureTransfer } from './errors.ts';
import { exposedCalls } from './expose-calls.ts';
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

expose(exposedCalls(service, async () => ({ lock: await liveness })));
