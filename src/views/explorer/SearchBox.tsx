import { useEffect, useRef } from 'react';
import { explorerText } from '../i18n/explorer.ts';
import { useMessages } from '../i18n/messages.ts';

export interface SearchBoxProps {
  query: string;
  onQuery: (query: string) => void;
  /** Matches found, and which one is selected (-1: none). */
  count: number;
  current: number;
  onStep: (direction: 1 | -1) => void;
  /** Where the search looks: "in Inception-ResNet-B", "in the whole network". */
  scope: string;
}

/**
 * Search by name, layer kind, kernel ("7x1") or shape ("17x17"): Enter / Shift+Enter step through the
 * matches, Escape clears, "/" anywhere focuses the box.
 */
export function SearchBox({ query, onQuery, count, current, onStep, scope }: SearchBoxProps) {
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      const target = event.target as HTMLElement | null;
      const typing =
        target && (target.tagName === 'INPUT' || target.tagName === 'TEXTAREA' || target.isContentEditable);
      if (event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        input.current?.focus();
        input.current?.select();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const t = useMessages(explorerText).search;
  const status =
    query.trim() === '' ? '' : count === 0 ? t.none : current >= 0 ? t.nth(current + 1, count) : t.count(count);
  return (
    <div className="search" role="search">
      <label htmlFor="diagram-search" className="visually-hidden">
        {t.label(scope)}
      </label>
      <input
        ref={input}
        id="diagram-search"
        type="search"
        placeholder={t.placeholder}
        title={t.title}
        aria-keyshortcuts="/"
        value={query}
        autoComplete="off"
        spellCheck={false}
        onChange={(e) => onQuery(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            onStep(e.shiftKey ? -1 : 1);
          } else if (e.key === 'Escape' && query !== '') {
            e.preventDefault();
            e.stopPropagation();
            onQuery('');
          }
        }}
      />
      <button
        type="button"
        onClick={() => onStep(-1)}
        disabled={count === 0}
        aria-label={t.previous}
        title={t.previousTitle}
      >
        ↑
      </button>
      <button type="button" onClick={() => onStep(1)} disabled={count === 0} aria-label={t.next} title={t.nextTitle}>
        ↓
      </button>
      <span className="count" aria-live="polite" data-testid="search-status">
        {status}
      </span>
    </div>
  );
}
