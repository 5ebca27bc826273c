import { evaluate as en, type EvaluateMessages } from './en/evaluate.ts';
import type { Localized } from './messages.ts';
import type { Said } from './said.ts';
import { evaluate as zh } from './zh/evaluate.ts';

export const evaluateText: Localized<EvaluateMessages> = { en, zh };

/** What the evaluate page has to say, as data: worded in the reader's language when shown (said.ts). */
export type EvaluateSaid = Said<EvaluateMessages>;
