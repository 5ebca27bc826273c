import { useTheme } from './useTheme.ts';

/** One button: switches to the other theme; a second press returns to following the system. */
export function ThemeToggle() {
  const { choice, theme, toggle } = useTheme();
  const other = theme === 'dark' ? 'light' : 'dark';
  const shown = choice === 'system' ? 'Auto' : theme === 'dark' ? 'Dark' : 'Light';
  // The accessible name starts with the word shown on the button (WCAG 2.5.3, label in name).
  const label = `${shown} theme. ${choice === 'system' ? `Switch to the ${other} theme` : `Follow the system theme (now ${theme})`}`;
  return (
    <button type="button" className="theme-toggle" onClick={toggle} aria-label={label} title={label} data-theme-choice={choice}>
      <span aria-hidden="true">{theme === 'dark' ? '☾' : '☀'}</span>
      <span className="theme-name"> {shown}</span>
    </button>
  );
}
