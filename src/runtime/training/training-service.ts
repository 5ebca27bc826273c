/**
 * The training worker's side of `TrainingApi`, written against a host (how to get a backend and the data)
 * so it runs the same in the browser's worker and in Node tests: loads the data, builds each network for
 * the data's classes and image size, creates one Trainer per network on the chosen backend, and runs the
 * race, passing its records on. At each epoch's end it keeps a snapshot (weights, moving statistics and
 * optimiser state of every network still training) that the page stores, so a reload resumes there.
 */
import { smallNetwork } from '../../model/small/small-network.ts';
import type { SmallInputSize } from '../../model/small/spec.ts';
import type { NetworkDefinition } from '../../model/types.ts';
import type { LabelledImages } from './data/labelled-images.ts';
import type {
  DataChoice,
  ProgressRecord,
  RaceEntry,
  RaceRequest,
  RaceSnapshot,
  RaceStatus,
  TrainingApi,
} from './protocol.ts';
import { divergedLossFor, RaceControl, runRace } from './race.ts';
import { raceData } from './race-data.ts';
import { decodeTrainedNetwork, encodeTrainedNetwork, type TrainedNetwork } from './trained-file.ts';
import { createTrainer, trainerLane } from './trainer-lane.ts';
import type { Trainer } from './trainer.ts';
import { TrainingFailure } from './errors.ts';
import { failureDetailOf } from '../failure-words.ts';

export interface ActivatedBackend {
  name: string;
  /** "WebAssembly (SIMD, 2 threads)": what the page shows. */
  description: string;
}

export interface RaceHost {
  activate(choice: RaceRequest['backend']): Promise<ActivatedBackend>;
  /** Registers TensorFlow.js's gradient functions (once). */
  ensureGradients(): Promise<void>;
  loadData(choice: DataChoice, onProgress: (share: number | undefined) => void): Promise<LabelledImages>;
}

interface Run {
  control: RaceControl;
  trainers: Map<string, Trainer>;
  networks: Map<string, NetworkDefinition>;
  data: LabelledImages;
  request: RaceRequest;
  snapshot?: RaceSnapshot;
  /** Networks still training (a snapshot leaves out the ones that stopped). */
  live: Set<string>;
  /** Tells the page the race's phase. */
  status: (status: Omit<RaceStatus, 'runId'>) => void;
  backend?: string;
}

/** The definition an entry trains with on `data`: a small network is built for its classes and size. */
export function entryNetwork(entry: RaceEntry, data: LabelledImages): NetworkDefinition {
  if (entry.spec) {
    if (data.size !== 32 && data.size !== 64) {
      throw new TrainingFailure({ code: 'training.small-size', params: { data: data.name, size: data.size } });
    }
    return smallNetwork({ ...entry.spec, classes: data.classes.length, inputSize: data.size as SmallInputSize });
  }
  const [h, w] = entry.network.input;
  if (h !== data.size || w !== data.size || entry.network.classes !== data.classes.length) {
    throw new TrainingFailure({
      code: 'training.does-not-fit',
      params: {
        network: entry.network.title,
        height: h,
        width: w,
        classes: entry.network.classes,
        data: data.name,
        size: data.size,
        dataClasses: data.classes.length,
      },
    });
  }
  return entry.network;
}

export class TrainingService implements TrainingApi {
  private readonly runs = new Map<string, Run>();

  constructor(private readonly host: RaceHost) {}

  async start(
    request: RaceRequest,
    onRecords: (records: ProgressRecord[]) => void,
    onStatus: (status: RaceStatus) => void,
  ): Promise<void> {
    // One race at a time holds the backend's memory: a new race frees the previous one.
    for (const id of [...this.runs.keys()]) this.forget(id);
    const status = (s: Omit<RaceStatus, 'runId'>) => onStatus({ runId: request.runId, ...s });
    let run: Run;
    try {
      status({ phase: 'loading-data' });
      const data = await this.host.loadData(request.data, (share) => {
        status({ phase: 'loading-data', dataProgress: share });
      });
      status({ phase: 'building' });
      const backend = await this.host.activate(request.backend);
      await this.host.ensureGradients();
      run = { ...this.build(request, data), status, backend: backend.description };
      this.runs.set(request.runId, run);
      status({ phase: 'training', backend: backend.description });
    } catch (error) {
      status({ phase: 'failed', failure: failureDetailOf(error) });
      return;
    }
    const { config } = request;
    try {
      const end = await runRace(
        [...run.trainers].map(([id, trainer]) => ({ id, trainer: trainerLane(trainer) })),
        raceData(run.data, { batchSize: config.batchSize, seed: config.seed, augment: config.augment }),
        {
          epochs: config.epochs,
          startEpoch: request.from?.epoch ?? 0,
          startStep: request.from?.step ?? 0,
          divergedLoss: divergedLossFor(run.data.classes.length),
          onRecords: (records) => {
            for (const r of records) if (r.type === 'stopped') run.live.delete(r.network);
            onRecords(records);
          },
          onEpochEnd: async (epoch, step) => {
            run.snapshot = await this.takeSnapshot(run, epoch, step);
          },
        },
        run.control,
      );
      status({ phase: end === 'finished' ? 'finished' : 'stopped', backend: run.backend });
    } catch (error) {
      status({ phase: 'failed', failure: failureDetailOf(error) });
    }
  }

  /** Pauses between two steps; the page hears 'paused' at once. */
  async pause(runId: string): Promise<void> {
    const run = this.runs.get(runId);
    if (!run || run.control.isStopped) return;
    run.control.pause();
    run.status({ phase: 'paused', backend: run.backend });
  }

  async resume(runId: string): Promise<void> {
    const run = this.runs.get(runId);
    if (!run || run.control.isStopped || !run.control.isPaused) return;
    run.control.resume();
    run.status({ phase: 'training', backend: run.backend });
  }

  async stop(runId: string): Promise<void> {
    this.runs.get(runId)?.control.stop();
  }

  async snapshot(runId: string): Promise<RaceSnapshot | undefined> {
    return this.runs.get(runId)?.snapshot;
  }

  async exportWeights(runId: string, network: string): Promise<ArrayBuffer> {
    const run = this.runs.get(runId);
    const trainer = run?.trainers.get(network);
    if (!run || !trainer) throw new TrainingFailure({ code: 'training.not-in-memory', params: { network } });
    const trained = await this.trained(run, network, trainer, run.snapshot?.epoch ?? 0, run.snapshot?.step ?? 0);
    return arrayBufferOf(encodeTrainedNetwork(trained, { weightsOnly: true }));
  }

  /** Frees a race's trainers (a new race, or the worker asked to). */
  forget(runId: string): void {
    const run = this.runs.get(runId);
    if (!run) return;
    run.control.stop();
    for (const trainer of run.trainers.values()) trainer.dispose();
    this.runs.delete(runId);
  }

  private build(request: RaceRequest, data: LabelledImages): Omit<Run, 'status'> {
    const trainers = new Map<string, Trainer>();
    const networks = new Map<string, NetworkDefinition>();
    try {
      for (const entry of request.entries) {
        const network = entryNetwork(entry, data);
        const saved = request.from?.networks[entry.id];
        const resumed = saved ? decodeTrainedNetwork(new Uint8Array(saved), `${entry.id} (snapshot)`) : undefined;
        if (request.from && !resumed) continue; // it had stopped before the snapshot
        const trainer = createTrainer(network, request.config, resumed);
        trainers.set(entry.id, trainer);
        networks.set(entry.id, network);
      }
    } catch (error) {
      for (const trainer of trainers.values()) trainer.dispose();
      throw error;
    }
    return { control: new RaceControl(), trainers, networks, data, request, live: new Set(trainers.keys()) };
  }

  private async takeSnapshot(run: Run, epoch: number, step: number): Promise<RaceSnapshot> {
    const networks: Record<string, ArrayBuffer> = {};
    for (const id of run.live) {
      const trained = await this.trained(run, id, run.trainers.get(id)!, epoch, step);
      networks[id] = arrayBufferOf(encodeTrainedNetwork(trained));
    }
    return { runId: run.request.runId, epoch, step, networks };
  }

  private async trained(run: Run, id: string, trainer: Trainer, epoch: number, step: number): Promise<TrainedNetwork> {
    const state = await trainer.state();
    return {
      network: run.networks.get(id)!,
      classes: run.data.classes,
      training: { config: run.request.config, epoch, step, data: run.data.name },
      weights: await trainer.exportWeights(),
      optimizer: { kind: state.optimizer, step: state.step, tensors: state.tensors },
    };
  }
}

function arrayBufferOf(bytes: Uint8Array): ArrayBuffer {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? (bytes.buffer as ArrayBuffer)
    : (bytes.slice().buffer as ArrayBuffer);
}
