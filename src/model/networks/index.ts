/** The registry of networks and their variants: the ids used in URLs, the CLI and tests. */
import type { ClassifiableNetwork, NetworkDefinition, NetworkId, Variant } from '../types.ts';
import { inceptionResNetV1Paper } from './inception-resnet-v1.ts';
import { inceptionResNetV2Paper, inceptionResNetV2Released } from './inception-resnet-v2.ts';
import { inceptionV4Paper, inceptionV4Released } from './inception-v4.ts';

export const NETWORKS: Readonly<Record<NetworkId, Partial<Record<Variant, NetworkDefinition>>>> = {
  'inception-v4': { paper: inceptionV4Paper, released: inceptionV4Released },
  'inception-resnet-v1': { paper: inceptionResNetV1Paper },
  'inception-resnet-v2': { paper: inceptionResNetV2Paper, released: inceptionResNetV2Released },
};

export const NETWORK_IDS = Object.keys(NETWORKS) as NetworkId[];
export const CLASSIFIABLE_NETWORKS: readonly ClassifiableNetwork[] = ['inception-v4', 'inception-resnet-v2'];

export function isNetworkId(id: string): id is NetworkId {
  return Object.hasOwn(NETWORKS, id);
}

export function variantsOf(id: NetworkId): Variant[] {
  return (['paper', 'released'] as const).filter((v) => NETWORKS[id][v] !== undefined);
}

/** The released variant where one exists (it has weights), else the paper's. */
export function defaultVariant(id: NetworkId): Variant {
  return NETWORKS[id].released ? 'released' : 'paper';
}

export type Lookup =
  | { ok: true; network: NetworkDefinition }
  | { ok: false; message: string };

/** Finds a network by id and variant, with a message listing the valid choices when there is none. */
export function findNetwork(id: string, variant?: string): Lookup {
  if (!isNetworkId(id)) {
    return { ok: false, message: `unknown model "${id}"; valid models: ${NETWORK_IDS.join(', ')}` };
  }
  const chosen = variant ?? defaultVariant(id);
  const network = (NETWORKS[id] as Partial<Record<string, NetworkDefinition>>)[chosen];
  if (!network) {
    return { ok: false, message: `model "${id}" has no variant "${chosen}"; valid variants: ${variantsOf(id).join(', ')}` };
  }
  return { ok: true, network };
}
