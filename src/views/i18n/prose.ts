import { prose as en } from './en/prose.ts';
import type { Localized } from './messages.ts';
import { prose as zh } from './zh/prose.ts';

export const proseText: Localized<typeof en> = { en, zh };
