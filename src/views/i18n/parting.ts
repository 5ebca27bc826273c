import { parting as en } from './en/parting.ts';
import type { Localized } from './messages.ts';
import { parting as zh } from './zh/parting.ts';

export const partingText: Localized<typeof en> = { en, zh };
