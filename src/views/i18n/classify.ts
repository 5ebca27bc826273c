import { classify as en, type ClassifyMessages } from './en/classify.ts';
import type { Localized } from './messages.ts';
import type { Said } from './said.ts';
import { classify as zh } from './zh/classify.ts';

export const classifyText: Localized<ClassifyMessages> = { en, zh };

/** What the classify page's store has to say, as data: worded in the reader's language when shown (said.ts). */
export type ClassifySaid = Said<ClassifyMessages>;
