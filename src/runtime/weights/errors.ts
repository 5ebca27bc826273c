import type { NetworkId } from '../../model/types.ts';
import { englishFailure, type FailureDetail } from '../failure-words.ts';

/**
 * What can be wrong with a weights file, as data: the views and the CLI turn a problem into advice
 * ("download it again"), and the message keeps the precise detail (which tensor, which bytes).
 */
export type WeightsFileProblem =
  /** The file could not be read at all. */
  | 'unreadable'
  /** Not a safetensors file (some other binary or text). */
  | 'not-safetensors'
  /** A web page (HTML) where the weights were expected: a server or mirror answered with a page. */
  | 'web-page'
  /** A safetensors file cut short (an interrupted download or copy). */
  | 'truncated'
  /** A safetensors header that contradicts itself (overlaps, holes, bad numbers). */
  | 'corrupt'
  /** Parsed fine but holds NaN or ±Infinity. */
  | 'non-finite'
  /** The network has no checkpoint layout (a paper variant). */
  | 'no-layout'
  /** The weights of the other network. */
  | 'wrong-model'
  /** No Inception checkpoint at all. */
  | 'not-inception'
  /** One expected tensor is absent, has the wrong shape, or one is extra. */
  | 'missing'
  | 'shape'
  | 'unexpected';

/** A weights file that cannot be used, with a message naming the file and the first bad tensor. */
export class WeightsFileError extends Error {
  override readonly name = 'WeightsFileError';

  constructor(
    /** The file as the user knows it ("model.safetensors of timm/inception_v4.tf_in1k", "my.safetensors"). */
    readonly fileName: string,
    /** What is wrong, as data (its English is the message). */
    readonly detail: FailureDetail,
    /** The first tensor found wrong, where the problem is one tensor's. */
    readonly tensor?: string,
    readonly problem: WeightsFileProblem = 'corrupt',
    /** For 'wrong-model': the network whose checkpoint the file is. */
    readonly fits?: NetworkId,
  ) {
    super(englishFailure(detail));
  }
}

/** Problems of the file itself, whichever network it is meant for (as opposed to not fitting one). */
export const FILE_LEVEL_PROBLEMS: ReadonlySet<WeightsFileProblem> = new Set([
  'unreadable',
  'not-safetensors',
  'web-page',
  'truncated',
  'corrupt',
  'non-finite',
]);
