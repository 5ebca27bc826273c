import { examples as en } from './en/examples.ts';
import type { Localized } from './messages.ts';
import { examples as zh } from './zh/examples.ts';

export const examplesText: Localized<typeof en> = { en, zh };
