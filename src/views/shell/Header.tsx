import { useId, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { CLASSIFY, COMPARE, EVALUATE, FIGURES, HOME } from '../routes.ts';
import { ThemeToggle } from './ThemeToggle.tsx';

const NAV: ReadonlyArray<{ href: string; label: string; current: (path: string) => boolean }> = [
  { href: HOME, label: 'Networks', current: (p) => p === HOME || /^\/inception-/.test(p) },
  { href: FIGURES, label: 'Figures', current: (p) => p.startsWith('/figure') },
  { href: COMPARE, label: 'Compare', current: (p) => p === COMPARE },
  { href: CLASSIFY, label: 'Classify a photo', current: (p) => p === CLASSIFY },
  { href: EVALUATE, label: 'Evaluate', current: (p) => p === EVALUATE },
];

/** The app's header; on a phone the navigation folds behind a "Menu" button, so the header is one row. */
export function Header() {
  const [path] = useLocation();
  const [menu, setMenu] = useState<{ open: boolean; at: string }>({ open: false, at: path });
  // The menu closes when the page changes.
  const open = menu.open && menu.at === path;
  const navId = useId();
  return (
    <header className="app-header" data-menu={open ? 'open' : undefined}>
      <a className="skip-link" href="#main">Skip to content</a>
      <Link href={HOME} className="brand">Inception <span>Explorer</span></Link>
      <button type="button" className="menu-toggle" aria-expanded={open} aria-controls={navId} onClick={() => setMenu({ open: !open, at: path })}>
        Menu
      </button>
      <nav className="app-nav" aria-label="Main" id={navId}>
        {NAV.map((item) => (
          <Link key={item.href} href={item.href} aria-current={item.current(path) ? 'page' : undefined}>{item.label}</Link>
        ))}
      </nav>
      <ThemeToggle />
    </header>
  );
}
