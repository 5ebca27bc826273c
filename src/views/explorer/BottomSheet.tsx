import { useId, useState, type ReactNode } from 'react';
import { explorerText } from '../i18n/explorer.ts';
import { useMessages } from '../i18n/messages.ts';

/**
 * The inspector's container: a side panel on wide screens; on a phone a sheet at the bottom, folded to a
 * handle that names what is selected, opened by it over the lower part of the diagram.
 */
export function BottomSheet({ title, children }: { title: string; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  const bodyId = useId();
  const t = useMessages(explorerText);
  return (
    <aside className="side" aria-label={t.inspector} data-sheet={open ? 'open' : 'closed'}>
      <button
        type="button"
        className="sheet-handle"
        aria-expanded={open}
        aria-controls={bodyId}
        onClick={() => setOpen(!open)}
      >
        <span className="sheet-grip" aria-hidden="true" />
        <span className="sheet-title">{title}</span>
        <span className="sheet-action">{open ? t.sheetClose : t.sheetDetails}</span>
      </button>
      <div className="sheet-body" id={bodyId}>
        {children}
      </div>
    </aside>
  );
}
