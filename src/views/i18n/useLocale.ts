import { createContext, useCallback, useContext, useLayoutEffect, useState, useSyncExternalStore } from 'react';
import { browserLocale, HTML_LANG, otherLocale, readLocaleChoice, writeLocaleChoice, type Locale } from './locale.ts';

function subscribeBrowser(onChange: () => void): () => void {
  window.addEventListener('languagechange', onChange);
  return () => window.removeEventListener('languagechange', onChange);
}

const browserLanguage = (): Locale =>
  browserLocale(typeof navigator === 'undefined' ? undefined : (navigator.languages ?? [navigator.language]));

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export interface LocaleState {
  /** The language in force. */
  locale: Locale;
  /** Switches to the other language (and remembers it, unless it is the browser's). */
  toggle: () => void;
}

/** The language in force, following the browser until switched; writes `lang` on <html>. */
export function useLocaleState(initial?: Locale): LocaleState {
  const [choice, setChoice] = useState<Locale | undefined>(() => initial ?? readLocaleChoice(safeStorage()));
  const browser = useSyncExternalStore(subscribeBrowser, browserLanguage, () => 'en' as const);
  const locale = choice ?? browser;
  // Before the first paint, so that the page is never shown in one language labelled as the other.
  useLayoutEffect(() => {
    document.documentElement.lang = HTML_LANG[locale];
  }, [locale]);
  const toggle = useCallback(() => {
    const next = otherLocale(locale);
    writeLocaleChoice(safeStorage(), next, browserLanguage());
    setChoice(next);
  }, [locale]);
  return { locale, toggle };
}

export const LocaleContext = createContext<LocaleState>({ locale: 'en', toggle: () => {} });

export const useLocale = () => useContext(LocaleContext);
