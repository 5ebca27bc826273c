/**
 * The interface's words, one catalogue per language (`en/`, `zh/`), split by area so that each lazily
 * loaded part of the app (classify, evaluate, looking inside) brings its own words: the explorer's first
 * load carries only its areas, in both languages.
 *
 * A small typed module rather than an i18n library: an area's English catalogue is a plain object whose
 * values are strings or functions of typed parameters (plurals and word order are ordinary code), the
 * Chinese one is declared with the English one's type, so the compiler rejects a missing key, an extra
 * key or a parameter of the wrong type, and the whole mechanism weighs nothing. i18next or FormatJS would
 * add 15–40 KB to the first load for interpolation and plural rules that two languages do not need, with
 * keys checked only at run time; numbers are formatted with `Intl` (see `../format.ts`).
 */
import type { Locale } from './locale.ts';
import { useLocale } from './useLocale.ts';

/** One area's catalogue in every language. */
export type Localized<T> = Readonly<Record<Locale, T>>;

/** The words of `area` in the language in force. */
export function useMessages<T>(area: Localized<T>): T {
  return area[useLocale().locale];
}
