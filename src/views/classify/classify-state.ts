/** The shape of the classify page's state (held by `ClassifyStore`, store.ts); its networks' is NetworksState. */
import type { ClassifySaid } from '../i18n/classify.ts';
import type { Message } from '../networks/networks-state.ts';
import type { PhotoEntry } from './photo-list.ts';
import type { ClassifyMode } from './prediction-mode.ts';

export interface ClassifyState {
  photos: readonly PhotoEntry[];
  /** What the page says about its inputs (a file refused, the hint to load a network); shown with the networks'. */
  messages: readonly Message<ClassifySaid>[];
  /** The prediction mode for photos classified from now on (1 crop, 12, 144; the ensemble). */
  mode?: ClassifyMode;
}
