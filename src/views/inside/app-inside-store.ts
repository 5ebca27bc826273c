/**
 * The explorer's inside store, created the first time a photo is attached. It asks the app's one
 * inference session (which owns the worker's life: a worker that fails is restarted, and the store then
 * attaches its photo again), and learns from the networks store which networks are loaded (a returning
 * visitor's cached weights load by themselves).
 */
import type { InsideApi } from '../../runtime/inside/protocol.ts';
import { inferenceSession } from '../../runtime/session/app-inference-session.ts';
import type { InferenceSession } from '../../runtime/session/inference-session.ts';
import type { InferenceNetwork } from '../../runtime/worker/protocol.ts';
import { networksStore } from '../networks/app-networks-store.ts';
import type { NetworksStore } from '../networks/networks-store.ts';
import { photoLibrary } from '../photos/library.ts';
import { InsideStore, type WeightsGate } from './inside-store.ts';

let store: InsideStore | undefined;
/** Per network, the chain of worker requests, shared with the second photo's store (comparison-stores.ts). */
export const insideChains = new Map<InferenceNetwork, Promise<unknown>>();

export function insideStore(): InsideStore {
  store ??= new InsideStore(
    insideThrough(inferenceSession()),
    photoLibrary(),
    weightsGate(networksStore()),
    insideChains,
  );
  return store;
}

/**
 * The worker's inside methods through the session. The look inside is timed by its watchdog like an
 * inference, the quick questions about it as summaries, and a Grad-CAM per class (from one class's map to
 * the next): each kind against what that kind took (the calls' rows in runtime/worker/calls.ts).
 */
export function insideThrough(session: InferenceSession): InsideApi {
  return {
    attachPhoto: (slot, image) => session.call((c) => c.attachPhoto(slot, image)),
    lookInside: (slot, network, scales, prefetch) => session.call((c) => c.lookInside(slot, network, scales, prefetch)),
    summaries: (slot, network, addresses, options) =>
      session.call((c) => c.summaries(slot, network, addresses, options)),
    detail: (slot, network, address, options) => session.call((c) => c.detail(slot, network, address, options)),
    classMaps: (slot, network, classes, options, onProgress) =>
      session.call((c) => c.classMaps(slot, network, classes, options, onProgress)),
    cancelGradCam: (gradCamId) => session.call((c) => c.cancelGradCam(gradCamId)),
    channelMaxima: (slot, network, addresses) => session.call((c) => c.channelMaxima(slot, network, addresses)),
    releasePhoto: (slot) => session.call((c) => c.releasePhoto(slot)),
  };
}

export function weightsGate(networks: NetworksStore): WeightsGate {
  return {
    isLoaded: (network) => networks.isLoaded(network),
    stopped: () => {
      const session = networks.getSnapshot().session;
      return session.phase === 'failed' ? (session.failure ?? { code: 'worker.not-running', params: {} }) : undefined;
    },
    subscribe: networks.subscribe,
  };
}
