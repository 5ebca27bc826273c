/**
 * The service worker's life as the page sees it (src/offline/service-worker.ts): registered once, in
 * production builds only; a new version waiting is offered to the reader; a reload when it takes over.
 * The page also reloads itself once when the worker first takes control of a page that is not
 * cross-origin isolated: on a host that sends no COOP/COEP headers, the worker adds them, and the reload
 * is what makes WebAssembly's threads available (README, "Hosting").
 */
import { Workbox } from 'workbox-window';

export interface UpdateState {
  /** A new version is installed and waits for the reader. */
  waiting: boolean;
  /** The app has just been stored for offline use (the first visit's install). */
  offlineReady: boolean;
}

type Listener = (state: UpdateState) => void;

const RELOADED_FOR_ISOLATION = 'inception-explorer.isolation-reload';

let workbox: Workbox | undefined;
let state: UpdateState = { waiting: false, offlineReady: false };
const listeners = new Set<Listener>();
let reloadOnTakeover = false;

/** What the worker's events say (exported for the notice's tests). */
export function setUpdateState(next: Partial<UpdateState>): void {
  state = { ...state, ...next };
  for (const listener of listeners) listener(state);
}

/** Whether to reload once because the worker now serves the isolation headers (pure, for tests). */
export function shouldReloadForIsolation(isolated: boolean, alreadyReloaded: boolean): boolean {
  return !isolated && !alreadyReloaded;
}

function reloadedBefore(): boolean {
  try {
    return sessionStorage.getItem(RELOADED_FOR_ISOLATION) === '1';
  } catch {
    return true; // without storage, never risk a reload loop
  }
}

/** Registers the service worker (once; nothing where the browser has none or in development). */
export function registerServiceWorker(url = '/service-worker.js'): void {
  if (workbox || typeof navigator === 'undefined' || !('serviceWorker' in navigator) || !import.meta.env.PROD) return;
  workbox = new Workbox(url, { type: 'classic' });
  workbox.addEventListener('waiting', () => setUpdateState({ waiting: true }));
  workbox.addEventListener('installed', (event) => {
    if (!event.isUpdate) setUpdateState({ offlineReady: true });
  });
  workbox.addEventListener('controlling', () => {
    if (reloadOnTakeover) return window.location.reload();
    if (shouldReloadForIsolation(globalThis.crossOriginIsolated === true, reloadedBefore())) {
      try {
        sessionStorage.setItem(RELOADED_FOR_ISOLATION, '1');
      } catch {
        return;
      }
      window.location.reload();
    }
  });
  void workbox.register().catch(() => undefined); // no worker: the app still works, online
}

/** The waiting version takes over; the page reloads when it does. */
export function applyUpdate(): void {
  reloadOnTakeover = true;
  workbox?.messageSkipWaiting();
}

export function dismissUpdate(): void {
  setUpdateState({ waiting: false, offlineReady: false });
}

export function subscribeUpdate(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export const updateState = (): UpdateState => state;
