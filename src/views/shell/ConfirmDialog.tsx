/**
 * Asks before something that cannot be undone: a modal <dialog> (the browser traps the focus in it, makes
 * the page behind it inert and closes it on Escape), opened on the safe choice. Not window.confirm, which
 * a screen reader announces poorly, the page cannot word or style, and some browsers suppress.
 */
import { useEffect, useId, useRef } from 'react';

export interface ConfirmDialogProps {
  open: boolean;
  title: string;
  message: string;
  /** The button that does it. */
  confirm: string;
  /** The button that keeps things as they are; focused when the dialog opens. */
  keep: string;
  onConfirm: () => void;
  /** Keep, Escape, or the dialog closed some other way. */
  onKeep: () => void;
}

export function ConfirmDialog({ open, title, message, confirm, keep, onConfirm, onKeep }: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const keepButton = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const messageId = useId();
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) {
      // showModal is in every browser the app supports; the attribute is for those before it (and jsdom).
      if (typeof element.showModal === 'function') element.showModal();
      else element.setAttribute('open', '');
      keepButton.current?.focus();
    } else if (!open && element.open) {
      element.close?.();
      element.removeAttribute('open');
    }
  }, [open]);
  return (
    <dialog
      ref={dialog}
      className="confirm-dialog"
      role="alertdialog"
      aria-labelledby={titleId}
      aria-describedby={messageId}
      onClose={() => open && onKeep()}
    >
      <h2 id={titleId}>{title}</h2>
      <p id={messageId}>{message}</p>
      <div className="actions">
        <button type="button" ref={keepButton} className="button-primary" onClick={onKeep}>
          {keep}
        </button>
        <button type="button" onClick={onConfirm}>
          {confirm}
        </button>
      </div>
    </dialog>
  );
}
