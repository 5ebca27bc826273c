/**
 * A trained network for the classify page and look inside: its file from this browser's library of
 * trained networks (views/trained/library.ts), loaded in the worker through the app's session. Its
 * title is remembered for the result columns.
 */
import { trainedFileId } from '../../model/trained.ts';
import type { TrainedNetworkId, TrainedState } from '../../runtime/worker/protocol.ts';
import type { InferenceSession } from '../../runtime/session/inference-session.ts';
import type { TrainedLibrary } from '../trained/library.ts';
import { rememberTrainedTitle } from './names.ts';

export async function loadTrained(
  session: InferenceSession,
  library: TrainedLibrary,
  network: TrainedNetworkId,
): Promise<TrainedState> {
  const id = trainedFileId(network);
  const entry = await library.get(id);
  if (!entry)
    throw new Error(`no trained network ${id} is open in this browser: open its .safetensors file on the home page`);
  const state = await session.call((client) => client.loadTrained(entry.blob, entry.fileName, id));
  rememberTrainedTitle(state.network, state.title);
  return state;
}
