import { isTrainedNetworkId } from '../../model/trained.ts';
import type { InferenceNetwork } from '../../runtime/worker/protocol.ts';
import { useMessages } from '../i18n/messages.ts';
import { trainedText } from '../i18n/trained.ts';
import { networkTitle } from '../networks/names.ts';

/** A result column's heading: the network's title, saying "trained" for a network trained in this browser. */
export function useColumnTitle(network: InferenceNetwork): string {
  const t = useMessages(trainedText);
  const title = networkTitle(network);
  return isTrainedNetworkId(network) ? t.title(title) : title;
}
