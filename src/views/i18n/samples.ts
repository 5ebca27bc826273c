import type { Localized } from './messages.ts';
import { samples as en, type SamplesMessages } from './en/samples.ts';
import { samples as zh } from './zh/samples.ts';

/** The sample photos' words. */
export const samplesText: Localized<SamplesMessages> = { en, zh };
