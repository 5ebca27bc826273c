import { useMessages } from '../i18n/messages.ts';
import { shellText } from '../i18n/shell.ts';
import { useTheme } from './useTheme.ts';

/** One button: switches to the other theme; a second press returns to following the system. */
export function ThemeToggle() {
  const { choice, theme, toggle } = useTheme();
  const t = useMessages(shellText).theme;
  const shown = t.shown[choice === 'system' ? 'system' : theme];
  const label = t.label(shown, choice === 'system', theme);
  return (
    <button
      type="button"
      className="theme-toggle"
      onClick={toggle}
      aria-label={label}
      title={label}
      data-theme-choice={choice}
    >
      <span aria-hidden="true">{theme === 'dark' ? '☾' : '☀'}</span>
      <span className="theme-name"> {shown}</span>
    </button>
  );
}
