/**
 * What a store keeps to say (views/i18n/said.ts), worded as a reader of `locale` sees it: for tests that
 * assert a store's messages in words.
 */
import { classifyText, type ClassifySaid } from '../views/i18n/classify.ts';
import { failuresText } from '../views/i18n/failures.ts';
import type { Locale } from '../views/i18n/locale.ts';
import type { Localized } from '../views/i18n/messages.ts';
import { networksText, type NetworksSaid } from '../views/i18n/networks.ts';
import { say, type Said } from '../views/i18n/said.ts';
import { cardAdvice, weightsAdvice } from '../views/networks/advice.ts';
import {
  mergedMessages,
  type Message,
  type NetworksState,
  type WeightsAdvice,
} from '../views/networks/networks-state.ts';
import type { ClassifyStore } from '../views/classify/store.ts';

/** `said` of `area` in `locale` (English unless said otherwise). */
export function saidIn<T>(area: Localized<T>, said: Said<T>, locale: Locale = 'en'): string {
  return say(area[locale], failuresText[locale], said);
}

const advice = (a: WeightsAdvice | undefined, locale: Locale) =>
  a && weightsAdvice(a.reason, a.network, networksText[locale]);
const word = (said: NetworksSaid | undefined, locale: Locale) => said && saidIn(networksText, said, locale);
const wordClassify = (said: ClassifySaid | undefined, locale: Locale) => said && saidIn(classifyText, said, locale);
/** A store's messages, each in the words of its area (`say`), as the page shows them. */
const shownMessages = <Text>(messages: readonly Message<Text>[], say: (said: Text) => string, locale: Locale) =>
  messages.map((m) => ({ ...m, text: say(m.text), advice: advice(m.advice, locale) }));

/** The networks' state with every message, error and piece of advice in words, as the pages show them. */
export function networksShown(state: NetworksState, locale: Locale = 'en') {
  return {
    ...state,
    messages: shownMessages(state.messages, (said) => word(said, locale)!, locale),
    weights: Object.fromEntries(
      Object.entries(state.weights).map(([n, v]) => [
        n,
        { ...v, error: word(v.error, locale), advice: cardAdvice(v, networksText[locale]) },
      ]),
    ),
    trained: Object.fromEntries(
      Object.entries(state.trained).map(([n, v]) => [n, { ...v, error: word(v.error, locale) }]),
    ),
    backendNotice: word(state.backendNotice, locale),
    backendError: word(state.backendError, locale),
  };
}

/**
 * The classify page's state in words, as the page shows it: its photos, and its messages merged with its
 * networks' (in the order they were said), beside its networks' state.
 */
export function classifyShown(store: ClassifyStore, locale: Locale = 'en') {
  const state = store.getSnapshot();
  const networks = store.networks.getSnapshot();
  return {
    ...networksShown(networks, locale),
    ...state,
    messages: mergedMessages(
      shownMessages(networks.messages, (said) => word(said, locale)!, locale),
      shownMessages(state.messages, (said) => wordClassify(said, locale)!, locale),
    ),
    photos: state.photos.map((p) => ({ ...p, error: wordClassify(p.error, locale) })),
  };
}
