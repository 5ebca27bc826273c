import { inside as en } from './en/inside.ts';
import type { Localized } from './messages.ts';
import { inside as zh } from './zh/inside.ts';

export const insideText: Localized<typeof en> = { en, zh };
