import { createContext, useCallback, useContext, useEffect, useState, useSyncExternalStore } from 'react';
import {
  nextThemeChoice,
  readThemeChoice,
  resolveTheme,
  writeThemeChoice,
  type Theme,
  type ThemeChoice,
} from './theme.ts';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function subscribeSystem(onChange: () => void): () => void {
  const media = window.matchMedia?.(DARK_QUERY);
  media?.addEventListener('change', onChange);
  return () => media?.removeEventListener('change', onChange);
}

const systemPrefersDark = () => window.matchMedia?.(DARK_QUERY).matches ?? false;

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export interface ThemeState {
  choice: ThemeChoice;
  theme: Theme;
  toggle: () => void;
}

/** The theme in force, following the system until toggled; writes `data-theme` on <html>. */
export function useThemeState(): ThemeState {
  const [choice, setChoice] = useState<ThemeChoice>(() => readThemeChoice(safeStorage()));
  const prefersDark = useSyncExternalStore(subscribeSystem, systemPrefersDark, () => false);
  const theme = resolveTheme(choice, prefersDark);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  const toggle = useCallback(() => {
    setChoice((current) => {
      const next = nextThemeChoice(current, systemPrefersDark());
      writeThemeChoice(safeStorage(), next);
      return next;
    });
  }, []);
  return { choice, theme, toggle };
}

export const ThemeContext = createContext<ThemeState>({ choice: 'system', theme: 'light', toggle: () => {} });

export const useTheme = () => useContext(ThemeContext);
