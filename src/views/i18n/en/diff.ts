/**
 * The differences between two networks in words (see `views/explorer/diff-text.ts`): the paper's and
 * the released form of a network, or a small network and the one it is derived from, each side named by
 * its phrases (`DiffSides`). Stage and layer names are the paper's notation and stay as they are in every
 * language; a block's own note is model data and stays English.
 */
import { prose } from './prose.ts';
const activation = (a: 'relu' | 'linear') => (a === 'relu' ? 'a ReLU' : 'no activation');

/** How the sentences name one side of a comparison. */
export interface DiffSide {
  /** Where a value is: "in the paper", "released", "in Inception-ResNet-v2-S". */
  at: string;
  /** The network as a noun: "the paper", "the released network". */
  name: string;
  /** Its short name in a list: "paper", "released". */
  short: string;
  /** "the paper's" */
  possessive: string;
}

export interface DiffSides {
  /** The first network ("paper" in the diff's data). */
  from: DiffSide;
  /** The second network ("released" in the diff's data). */
  to: DiffSide;
}

/** The sentences for a comparison whose sides are named so. */
function diffSentences({ from, to }: DiffSides) {
  return {
    /** A block's own note, said after its difference. */
    blockNote: prose.blockNote,
    stageRemoved: (stage: string) => `${stage} is not in ${to.name}.`,
    /** A repetition of a repeated block written as a stage of its own, second side only: the 10th of 10. */
    separateRepeat: (stage: string, position: number, total: number) =>
      `${stage} no. ${position} of ${total}, a separate stage,`,
    stageAdded: (what: string, output: string) => `${what} is not in ${from.name} (output ${output}).`,
    /** "(9 + 1 as separate stage)" */
    split: (first: number, extra: readonly number[]) =>
      ` (${first} + ${extra.join(' + ')} as separate ${extra.length > 1 ? 'stages' : 'stage'})`,
    repeats: (stage: string, a: number, b: number, split: string) =>
      `${stage}: ${a} repetitions ${from.at}, ${b} ${to.at}${split}.`,
    outputSameLayers: (stage: string, a: string, b: string) =>
      `${stage}: the same layers, but its input differs, so it outputs ${a} ${from.at} and ${b} ${to.at}.`,
    output: (stage: string, a: string, b: string) => `${stage}: outputs ${a} ${from.at}, ${b} ${to.at}.`,
    layer: (stage: string, a: string, b: string) => `${stage}: ${a} ${from.at}, ${b} ${to.at}.`,
    kernelOrder: (stage: string, pairs: readonly string[]) =>
      `${stage}: asymmetric kernels in the other order (${from.short} → ${to.short}: ${pairs.join('; ')}); same parameters.`,
    residualScale: (stage: string, a: string, b: string) => `${stage}: residual scale ${a} ${from.at}, ${b} ${to.at}.`,
    activation: (stage: string, a: 'relu' | 'linear', b: 'relu' | 'linear') =>
      `${stage}: ${activation(a)} after the addition ${from.at}, ${activation(b)} ${to.at}.`,
    branchRemoved: (stage: string, first: string) =>
      `${stage}: the branch starting with ${first} is not in ${to.name}.`,
    branchAdded: (stage: string, first: string) =>
      `${stage}: the branch starting with ${first} is not in ${from.name}.`,
    branchOrder: (stage: string, a: string, b: string) =>
      `${stage}: the branches are drawn in another order than the released code concatenates them (${from.short}: ${a}; ${to.short}: ${b}); the weights follow the code's order.`,
    replaced: (stage: string, removed: readonly string[], added: readonly string[]) =>
      `${stage}: ${removed.length ? `${from.possessive} ${removed.join(', ')}` : `nothing of ${from.name}`} replaced by ${added.length ? added.join(', ') : 'nothing'} in ${to.name}.`,
    input: (a: string, b: string) => `Input: ${a} ${from.at}, ${b} ${to.at}; every grid after the stem is smaller.`,
    /** "×0.25", ["384 → 96", …] */
    width: (width: string, examples: readonly string[]) =>
      `Width ${width}: every convolution has ${width} of its filters ${to.at} (${examples.join(', ')}); the layers that differ only so are not marked.`,
    classes: (stage: string, a: number, b: number) => `${stage}: ${a} classes ${from.at}, ${b} ${to.at}.`,
    /** act(r) in place of act(x + s·r); `scale`: "0.17". */
    shortcutRemoved: (stage: string, act: 'relu' | 'linear', scale: string) => {
      const [without, withShortcut] = act === 'relu' ? ['ReLU(r)', `ReLU(x + ${scale}·r)`] : ['r', `x + ${scale}·r`];
      return `${stage}: shortcut removed ${to.at}: each block computes ${without} in place of ${withShortcut}, with the same layers and weights.`;
    },
  };
}

export type DiffMessages = ReturnType<typeof diffSentences>;

/** The paper's form of a network against its released form. */
export const diff: DiffMessages = diffSentences({
  from: { at: 'in the paper', name: 'the paper', short: 'paper', possessive: "the paper's" },
  to: { at: 'released', name: 'the released network', short: 'released', possessive: "the released network's" },
});

/** A network against another derived from it, both named by their titles. */
export function derivedDiff(from: string, to: string): DiffMessages {
  const side = (title: string): DiffSide => ({
    at: `in ${title}`,
    name: title,
    short: title,
    possessive: `${title}'s`,
  });
  return diffSentences({ from: side(from), to: side(to) });
}
