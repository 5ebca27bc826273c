import { useId, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { ShellMessages } from '../i18n/en/shell.ts';
import { useMessages } from '../i18n/messages.ts';
import { shellText } from '../i18n/shell.ts';
import { CLASSIFY, COMPARE, EVALUATE, FIGURES, HOME, LEARN } from '../routes.ts';
import { LanguageToggle } from './LanguageToggle.tsx';
import { ThemeToggle } from './ThemeToggle.tsx';

const NAV: ReadonlyArray<{ href: string; label: keyof ShellMessages['nav']; current: (path: string) => boolean }> = [
  { href: HOME, label: 'networks', current: (p) => p === HOME || /^\/inception-/.test(p) },
  { href: FIGURES, label: 'figures', current: (p) => p.startsWith('/figure') },
  { href: COMPARE, label: 'compare', current: (p) => p === COMPARE },
  { href: CLASSIFY, label: 'classify', current: (p) => p === CLASSIFY },
  { href: EVALUATE, label: 'evaluate', current: (p) => p === EVALUATE },
  { href: LEARN, label: 'learn', current: (p) => p === LEARN },
];

/** The app's header; on a phone the navigation folds behind a "Menu" button, so the header is one row. */
export function Header() {
  const [path] = useLocation();
  const [menu, setMenu] = useState<{ open: boolean; at: string }>({ open: false, at: path });
  // The menu closes when the page changes.
  const open = menu.open && menu.at === path;
  const navId = useId();
  const t = useMessages(shellText);
  // The app's name, the same in every language, set in two colours.
  const [brand, brandAccent] = t.brand.split(' ');
  return (
    <header className="app-header" data-menu={open ? 'open' : undefined}>
      <a className="skip-link" href="#main">
        {t.skipToContent}
      </a>
      <Link href={HOME} className="brand" lang="en">
        {brand} <span>{brandAccent}</span>
      </Link>
      <button
        type="button"
        className="menu-toggle"
        aria-expanded={open}
        aria-controls={navId}
        onClick={() => setMenu({ open: !open, at: path })}
      >
        {t.menu}
      </button>
      <nav className="app-nav" aria-label={t.mainNavigation} id={navId}>
        {NAV.map((item) => (
          <Link key={item.href} href={item.href} aria-current={item.current(path) ? 'page' : undefined}>
            {t.nav[item.label]}
          </Link>
        ))}
      </nav>
      <LanguageToggle />
      <ThemeToggle />
    </header>
  );
}
