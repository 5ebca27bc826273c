import { explorer as en } from './en/explorer.ts';
import type { Localized } from './messages.ts';
import { explorer as zh } from './zh/explorer.ts';

export const explorerText: Localized<typeof en> = { en, zh };
