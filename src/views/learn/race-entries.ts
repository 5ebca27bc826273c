/**
 * The one place the lab takes its networks from: each race choice (a small network, its width, its
 * residual scale) becomes a small-network spec and its NetworkDefinition (src/model/small). The spec
 * travels with the definition so the worker can fit the classifier and stem to the data it loads.
 */
import { SMALL_PRESETS, smallNetwork, type SmallNetworkSpec } from '../../model/small/index.ts';
import type { RaceEntry } from '../../runtime/training/protocol.ts';
import { choiceId, type RaceChoice } from './settings.ts';

/** Builds the definitions of a race, or throws (the page says why). */
export type RaceEntriesBuilder = (choices: readonly RaceChoice[], raceScale?: number) => RaceEntry[];

/**
 * The race's entries: ids unique per network, width and own scale (choiceId); the race-wide residual
 * scale goes into each definition that has no scale of its own.
 */
export const raceEntries: RaceEntriesBuilder = (choices, raceScale) =>
  choices.map((choice) => {
    const scale = choice.scale ?? raceScale;
    const spec = smallSpec(choice.network, choice.width, scale);
    return { id: choiceId(choice), network: smallNetwork(spec), spec };
  });

function smallSpec(network: RaceChoice['network'], width?: number, scale?: number): SmallNetworkSpec {
  return {
    ...SMALL_PRESETS[network],
    ...(width !== undefined ? { width } : {}),
    ...(scale !== undefined ? { residualScale: scale } : {}),
  };
}
