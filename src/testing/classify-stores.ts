/**
 * The classify page's stores as the app makes them (classify-store.ts), on a session a test hands: the
 * networks store, started (backend, cached weights), and the classify page's store on it (or the networks
 * store alone, as the evaluate page and look inside use it).
 */
import type { InferenceSession } from '../runtime/session/inference-session.ts';
import { ClassifyStore } from '../views/classify/store.ts';
import { modeProblems } from '../views/classify/prediction-mode.ts';
import { NetworksStore } from '../views/networks/networks-store.ts';
import { readNetworkSettings } from '../views/networks/settings.ts';
import type { PhotoLibrary } from '../views/photos/library.ts';

export async function startClassifyStore(
  session: InferenceSession,
  search = '?backend=wasm',
  /** The photo library (default: the app's). */
  library?: PhotoLibrary,
): Promise<ClassifyStore> {
  const networks = new NetworksStore(session, readNetworkSettings(search, undefined));
  const store = new ClassifyStore(session, networks, undefined, library, modeProblems(search));
  await networks.start();
  return store;
}

export async function startNetworksStore(session: InferenceSession, search = '?backend=wasm'): Promise<NetworksStore> {
  const networks = new NetworksStore(session, readNetworkSettings(search, undefined));
  await networks.start();
  return networks;
}
