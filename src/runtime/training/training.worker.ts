/**
 * The training worker's entry (a module worker, its own chunk): TensorFlow.js, the data and the networks
 * being trained live here, apart from the inference worker, so a race never slows a classification and
 * the page only receives small progress records (protocol.ts). Exposes `TrainingService` over Comlink, with
 * the browser's backends, gradients and data sources.
 */
import { expose, transfer } from 'comlink';
import { activateBrowserBackend } from '../backends/backends.browser.ts';
import { ensureGradients } from '../inside/gradient-support.ts';
import { readCifar10Files } from './data/cifar10-archive.ts';
import { datasetsCache, loadCifar10 } from './data/cifar10-download.ts';
import { generatedDataset } from './data/generated.ts';
import { readDroppedFolder } from './data/labelled-folder.browser.ts';
import type { LabelledImages } from './data/labelled-images.ts';
import type { DataChoice, TrainingApi } from './protocol.ts';
import { TrainingService, type RaceHost } from './training-service.ts';
import { sendFailureDetails } from './errors.ts';

async function loadData(choice: DataChoice, onProgress: (share: number | undefined) => void): Promise<LabelledImages> {
  const share = (done: number, total: number | undefined) => onProgress(total ? Math.min(1, done / total) : undefined);
  switch (choice.kind) {
    case 'generated':
      return generatedDataset({ seed: choice.seed, size: choice.size, train: choice.train, test: choice.test });
    case 'cifar10-download': {
      const loaded = await loadCifar10({
        source: { kind: 'download' },
        cache: datasetsCache(),
        onProgress: (p) => share(p.received ?? 0, p.total),
      });
      return loaded.data;
    }
    case 'cifar10-files':
      return readCifar10Files(
        choice.files.map((file) => ({ path: file.name, blob: file })),
        'the dropped files',
        {
          onProgress: (p) => share(p.read, p.total),
        },
      );
    case 'folder':
      return readDroppedFolder(
        choice.files.map((file) => ({ path: file.name, file })),
        {
          size: choice.size,
          name: 'the dropped folder',
          onProgress: (p) => share(p.done, p.total),
        },
      );
  }
}

const host: RaceHost = {
  async activate(choice) {
    const active = await activateBrowserBackend({ backend: choice });
    return { name: active.name, description: active.detail ? `${active.title} (${active.detail})` : active.title };
  },
  ensureGradients,
  loadData,
};

const sessions = new TrainingService(host);

const api: TrainingApi = {
  start: (request, onRecords, onStatus) => sessions.start(request, onRecords, onStatus),
  pause: (runId) => sessions.pause(runId),
  resume: (runId) => sessions.resume(runId),
  stop: (runId) => sessions.stop(runId),
  async snapshot(runId) {
    const snapshot = await sessions.snapshot(runId);
    // Copies, so the worker keeps its own for a later request; moved, not cloned again on the page's thread.
    if (!snapshot) return undefined;
    const networks = Object.fromEntries(Object.entries(snapshot.networks).map(([id, bytes]) => [id, bytes.slice(0)]));
    return transfer({ ...snapshot, networks }, Object.values(networks));
  },
  async exportWeights(runId, network) {
    const bytes = await sessions.exportWeights(runId, network);
    return transfer(bytes, [bytes]);
  },
};

sendFailureDetails();
expose(api);
