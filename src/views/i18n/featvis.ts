import { featvis as en, type FeatvisMessages } from './en/featvis.ts';
import type { Localized } from './messages.ts';
import { featvis as zh } from './zh/featvis.ts';

export const featvisText: Localized<FeatvisMessages> = { en, zh };
