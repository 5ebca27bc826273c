/** The names the lab gives its networks: "Inception-ResNet-v2-S, width 0.5, residuals × 0.1". */
import type { LearnMessages } from '../i18n/en/learn.ts';
import type { StoredRun } from './persistence.ts';
import { choiceId, type RaceChoice } from './settings.ts';

export function choiceTitle(choice: RaceChoice, t: LearnMessages): string {
  return t.networkTitle(t.networkNames[choice.network], choice.width, choice.scale);
}

/** Each network of a run by its id (an id no choice gives, from an older build, stands as it is). */
export function runTitles(run: StoredRun | undefined, t: LearnMessages): Record<string, string> {
  const titles: Record<string, string> = {};
  for (const choice of run?.settings.networks ?? []) titles[choiceId(choice)] = choiceTitle(choice, t);
  for (const id of run?.networks ?? []) titles[id] ??= id;
  return titles;
}
