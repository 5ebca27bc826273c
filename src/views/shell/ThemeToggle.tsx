import { useTheme } from './useTheme.ts';

/** One button: switches to the other theme; a second press returns to following the system. */
export function ThemeToggle() {
  const { choice, theme, toggle } = useTheme();
  const other = theme === 'dark' ? 'light' : 'dark';
  const label = choice === 'system' ? `Switch to the ${other} theme` : `Follow the system theme (now ${theme})`;
  return (
    <button type="button" className="theme-toggle" onClick={toggle} aria-label={label} title={label} data-theme-choice={choice}>
      <span aria-hidden="true">{theme === 'dark' ? '☾' : '☀'}</span>
      <span className="theme-name">{choice === 'system' ? ' Auto' : theme === 'dark' ? ' Dark' : ' Light'}</span>
    </button>
  );
}
