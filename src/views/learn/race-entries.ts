/**
 * The one place the lab takes its networks from: each race choice (a small network, its width, its
 * residual scale) becomes a NetworkDefinition through src/model/small's `smallNetwork`.
 *
 * PLACEHOLDER until src/model/small lands on this branch: `smallDefinition` says the small networks are
 * missing. Wire it as
 *   smallNetwork({ ...SMALL_PRESETS[choice.network], ...(choice.width !== undefined ? { width: choice.width } : {}),
 *     ...(scale !== undefined ? { residualScale: scale } : {}) })
 * Tests use the stand-ins of src/testing/training/race-networks.ts instead.
 */
import type { NetworkDefinition } from '../../model/types.ts';
import type { RaceEntry } from '../../runtime/training/protocol.ts';
import { choiceId, type RaceChoice } from './settings.ts';

/** Builds the definitions of a race, or throws (the page says why). */
export type RaceEntriesBuilder = (choices: readonly RaceChoice[], raceScale?: number) => RaceEntry[];

/**
 * The race's entries: ids unique per network, width and own scale (choiceId); the race-wide residual
 * scale goes into each definition that has no scale of its own.
 */
export const raceEntries: RaceEntriesBuilder = (choices, raceScale) => choices.map((choice) => {
  const scale = choice.scale ?? raceScale;
  return { id: choiceId(choice), network: smallDefinition(choice.network, choice.width, scale) };
});

function smallDefinition(network: RaceChoice['network'], width?: number, scale?: number): NetworkDefinition {
  throw new Error(`the small network ${network}${width !== undefined ? ` (width ${width})` : ''}`
    + `${scale !== undefined ? ` (residual scale ${scale})` : ''} is not part of this build yet (src/model/small)`);
}
