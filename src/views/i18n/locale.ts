/**
 * English or 简体中文: the browser's language unless the reader picked one, which is remembered (like the
 * theme, see shell/theme.ts). The language in force is written as `lang` on <html>, so that screen readers
 * speak it and the browser picks Chinese glyphs for Chinese text.
 */
export type Locale = 'en' | 'zh';

export const LOCALES: readonly Locale[] = ['en', 'zh'];

export const LOCALE_STORAGE_KEY = 'inception-explorer.language';

/** The `lang` attribute of each locale: Simplified Chinese is the script, whatever the region. */
export const HTML_LANG: Readonly<Record<Locale, string>> = { en: 'en', zh: 'zh-Hans' };

/** Each language named in itself, as a language switch shows it. */
export const LOCALE_NAMES: Readonly<Record<Locale, string>> = { en: 'English', zh: '中文' }; // i18n-ignore: each in itself

/**
 * The browser's preference: the first of its languages that is English or Chinese; any Chinese
 * ("zh", "zh-CN", "zh-TW", "zh-Hant-HK") gets the Simplified Chinese interface, the only Chinese one.
 */
export function browserLocale(languages: readonly string[] | undefined): Locale {
  for (const language of languages ?? []) {
    const primary = language.toLowerCase().split('-')[0];
    if (primary === 'zh') return 'zh';
    if (primary === 'en') return 'en';
  }
  return 'en';
}

/** The stored choice, or undefined (follow the browser) when there is none or it is unreadable. */
export function readLocaleChoice(storage: Pick<Storage, 'getItem'> | undefined): Locale | undefined {
  try {
    const value = storage?.getItem(LOCALE_STORAGE_KEY);
    return value === 'en' || value === 'zh' ? value : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Remembers `choice`; a choice equal to the browser's language is stored as no choice, so that the app
 * follows the browser again (the theme's toggle returns to the system the same way).
 */
export function writeLocaleChoice(
  storage: Pick<Storage, 'setItem' | 'removeItem'> | undefined,
  choice: Locale,
  browser: Locale,
): void {
  try {
    if (choice === browser) storage?.removeItem(LOCALE_STORAGE_KEY);
    else storage?.setItem(LOCALE_STORAGE_KEY, choice);
  } catch {
    // Storage may be disabled; the choice then lasts for this page only.
  }
}

export function otherLocale(locale: Locale): Locale {
  return locale === 'en' ? 'zh' : 'en';
}
