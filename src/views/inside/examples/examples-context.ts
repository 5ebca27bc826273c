/**
 * The app's channel-example indexer (created when first shown): photos from the library, the worker
 * through the app's inference session (its watchdog times each photo like an inference), indexes kept in
 * IndexedDB, and the loaded weights' SHA-256 from the networks store (an index belongs to one file of
 * weights). Tests hand their own down through `ExamplesContext`.
 */
import { createContext, useContext } from 'react';
import { isTrainedNetworkId } from '../../../model/trained.ts';
import { inferenceSession } from '../../../runtime/session/app-inference-session.ts';
import type { InferenceNetwork } from '../../../runtime/worker/protocol.ts';
import { networksStore } from '../../networks/app-networks-store.ts';
import type { NetworksState } from '../../networks/networks-state.ts';
import { photoLibrary } from '../../photos/library.ts';
import { insideThrough } from '../app-inside-store.ts';
import { openExamplesStore } from './examples-store.ts';
import { ExamplesIndexer } from './indexer.ts';

export interface ExamplesContextValue {
  indexer: ExamplesIndexer;
  /** The SHA-256 of the network's loaded weights, or undefined while they are not loaded. */
  weights: { sha256(network: InferenceNetwork): string | undefined; subscribe(listener: () => void): () => void };
}

export const ExamplesContext = createContext<ExamplesContextValue | undefined>(undefined);

let app: ExamplesContextValue | undefined;

export function useExamples(): ExamplesContextValue {
  const provided = useContext(ExamplesContext);
  if (provided) return provided;
  app ??= appExamples();
  return app;
}

function appExamples(): ExamplesContextValue {
  const networks = networksStore();
  return {
    indexer: new ExamplesIndexer({
      api: insideThrough(inferenceSession()),
      library: photoLibrary(),
      store: openExamplesStore(),
      toBlob: pngOf,
    }),
    weights: { sha256: (network) => loadedSha(networks.getSnapshot(), network), subscribe: networks.subscribe },
  };
}

function loadedSha(state: NetworksState, network: InferenceNetwork): string | undefined {
  return isTrainedNetworkId(network)
    ? state.trained[network]?.state?.loaded?.sha256
    : state.weights[network].state?.loaded?.sha256;
}

/** The network's view of a photo as a PNG (drawn once on a canvas of its size). */
async function pngOf(bitmap: ImageBitmap): Promise<Blob> {
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  canvas.getContext('2d')!.drawImage(bitmap, 0, 0);
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('the browser could not encode the network’s view of the photo as PNG'); // i18n-ignore: an error detail, as the worker's
  return blob;
}
