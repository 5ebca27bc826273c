/** The shape of the classify page's state (held by `ClassifyStore`, store.ts). */
import type {
  BackendReport,
  ClassifiableNetwork,
  LoadPhaseProgress,
  TrainedNetworkId,
  TrainedState,
  WeightsRequest,
  WeightsState,
} from '../../runtime/worker/protocol.ts';
import type { SessionStatus } from '../../runtime/session/inference-session.ts';
import type { PhotoEntry } from './photo-list.ts';
import type { ClassifyMode } from './prediction-mode.ts';
import type { ClassifySettings } from './settings.ts';
import type { FailureReason } from '../../runtime/worker/errors.ts';
import type { ClassifyMessages } from '../i18n/en/classify.ts';
import type { Said } from '../i18n/said.ts';

/** What the classify page has to say, as data: worded in the reader's language when shown (i18n/said.ts). */
export type ClassifySaid = Said<ClassifyMessages>;

/** What to do about a failed load, as data: worded by `weightsAdvice` (advice.ts) when shown. */
export interface WeightsAdvice {
  reason: FailureReason;
  network?: ClassifiableNetwork;
}

export interface WeightsView {
  network: ClassifiableNetwork;
  state?: WeightsState;
  loading?: { source: WeightsRequest['kind']; progress?: LoadPhaseProgress };
  error?: ClassifySaid;
  /** What to do about `error`, shown first (the error is the detail). */
  advice?: WeightsAdvice;
  /** The file picked on this card when it is another network's checkpoint: the card offers to load it there. */
  misplaced?: { fits: ClassifiableNetwork; file: Blob; name: string };
}

export interface TrainedView {
  network: TrainedNetworkId;
  /** Once the worker has loaded it. */
  state?: TrainedState;
  loading?: boolean;
  error?: ClassifySaid;
}

export interface Message {
  id: number;
  tone: 'error' | 'info';
  text: ClassifySaid;
  /** What to do, shown before `text` (which then is the detail). */
  advice?: WeightsAdvice;
}

export interface ClassifyState {
  settings: ClassifySettings;
  /** The inference worker: starting, ready, restarting after a failure, or given up. */
  session: SessionStatus;
  backend?: BackendReport;
  backendBusy: boolean;
  backendError?: ClassifySaid;
  /** Said when the chosen backend could not be used and another runs. */
  backendNotice?: ClassifySaid;
  weights: Readonly<Record<ClassifiableNetwork, WeightsView>>;
  /** Trained networks opened on this page (views/trained/library.ts), by `trained:<id>`. */
  trained: Readonly<Record<TrainedNetworkId, TrainedView>>;
  photos: readonly PhotoEntry[];
  messages: readonly Message[];
  /** The prediction mode for photos classified from now on (1 crop, 12, 144; the ensemble). */
  mode?: ClassifyMode;
}
