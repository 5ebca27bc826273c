/**
 * What to do about a failed load, in words, from the reason the runtime gives as data. The message
 * (which tensor, which bytes, which URL) stays as the detail under this advice.
 */
import { CLASSIFIABLE_NETWORKS, NETWORKS } from '../../model/networks/index.ts';
import type { FailureReason } from '../../runtime/worker/errors.ts';
import type { ClassifiableNetwork } from '../../runtime/worker/protocol.ts';
import { networks as english, type NetworksMessages } from '../i18n/en/networks.ts';
import type { WeightsAdvice, WeightsView } from './networks-state.ts';
import { networkTitle } from './names.ts';

export function reasonOf(error: unknown): FailureReason | undefined {
  return error instanceof Error && 'reason' in error ? (error.reason as FailureReason | undefined) : undefined;
}

/**
 * The network a file refused on `network`'s card is the checkpoint of (the check identified it: 'wrong-model'),
 * where that is another network this page loads.
 */
export function fitsElsewhere(error: unknown, network: ClassifiableNetwork): ClassifiableNetwork | undefined {
  const fits = error instanceof Error && 'fits' in error ? error.fits : undefined;
  return CLASSIFIABLE_NETWORKS.find((n) => n === fits && n !== network);
}

/** The advice to keep for a failed load (worded when shown), where there is a reason to advise on. */
export function adviceOf(error: unknown, network?: ClassifiableNetwork): WeightsAdvice | undefined {
  const reason = reasonOf(error);
  return reason === undefined ? undefined : { reason, ...(network ? { network } : {}) };
}

/** What a weights card leads with: whose weights a misplaced file holds, else what to do about the failure. */
export function cardAdvice(view: WeightsView, m: NetworksMessages = english): string | undefined {
  if (view.misplaced) return m.weights.fitsOther(networkTitle(view.misplaced.fits), networkTitle(view.network));
  return view.advice && weightsAdvice(view.advice.reason, view.advice.network, m);
}

/** The lead sentence for a weights or download failure; undefined where the message says it all. */
export function weightsAdvice(
  reason: FailureReason | undefined,
  network?: ClassifiableNetwork,
  m: NetworksMessages = english,
): string | undefined {
  const checkpoint = network ? NETWORKS[network].released?.checkpoint : undefined;
  const theFile = m.advice.theFile(checkpoint?.repo);
  const say = m.advice.reason;
  switch (reason) {
    case 'not-inception':
    case 'missing':
    case 'shape':
    case 'unexpected':
      return say['wrong-checkpoint'](theFile);
    case 'no-layout':
    case undefined:
      return undefined;
    // Hugging Face (or the mirror) cannot be reached: say what works without it.
    case 'network': {
      const page = checkpoint ? `https://huggingface.co/${checkpoint.repo}` : 'https://huggingface.co/timm';
      return `${say.network()} ${m.advice.elsewhere(theFile, page)}`;
    }
    default:
      return say[reason](theFile);
  }
}
