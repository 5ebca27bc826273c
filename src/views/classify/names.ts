/** Display names of networks and backends on the classify page. */
import { NETWORKS } from '../../model/networks/index.ts';
import type { ClassifiableNetwork } from '../../runtime/worker/protocol.ts';

export { BACKEND_TITLES } from '../../runtime/backends/select.ts';

export function networkTitle(network: ClassifiableNetwork): string {
  return NETWORKS[network].released?.title ?? network;
}

/** 12.3 → "12 ms", 1234 → "1.23 s". */
export function duration(ms: number): string {
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(2)} s`;
}
