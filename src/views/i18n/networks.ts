import { networks as en, type NetworksMessages } from './en/networks.ts';
import type { Localized } from './messages.ts';
import type { Said } from './said.ts';
import { networks as zh } from './zh/networks.ts';

export const networksText: Localized<NetworksMessages> = { en, zh };

/** What the networks' store has to say, as data: worded in the reader's language when shown (said.ts). */
export type NetworksSaid = Said<NetworksMessages>;
