/**
 * PLACEHOLDER written on the `learn` branch so that the app builds (the lab starts the training worker
 * by this URL): the real training worker is written on the engine branch and replaces this file. Until
 * then every race fails at once, saying so; nothing is trained.
 */
import { expose } from 'comlink';
import type { TrainingApi } from './protocol.ts';

const MISSING = 'the training engine is not part of this build yet';

const api: TrainingApi = {
  async start(request, _onRecords, onStatus) {
    await onStatus({ runId: request.runId, phase: 'failed', failure: MISSING });
  },
  async pause() {},
  async resume() {},
  async stop() {},
  async snapshot() {
    return undefined;
  },
  async exportWeights() {
    throw new Error(MISSING);
  },
};

expose(api);
