import { failures as en } from './en/failures.ts';
import type { Localized } from './messages.ts';
import { failures as zh } from './zh/failures.ts';

export const failuresText: Localized<typeof en> = { en, zh };
