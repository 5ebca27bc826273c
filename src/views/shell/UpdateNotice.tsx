import { useEffect, useSyncExternalStore } from 'react';
import { useMessages } from '../i18n/messages.ts';
import { shellText } from '../i18n/shell.ts';
import { applyUpdate, dismissUpdate, registerServiceWorker, subscribeUpdate, updateState } from './app-update.ts';

/** "A new version is available — Reload", and once "now works offline too"; registers the service worker. */
export function UpdateNotice() {
  useEffect(() => registerServiceWorker(), []);
  const state = useSyncExternalStore(subscribeUpdate, updateState, updateState);
  const t = useMessages(shellText).update;
  if (!state.waiting && !state.offlineReady) return null;
  return (
    <div className="update-notice" role="status" data-update={state.waiting ? 'waiting' : 'offline-ready'}>
      <span>{state.waiting ? t.available : t.offlineReady}</span>
      {state.waiting && (
        <button type="button" className="button-primary" onClick={applyUpdate}>
          {t.reload}
        </button>
      )}
      <button type="button" className="quiet" onClick={dismissUpdate}>
        {state.waiting ? t.later : t.dismiss}
      </button>
    </div>
  );
}
