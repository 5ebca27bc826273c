/**
 * The real inference worker driven from the harness page, for the benchmark (bench/inference.ts) and
 * e2e specs: start it on a backend, load weights (download or cache), classify a photo, report timings.
 */
import { provenanceOf } from '../../../runtime/loading/sources.ts';
import { startWorkerClient, type InferenceClient } from '../../../runtime/session/client.ts';
import type {
  BackendChoice,
  BackendReport,
  ClassifiableNetwork,
  InferenceNetwork,
  LoadedInfo,
} from '../../../runtime/worker/protocol.ts';

let client: InferenceClient | undefined;

/** The worker started by `start` (other harness modules, e.g. "inside", drive the same one). */
export function current(): InferenceClient {
  if (!client) throw new Error('call start() first');
  return client;
}

/** Starts a fresh worker on `backend`; a named backend must not silently become another. */
export async function start(backend: BackendChoice): Promise<BackendReport> {
  client?.terminate();
  client = startWorkerClient();
  return client.setBackend(backend);
}

export async function load(
  network: ClassifiableNetwork,
  source: 'download' | 'cache',
  baseUrl: string,
): Promise<LoadedInfo> {
  const state = await current().loadWeights(
    network,
    source === 'cache' ? { kind: 'cache', provenance: provenanceOf(baseUrl) } : { kind: 'download', baseUrl },
  );
  if (!state.loaded) throw new Error(`${network} did not load`);
  return state.loaded;
}

export interface ClassifyTimings {
  decodeMs: number;
  results: {
    network: InferenceNetwork;
    preprocessMs: number;
    inferenceMs: number;
    top: { classIndex: number; probability: number }[];
  }[];
}

/** Classifies a photo given as base64 bytes with each listed network (with `slot`: kept for its look inside). */
export async function classify(
  photoBase64: string,
  name: string,
  networks: ClassifiableNetwork[],
  slot?: string,
): Promise<ClassifyTimings> {
  const bytes = Uint8Array.from(atob(photoBase64), (c) => c.charCodeAt(0));
  const image = { kind: 'blob' as const, blob: new Blob([bytes]), name, ...(slot !== undefined ? { slot } : {}) };
  const outcome = await current().classify(image, networks, 5);
  return {
    decodeMs: outcome.decodeMs,
    results: outcome.results.map((r) => {
      r.crop.close();
      return {
        network: r.network,
        preprocessMs: r.timings.preprocessMs,
        inferenceMs: r.timings.inferenceMs,
        top: r.top.map((t) => ({ classIndex: t.classIndex, probability: t.probability })),
      };
    }),
  };
}

export function stop(): void {
  client?.terminate();
  client = undefined;
}
