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

export function Header() {
  const [path] = useLocation();
  return (
    <header className="app-header">
      <a className="skip-link" href="#main">Skip to content</a>
      <Link href={HOME} className="brand">Inception <span>Explorer</span></Link>
      <nav className="app-nav" aria-label="Main">
        {NAV.map((item) => (
          <Link key={item.href} href={item.href} aria-current={item.current(path) ? 'page' : undefined}>{item.label}</Link>
        ))}
      </nav>
      <ThemeToggle />
    </header>
  );
}
