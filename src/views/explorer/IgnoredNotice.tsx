/** What a link asked for that this view could not show: said above the diagram, until dismissed. */
export function IgnoredNotice({ messages, onDismiss }: { messages: readonly string[]; onDismiss: () => void }) {
  return (
    <div className="view-notice" role="status" data-testid="ignored-notice">
      <div>
        <strong>Part of the link was ignored.</strong>
        {messages.map((m) => <p key={m}>{m}</p>)}
      </div>
      <button type="button" className="quiet" onClick={onDismiss} aria-label="Dismiss this notice">×</button>
    </div>
  );
}
