import { diff as en } from './en/diff.ts';
import type { Localized } from './messages.ts';
import { diff as zh } from './zh/diff.ts';

export const diffText: Localized<typeof en> = { en, zh };
