/**
 * The classify page's store, one for the app: created the first time the classify page opens and kept
 * while the app runs, so results survive navigating away and back. Its networks are the app's networks
 * store's; it classifies through the app's inference session, which owns the worker's life.
 */
import { inferenceSession } from '../../runtime/session/app-inference-session.ts';
import { networksStore, storage } from '../networks/app-networks-store.ts';
import { photoLibrary } from '../photos/library.ts';
import { modeProblems, readClassifyMode } from './prediction-mode.ts';
import { ClassifyStore } from './store.ts';

let store: ClassifyStore | undefined;

export function classifyStore(): ClassifyStore {
  if (!store) {
    const search = globalThis.location?.search ?? '';
    store = new ClassifyStore(
      inferenceSession(),
      networksStore(),
      readClassifyMode(search, storage()),
      photoLibrary(),
      modeProblems(search),
    );
  }
  return store;
}
