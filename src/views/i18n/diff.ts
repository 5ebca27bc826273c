import { derivedDiff as derivedEn, diff as en, type DiffMessages } from './en/diff.ts';
import type { Localized } from './messages.ts';
import { derivedDiff as derivedZh, diff as zh } from './zh/diff.ts';

/** The paper's form of a network against its released form. */
export const diffText: Localized<DiffMessages> = { en, zh };

/** A network against another derived from it, named by their titles. */
export const derivedDiffText: Localized<(from: string, to: string) => DiffMessages> = { en: derivedEn, zh: derivedZh };
