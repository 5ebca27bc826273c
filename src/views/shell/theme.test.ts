import { describe, expect, it } from 'vitest';
import { nextThemeChoice, readThemeChoice, resolveTheme, THEME_STORAGE_KEY, writeThemeChoice } from './theme.ts';

function memoryStorage(initial: Record<string, string> = {}) {
  const values = new Map(Object.entries(initial));
  return {
    getItem: (k: string) => values.get(k) ?? null,
    setItem: (k: string, v: string) => void values.set(k, v),
    removeItem: (k: string) => void values.delete(k),
    values,
  };
}

describe('theme', () => {
  it('follows the system until a choice is stored, and remembers it', () => {
    const storage = memoryStorage();
    expect(readThemeChoice(storage)).toBe('system');
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    writeThemeChoice(storage, 'dark');
    expect(storage.values.get(THEME_STORAGE_KEY)).toBe('dark');
    expect(readThemeChoice(storage)).toBe('dark');
    expect(resolveTheme('dark', false)).toBe('dark');
    writeThemeChoice(storage, 'system');
    expect(storage.values.has(THEME_STORAGE_KEY)).toBe(false);
  });

  it('ignores unknown stored values and failing storage', () => {
    expect(readThemeChoice(memoryStorage({ [THEME_STORAGE_KEY]: 'sepia' }))).toBe('system');
    const broken = {
      getItem: () => {
        throw new Error('denied');
      },
    };
    expect(readThemeChoice(broken)).toBe('system');
    expect(readThemeChoice(undefined)).toBe('system');
  });

  it('toggles to the opposite of what the system shows, then back to the system', () => {
    expect(nextThemeChoice('system', true)).toBe('light');
    expect(nextThemeChoice('system', false)).toBe('dark');
    expect(nextThemeChoice('light', true)).toBe('system');
    expect(nextThemeChoice('dark', false)).toBe('system');
  });
});
