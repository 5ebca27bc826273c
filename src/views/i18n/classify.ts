import { classify as en } from './en/classify.ts';
import type { Localized } from './messages.ts';
import { classify as zh } from './zh/classify.ts';

export const classifyText: Localized<typeof en> = { en, zh };
