/**
 * The model's own prose (block notes, network sources), written in English in the definitions so that
 * the CLI, exports and trained files carry it. English readers see it as it is; `zh/prose.ts` words it
 * in Chinese from its facts.
 */
export const prose = {
  /** A block's note ("Logits; the softmax is applied when classifying."). */
  blockNote: (english: string) => english,
  /** Where a network's definition comes from ("Szegedy et al. 2016, Figs. 3–9 and Table 1"). */
  networkSource: (english: string) => english,
};

export type ProseMessages = typeof prose;
