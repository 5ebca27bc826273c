/**
 * What a store (or a component's state) has to say, kept as data and worded when rendered, so that a
 * message already on the page follows a switch of language: an entry of an area's catalogue with its
 * parameters, or a failure of the runtime (a code and its parameters, runtime/failure-words.ts). A
 * parameter of an entry may itself be a failure (the "reason" in "The classifier could not start: …")
 * or another entry of the catalogue that is a plain string (`{ word: 'settings.urlWeights' }`): it is
 * worded in the same language first.
 */
import { useLocale } from './useLocale.ts';
import type { Localized } from './messages.ts';
import {
  failureDetailOf,
  isFailureDetail,
  wordFailure,
  type FailureDetail,
  type FailureWords,
} from '../../runtime/failure-words.ts';
import { failuresText } from './failures.ts';

/** The keys of the entries of `T` that are plain strings ('store.waiting'). */
export type WordKey<T> = {
  [K in keyof T & string]: T[K] extends string
    ? K
    : T[K] extends (...args: never[]) => unknown
      ? never
      : { [J in keyof T[K] & string]: T[K][J] extends string ? `${K}.${J}` : never }[keyof T[K] & string];
}[keyof T & string];

/** A parameter that is a string may be given as a failure or a word of the catalogue, worded when the sentence is. */
type Param<P, T> = P extends string ? P | FailureDetail | { word: WordKey<T> } : P;
type Params<A extends readonly unknown[], T> = { [I in keyof A]: Param<A[I], T> };

type Entry<K extends string, V, T> = V extends string
  ? { code: K; params?: [] }
  : V extends (...args: infer A) => string
    ? { code: K; params: Params<A, T> }
    : never;

/** An entry of catalogue `T` as data: its key (an area's own joined by a dot: 'store.waiting') and its parameters. */
export type Wording<T> = {
  [K in keyof T & string]: T[K] extends string | ((...args: never[]) => string)
    ? Entry<K, T[K], T>
    : { [J in keyof T[K] & string]: Entry<`${K}.${J}`, T[K][J], T> }[keyof T[K] & string];
}[keyof T & string];

/** A runtime failure to show as it is. */
export interface FailureSaid {
  failure: FailureDetail;
}

/** Text decided outside React, said in the reader's language when rendered: a catalogue entry, or a failure. */
export type Said<T> = Wording<T> | FailureSaid;

/** The failure an error carries (or its message, as a failure without a code), to show. */
export const failed = (error: unknown): FailureSaid => ({ failure: failureDetailOf(error) });

/** `said` in the words of `words` (and `failures` for a failure). */
export function say<T>(words: T, failures: FailureWords, said: Said<T>): string {
  if ('failure' in said) return wordFailure(failures, said.failure);
  const entry = lookUp(words, said.code);
  if (typeof entry === 'string') return entry;
  const params = ((said as { params?: unknown[] }).params ?? []).map((p) => {
    if (isFailureDetail(p)) return wordFailure(failures, p);
    return typeof p === 'object' && p !== null && 'word' in p ? lookUp(words, String(p.word)) : p;
  });
  return (entry as (...args: unknown[]) => string)(...params);
}

function lookUp(words: unknown, code: string): unknown {
  let entry = words;
  for (const key of code.split('.')) entry = (entry as Record<string, unknown>)[key];
  return entry;
}

/** Words `Said` text of `area` in the language in force. */
export function useSay<T>(area: Localized<T>): (said: Said<T>) => string {
  const { locale } = useLocale();
  return (said) => say(area[locale], failuresText[locale], said);
}

/** Words a failure (a `FailureSaid`, or an error kept as it came) in the language in force. */
export function useSayFailure(): (failure: FailureDetail | FailureSaid) => string {
  const { locale } = useLocale();
  return (failure) => wordFailure(failuresText[locale], 'failure' in failure ? failure.failure : failure);
}
