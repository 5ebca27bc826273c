import { describe, expect, it } from 'vitest';
import { browserLocale, LOCALE_STORAGE_KEY, otherLocale, readLocaleChoice, writeLocaleChoice } from './locale.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => values.get(k) ?? null,
    setItem: (k: string, v: string) => void values.set(k, v),
    removeItem: (k: string) => void values.delete(k),
    values,
  };
}

describe('locale', () => {
  it('takes the first English or Chinese language of the browser, any Chinese as 简体中文', () => {
    expect(browserLocale(['zh-CN', 'en'])).toBe('zh');
    expect(browserLocale(['zh-TW'])).toBe('zh');
    expect(browserLocale(['zh-Hant-HK'])).toBe('zh');
    expect(browserLocale(['de-DE', 'en-GB', 'zh'])).toBe('en');
    expect(browserLocale(['fr', 'ZH'])).toBe('zh');
    expect(browserLocale(['fr'])).toBe('en');
    expect(browserLocale(undefined)).toBe('en');
  });

  it('remembers a choice that differs from the browser, and forgets one that matches it', () => {
    const storage = memoryStorage();
    expect(readLocaleChoice(storage)).toBeUndefined();
    writeLocaleChoice(storage, 'zh', 'en');
    expect(storage.values.get(LOCALE_STORAGE_KEY)).toBe('zh');
    expect(readLocaleChoice(storage)).toBe('zh');
    writeLocaleChoice(storage, otherLocale('zh'), 'en');
    expect(storage.values.has(LOCALE_STORAGE_KEY)).toBe(false);
  });

  it('ignores unknown stored values and failing storage', () => {
    expect(readLocaleChoice(memoryStorage({ [LOCALE_STORAGE_KEY]: 'fr' }))).toBeUndefined();
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
      setItem: () => {
        throw new Error('denied');
      },
      removeItem: () => undefined,
    };
    expect(readLocaleChoice(broken)).toBeUndefined();
    expect(() => writeLocaleChoice(broken, 'zh', 'en')).not.toThrow();
  });
});
