/** The registry of networks and their variants: the ids used in URLs, the CLI and tests. */
import { SMALL_NETWORK_IDS, SMALL_PRESETS } from '../small/spec.ts';
import { smallNetwork } from '../small/small-network.ts';
import type {
  ClassifiableNetwork,
  NetworkDefinition,
  NetworkId,
  PaperNetworkId,
  SmallNetworkId,
  Variant,
} from '../types.ts';
import { inceptionResNetV1Paper } from './inception-resnet-v1.ts';
import { inceptionResNetV2Paper, inceptionResNetV2Released } from './inception-resnet-v2.ts';
import { inceptionV4Paper, inceptionV4Released } from './inception-v4.ts';

/**
 * Every network by id: the paper's three in their paper and released forms, then the small networks
 * derived from the released ones (one form each, "released": they are derived from the released code).
 */
export const NETWORKS: Readonly<Record<NetworkId, Partial<Record<Variant, NetworkDefinition>>>> = {
  'inception-v4': { paper: inceptionV4Paper, released: inceptionV4Released },
  'inception-resnet-v1': { paper: inceptionResNetV1Paper },
  'inception-resnet-v2': { paper: inceptionResNetV2Paper, released: inceptionResNetV2Released },
  'inception-v4-s': { released: smallNetwork(SMALL_PRESETS['inception-v4-s']) },
  'inception-resnet-v2-s': { released: smallNetwork(SMALL_PRESETS['inception-resnet-v2-s']) },
  'inception-resnet-v2-s-no-shortcuts': { released: smallNetwork(SMALL_PRESETS['inception-resnet-v2-s-no-shortcuts']) },
};

export const NETWORK_IDS = Object.keys(NETWORKS) as NetworkId[];
/** The paper's networks: the home page's cards, the comparison, the figures. */
export const PAPER_NETWORK_IDS: readonly PaperNetworkId[] = [
  'inception-v4',
  'inception-resnet-v1',
  'inception-resnet-v2',
];
/** The small networks for learning (`model/small/`): no pretrained weights, trained in the browser. */
export { SMALL_NETWORK_IDS };
export const CLASSIFIABLE_NETWORKS: readonly ClassifiableNetwork[] = ['inception-v4', 'inception-resnet-v2'];

export function isNetworkId(id: string): id is NetworkId {
  return Object.hasOwn(NETWORKS, id);
}

export function isPaperNetworkId(id: string): id is PaperNetworkId {
  return (PAPER_NETWORK_IDS as readonly string[]).includes(id);
}

export function isSmallNetworkId(id: string): id is SmallNetworkId {
  return (SMALL_NETWORK_IDS as readonly string[]).includes(id);
}

export function variantsOf(id: NetworkId): Variant[] {
  return (['paper', 'released'] as const).filter((v) => NETWORKS[id][v] !== undefined);
}

/** The released variant where one exists (it has weights), else the paper's. */
export function defaultVariant(id: NetworkId): Variant {
  return NETWORKS[id].released ? 'released' : 'paper';
}

export type Lookup = { ok: true; network: NetworkDefinition } | { ok: false; message: string };

/** Finds a network by id and variant, with a message listing the valid choices when there is none. */
export function findNetwork(id: string, variant?: string): Lookup {
  if (!isNetworkId(id)) {
    return { ok: false, message: `unknown model "${id}"; valid models: ${NETWORK_IDS.join(', ')}` };
  }
  const chosen = variant ?? defaultVariant(id);
  const network = (NETWORKS[id] as Partial<Record<string, NetworkDefinition>>)[chosen];
  if (!network) {
    return {
      ok: false,
      message: `model "${id}" has no variant "${chosen}"; valid variants: ${variantsOf(id).join(', ')}`,
    };
  }
  return { ok: true, network };
}
