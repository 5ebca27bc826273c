/**
 * The paper-vs-released differences in words (see `views/explorer/diff-text.ts`). Stage and layer names
 * are the paper's notation and stay as they are in every language; a block's own note is model data and
 * stays English.
 */
const activation = (a: 'relu' | 'linear') => (a === 'relu' ? 'a ReLU' : 'no activation');

export const diff = {
  stageRemoved: (stage: string) => `${stage} is not in the released network.`,
  /** One more repetition of a repeated stage, released only. */
  oneMore: (stage: string, before: number) => `One more ${stage}, after the ${before} before it,`,
  stageAdded: (what: string, output: string) => `${what} is not in the paper (output ${output}).`,
  /** "(9 + 1 as separate stage)" */
  split: (first: number, extra: readonly number[]) => ` (${first} + ${extra.join(' + ')} as separate ${extra.length > 1 ? 'stages' : 'stage'})`,
  repeats: (stage: string, paper: number, released: number, split: string) => `${stage}: ${paper} repetitions in the paper, ${released} released${split}.`,
  outputSameLayers: (stage: string, paper: string, released: string) =>
    `${stage}: the same layers, but its input differs, so it outputs ${paper} in the paper and ${released} released.`,
  output: (stage: string, paper: string, released: string) => `${stage}: outputs ${paper} in the paper, ${released} released.`,
  layer: (stage: string, paper: string, released: string) => `${stage}: ${paper} in the paper, ${released} released.`,
  kernelOrder: (stage: string, pairs: readonly string[]) =>
    `${stage}: asymmetric kernels in the other order (paper → released: ${pairs.join('; ')}); same parameters.`,
  residualScale: (stage: string, paper: string, released: string) => `${stage}: residual scale ${paper} in the paper, ${released} released.`,
  activation: (stage: string, paper: 'relu' | 'linear', released: 'relu' | 'linear') =>
    `${stage}: ${activation(paper)} after the addition in the paper, ${activation(released)} released.`,
  branchRemoved: (stage: string, first: string) => `${stage}: the branch starting with ${first} is not in the released network.`,
  branchAdded: (stage: string, first: string) => `${stage}: the branch starting with ${first} is not in the paper.`,
  branchOrder: (stage: string, paper: string, released: string) =>
    `${stage}: the branches are drawn in another order than the released code concatenates them (paper: ${paper}; released: ${released}); the weights follow the code's order.`,
  replaced: (stage: string, removed: readonly string[], added: readonly string[]) =>
    `${stage}: ${removed.length ? `the paper's ${removed.join(', ')}` : 'nothing of the paper'} replaced by ${added.length ? added.join(', ') : 'nothing'} in the released network.`,
};

export type DiffMessages = typeof diff;
