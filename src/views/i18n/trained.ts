import { trained as en } from './en/trained.ts';
import type { Localized } from './messages.ts';
import { trained as zh } from './zh/trained.ts';

export const trainedText: Localized<typeof en> = { en, zh };
