/** The shape of the networks' state (held by `NetworksStore`, networks-store.ts), and what the pages say. */
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
import type { NetworkSettings } from './settings.ts';
import type { FailureReason } from '../../runtime/worker/errors.ts';
import type { ClassifyMessages } from '../i18n/en/classify.ts';
import type { Said } from '../i18n/said.ts';

/**
 * What the networks' and the classify page's stores have to say, as data, in the words of the classify
 * catalogue (i18n/en/classify.ts): worded in the reader's language when shown (i18n/said.ts).
 */
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

/** A message of a page's list (the networks' and the classify page's stores each keep their own). */
export interface Message {
  /** Unique across both stores (`nextMessageId`), so that their lists merge in the order they were said. */
  id: number;
  tone: 'error' | 'info';
  text: ClassifySaid;
  /** What to do, shown before `text` (which then is the detail). */
  advice?: WeightsAdvice;
}

let lastMessageId = 0;

/** The id of a message said now, by either store. */
export function nextMessageId(): number {
  return ++lastMessageId;
}

/** The messages of both stores, in the order they were said. */
export function mergedMessages(...lists: (readonly Message[])[]): Message[] {
  return lists.flat().sort((a, b) => a.id - b.id);
}

export interface NetworksState {
  settings: NetworkSettings;
  /** The inference worker: starting, ready, restarting after a failure, or given up. */
  session: SessionStatus;
  backend?: BackendReport;
  backendBusy: boolean;
  backendError?: ClassifySaid;
  /** Said when the chosen backend could not be used and another runs. */
  backendNotice?: ClassifySaid;
  weights: Readonly<Record<ClassifiableNetwork, WeightsView>>;
  /** Trained networks opened in this app (views/trained/library.ts), by `trained:<id>`. */
  trained: Readonly<Record<TrainedNetworkId, TrainedView>>;
  /** What happened to the worker and the weights: its restarts, a failed start, a dropped weights file. */
  messages: readonly Message[];
}
