import { HTML_LANG, LOCALE_NAMES, otherLocale } from '../i18n/locale.ts';
import { useMessages } from '../i18n/messages.ts';
import { shellText } from '../i18n/shell.ts';
import { useLocale } from '../i18n/useLocale.ts';

/**
 * One button naming the other language in that language ("中文" / "English"), as language switches do:
 * a reader who cannot read the current one still finds their own.
 */
export function LanguageToggle() {
  const { locale, toggle } = useLocale();
  const t = useMessages(shellText);
  const other = otherLocale(locale);
  return (
    <button
      type="button"
      className="language-toggle"
      onClick={toggle}
      lang={HTML_LANG[other]}
      title={t.switchLanguage}
      data-locale={locale}
    >
      {LOCALE_NAMES[other]}
    </button>
  );
}
