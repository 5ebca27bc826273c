import { evaluate as en } from './en/evaluate.ts';
import type { Localized } from './messages.ts';
import { evaluate as zh } from './zh/evaluate.ts';

export const evaluateText: Localized<typeof en> = { en, zh };
