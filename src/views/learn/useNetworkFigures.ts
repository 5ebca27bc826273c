/**
 * The parameters and multiply-adds of the networks the lab offers, worked out once per network and
 * residual scale, and only after the page is drawn, one network per task: building and analysing one takes
 * 15–25 ms of the main thread and the form offers five, which made /learn's first render a long task and
 * cost every edit of a setting (each makes a new list of choices) as much again.
 */
import { useEffect, useMemo, useState } from 'react';
import { choiceId, type RaceChoice } from './settings.ts';

export interface NetworkFigures {
  params: number;
  macs: number;
}

/** Figures of `choice` at the race's residual `scale` (none: each network's own); throws where it cannot be built. */
export type FiguresOf = (choice: RaceChoice, scale: number | undefined) => NetworkFigures;

const keyOf = (choice: RaceChoice, scale: number | undefined) => `${choiceId(choice)}@${scale ?? ''}`;

/** Each choice's figures, undefined until worked out (or where the network cannot be built). */
export function useNetworkFigures(
  choices: readonly RaceChoice[],
  scale: number | undefined,
  figuresOf: FiguresOf,
): Array<NetworkFigures | undefined> {
  // null: tried, and the network cannot be built.
  const [known, setKnown] = useState<ReadonlyMap<string, NetworkFigures | null>>(new Map());
  useEffect(() => {
    const missing = choices.find((choice) => !known.has(keyOf(choice, scale)));
    if (!missing) return;
    const timer = setTimeout(() => {
      let figures: NetworkFigures | null = null;
      try {
        figures = figuresOf(missing, scale);
      } catch {
        // The form offers it without figures; starting the race says what is wrong.
      }
      setKnown((before) => new Map(before).set(keyOf(missing, scale), figures));
    });
    return () => clearTimeout(timer);
  }, [choices, scale, figuresOf, known]);
  return useMemo(() => choices.map((choice) => known.get(keyOf(choice, scale)) ?? undefined), [choices, scale, known]);
}
