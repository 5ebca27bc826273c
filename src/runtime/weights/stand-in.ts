/**
 * Stand-in weights: files with a released checkpoint's names and shapes but made-up values (the recipe
 * weights of fixtures/timm/recipe.md that `make-weights` writes, to try loading and classifying offline).
 * They classify every photo with confident nonsense, so the file says what it is in its safetensors
 * "__metadata__", and whoever loads it (the browser's worker, the CLI) says so beside the predictions.
 */
import { PYTORCH_METADATA } from './safetensors-writer.ts';

/** The "__metadata__" key that marks stand-in weights, and its value. */
export const STAND_IN_KEY = 'inception_explorer_weights';
export const STAND_IN_VALUE = 'stand-in';

/** What `make-weights` writes: PyTorch's own entry, the mark, and a sentence for a human reading the header. */
export const STAND_IN_METADATA: Readonly<Record<string, string>> = {
  ...PYTORCH_METADATA,
  [STAND_IN_KEY]: STAND_IN_VALUE,
  note: 'stand-in weights (fixtures/timm/recipe.md of inception-explorer): the predictions mean nothing',
};

/** Whether a file's "__metadata__" marks it as stand-in weights. */
export function isStandIn(metadata: Readonly<Record<string, string>> | undefined): boolean {
  return metadata?.[STAND_IN_KEY] === STAND_IN_VALUE;
}
