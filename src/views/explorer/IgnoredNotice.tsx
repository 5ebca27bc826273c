import { explorerText } from '../i18n/explorer.ts';
import { useMessages } from '../i18n/messages.ts';

/** What a link asked for that this view could not show: said above the diagram, until dismissed. */
export function IgnoredNotice({ messages, onDismiss }: { messages: readonly string[]; onDismiss: () => void }) {
  const t = useMessages(explorerText).ignored;
  return (
    <div className="view-notice" role="status" data-testid="ignored-notice">
      <div>
        <strong>{t.title}</strong>
        {messages.map((m) => (
          <p key={m}>{m}</p>
        ))}
      </div>
      <button type="button" className="quiet" onClick={onDismiss} aria-label={t.dismiss}>
        ×
      </button>
    </div>
  );
}
