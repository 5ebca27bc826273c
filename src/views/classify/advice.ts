/**
 * What to do about a failed load, in words, from the reason the runtime gives as data. The message
 * (which tensor, which bytes, which URL) stays as the detail under this advice.
 */
import { NETWORKS } from '../../model/networks/index.ts';
import type { FailureReason } from '../../runtime/worker/errors.ts';
import type { ClassifiableNetwork } from '../../runtime/worker/protocol.ts';

export function reasonOf(error: unknown): FailureReason | undefined {
  return error instanceof Error && 'reason' in error ? (error.reason as FailureReason | undefined) : undefined;
}

/** The lead sentence for a weights or download failure; undefined where the message says it all. */
export function weightsAdvice(reason: FailureReason | undefined, network?: ClassifiableNetwork): string | undefined {
  const checkpoint = network ? NETWORKS[network].released?.checkpoint : undefined;
  const theFile = checkpoint ? `model.safetensors of ${checkpoint.repo}` : 'the checkpoint’s model.safetensors';
  switch (reason) {
    case 'truncated': return 'This file is incomplete: download it (or copy it) again, then retry.';
    case 'cut-short': return 'The download kept breaking off: check your connection and try again.';
    case 'web-page': return 'A web page came instead of the weights: check the download source’s address (or the file you chose).';
    case 'not-safetensors': return `This is not a weights file: use ${theFile}.`;
    case 'corrupt': return 'This file is damaged: download it again.';
    case 'non-finite': return 'This file holds invalid numbers, so it is damaged or was altered: download the official weights.';
    case 'wrong-model': return 'These are another network’s weights: drop the file anywhere on the page and it goes to the network it fits.';
    case 'not-inception': case 'missing': case 'shape': case 'unexpected':
      return `This is not the checkpoint this network needs: use ${theFile}.`;
    case 'unreadable': return 'The file could not be read: check that it still exists, then choose it again.';
    case 'not-cached': return 'The copy in this browser is gone: download the weights again.';
    case 'not-found': return 'The download source has no such file: check its address under “Download source”, or clear it to use Hugging Face.';
    case 'refused': return 'The download source refused access: check its address, or use Hugging Face.';
    case 'server-error': return 'The download source is failing right now: try again in a few minutes.';
    case 'http': return 'The download source answered with an error: check its address and try again.';
    case 'network': return 'The download could not connect: check that you are online (or that the mirror is running), then try again.';
    case 'too-large': return 'The download source sent something far larger than these weights: check its address.';
    case 'no-layout': case undefined: return undefined;
  }
}
