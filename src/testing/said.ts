/**
 * What a store keeps to say (views/i18n/said.ts), worded as a reader of `locale` sees it: for tests that
 * assert a store's messages in words.
 */
import { classifyText } from '../views/i18n/classify.ts';
import { failuresText } from '../views/i18n/failures.ts';
import type { Locale } from '../views/i18n/locale.ts';
import type { Localized } from '../views/i18n/messages.ts';
import { say, type Said } from '../views/i18n/said.ts';
import { cardAdvice, weightsAdvice } from '../views/classify/advice.ts';
import type { ClassifyState, WeightsAdvice } from '../views/classify/classify-state.ts';

/** `said` of `area` in `locale` (English unless said otherwise). */
export function saidIn<T>(area: Localized<T>, said: Said<T>, locale: Locale = 'en'): string {
  return say(area[locale], failuresText[locale], said);
}

const advice = (a: WeightsAdvice | undefined, locale: Locale) =>
  a && weightsAdvice(a.reason, a.network, classifyText[locale]);

/** The classify page's state with every message, error and piece of advice in words, as the page shows them. */
export function classifyShown(state: ClassifyState, locale: Locale = 'en') {
  const word = (said: Said<typeof classifyText.en> | undefined) => said && saidIn(classifyText, said, locale);
  return {
    ...state,
    messages: state.messages.map((m) => ({ ...m, text: word(m.text)!, advice: advice(m.advice, locale) })),
    weights: Object.fromEntries(
      Object.entries(state.weights).map(([n, v]) => [
        n,
        { ...v, error: word(v.error), advice: cardAdvice(v, classifyText[locale]) },
      ]),
    ),
    trained: Object.fromEntries(Object.entries(state.trained).map(([n, v]) => [n, { ...v, error: word(v.error) }])),
    photos: state.photos.map((p) => ({ ...p, error: word(p.error) })),
    backendNotice: word(state.backendNotice),
    backendError: word(state.backendError),
  };
}
