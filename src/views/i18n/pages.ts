import { pages as en } from './en/pages.ts';
import type { Localized } from './messages.ts';
import { pages as zh } from './zh/pages.ts';

export const pagesText: Localized<typeof en> = { en, zh };
