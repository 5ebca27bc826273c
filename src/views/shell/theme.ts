/**
 * Light and dark themes: the system's choice unless the reader picked one, which is remembered.
 * The chosen theme is written as `data-theme` on <html>; the CSS custom properties in styles.css do the
 * rest. index.html applies a stored choice before the first paint (no flash of the wrong theme).
 */
export type ThemeChoice = 'system' | 'light' | 'dark';
export type Theme = 'light' | 'dark';

export const THEME_STORAGE_KEY = 'inception-explorer.theme';

/** The stored choice, or "system" when there is none or it is unreadable (private mode, bad value). */
export function readThemeChoice(storage: Pick<Storage, 'getItem'> | undefined): ThemeChoice {
  try {
    const value = storage?.getItem(THEME_STORAGE_KEY);
    return value === 'light' || value === 'dark' ? value : 'system';
  } catch {
    return 'system';
  }
}

export function writeThemeChoice(
  storage: Pick<Storage, 'setItem' | 'removeItem'> | undefined,
  choice: ThemeChoice,
): void {
  try {
    if (choice === 'system') storage?.removeItem(THEME_STORAGE_KEY);
    else storage?.setItem(THEME_STORAGE_KEY, choice);
  } catch {
    // Storage may be disabled; the choice then lasts for this page only.
  }
}

export function resolveTheme(choice: ThemeChoice, systemPrefersDark: boolean): Theme {
  return choice === 'system' ? (systemPrefersDark ? 'dark' : 'light') : choice;
}

/** The toggle's cycle: follow the system → the opposite of what it shows → back to the system. */
export function nextThemeChoice(choice: ThemeChoice, systemPrefersDark: boolean): ThemeChoice {
  if (choice === 'system') return systemPrefersDark ? 'light' : 'dark';
  return 'system';
}
