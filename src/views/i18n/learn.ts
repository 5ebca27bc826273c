import { learn as en } from './en/learn.ts';
import type { Localized } from './messages.ts';
import { learn as zh } from './zh/learn.ts';

export const learnText: Localized<typeof en> = { en, zh };
