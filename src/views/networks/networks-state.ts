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
import type { NetworksSaid } from '../i18n/networks.ts';

/** What to do about a failed load, as data: worded by `weightsAdvice` (advice.ts) when shown. */
export interface WeightsAdvice {
  reason: FailureReason;
  network?: ClassifiableNetwork;
}

export interface WeightsView {
  network: ClassifiableNetwork;
  state?: WeightsState;
  loading?: { source: WeightsRequest['kind']; progress?: LoadPhaseProgress };
  error?: NetworksSaid;
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
  error?: NetworksSaid;
}

/**
 * A message of a page's list: the networks' and the classify page's stores each keep their own, `text` in
 * the words of their own area (`NetworksSaid`, `ClassifySaid`), worded when shown.
 */
export interface Message<Text = NetworksSaid> {
  /** Unique across both stores (`nextMessageId`), so that their lists merge in the order they were said. */
  id: number;
  tone: 'error' | 'info';
  text: Text;
  /** What to do, shown before `text` (which then is the detail). */
  advice?: WeightsAdvice;
}

let lastMessageId = 0;

/** The id of a message said now, by either store. */
export function nextMessageId(): number {
  return ++lastMessageId;
}

/** The messages of both stores (each worded in its own area's words), in the order they were said. */
export function mergedMessages<M extends Pick<Message, 'id'>>(...lists: (readonly M[])[]): M[] {
  return lists.flat().sort((a, b) => a.id - b.id);
}

export interface NetworksState {
  settings: NetworkSettings;
  /** The inference worker: starting, ready, restarting after a failure, or given up. */
  session: SessionStatus;
  backend?: BackendReport;
  backendBusy: boolean;
  backendError?: NetworksSaid;
  /** Said when the chosen backend could not be used and another runs. */
  backendNotice?: NetworksSaid;
  weights: Readonly<Record<ClassifiableNetwork, WeightsView>>;
  /** Trained networks opened in this app (views/trained/library.ts), by `trained:<id>`. */
  trained: Readonly<Record<TrainedNetworkId, TrainedView>>;
  /** What happened to the worker and the weights: its restarts, a failed start, a dropped weights file. */
  messages: readonly Message[];
}
