/** Display names of networks and backends, and durations, on the pages that show the networks. */
import { NETWORKS } from '../../model/networks/index.ts';
import { isTrainedNetworkId } from '../../model/trained.ts';
import type { InferenceNetwork, TrainedNetworkId } from '../../runtime/worker/protocol.ts';

export { BACKEND_TITLES } from '../../runtime/backends/select.ts';

/** The titles of the trained networks loaded in this page (told by the worker: TrainedState). */
const trainedTitles = new Map<TrainedNetworkId, string>();

export function rememberTrainedTitle(network: TrainedNetworkId, title: string): void {
  trainedTitles.set(network, title);
}

export function networkTitle(network: InferenceNetwork): string {
  if (isTrainedNetworkId(network)) return trainedTitles.get(network) ?? network;
  return NETWORKS[network].released?.title ?? network;
}

/** 12.3 → "12 ms", 1234 → "1.23 s". */
export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
