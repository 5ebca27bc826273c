/**
 * The training worker's interface, as the page sees it, declared once: the lab page (/learn) holds a
 * typed proxy, the worker implements it, the CLI drives the same race in-process. Types only, so
 * importing this file pulls no TensorFlow.js into the page's chunk. Records are small: the page never
 * receives a tensor, only numbers to chart.
 */
import type { SmallNetworkSpec } from '../../model/small/spec.ts';
import type { NetworkDefinition } from '../../model/types.ts';
import type { TrainingConfig } from './config.ts';
import type { FailureDetail } from '../failure-words.ts';

/** The settings of a run are the engine's (config.ts: plain data, no TensorFlow.js). */
export type { OptimizerConfig, ScheduleConfig, TrainingConfig } from './config.ts';

/** One network of a race: a definition (a small network, or one the reader made) and its label. */
export interface RaceEntry {
  /** Unique within the race: "inception-resnet-v2-s", "inception-resnet-v2-s-no-shortcuts". */
  id: string;
  network: NetworkDefinition;
  /**
   * The small network's spec, when it is one: the worker then builds it for the data's classes and
   * image size (a labelled folder of 5 classes, CIFAR-10 at 32×32). Without it the definition must fit.
   */
  spec?: SmallNetworkSpec;
}

/** Where the images come from. Files stay in the browser: they are read in the worker. */
export type DataChoice =
  | { kind: 'generated'; seed: number; size: number; train: number; test: number }
  | { kind: 'cifar10-download' }
  | { kind: 'cifar10-files'; files: readonly File[] }
  | { kind: 'folder'; files: readonly File[]; size: number };

/** After every step (or every few): the step's training loss. */
export interface StepRecord {
  type: 'step';
  network: string;
  epoch: number;
  step: number;
  loss: number;
  elapsedMs: number;
}

/** The paper's §3.3 symptoms: residual against shortcut, and a "dead" last layer. */
export interface MonitorRecord {
  /** ‖s·r‖ / ‖x‖ averaged over the blocks of each residual group, by group address. */
  groups: Record<string, number>;
  /** Fraction of exact zeros in the last layer before average pooling (1 = a dead network). */
  zeroFraction: number;
}

/** At the end of each epoch: held-out error, speed and the monitor. */
export interface EpochRecord {
  type: 'epoch';
  network: string;
  epoch: number;
  step: number;
  loss: number;
  /** Held-out top-1 error, 0–1. */
  testError: number;
  testLoss: number;
  imagesPerSecond: number;
  elapsedMs: number;
  monitor: MonitorRecord;
}

/** A network that stopped before the others: its loss turned NaN or diverged, or the reader stopped it. */
export interface StopRecord {
  type: 'stopped';
  network: string;
  reason: 'nan' | 'diverged' | 'stopped' | 'finished' | 'failed';
  epoch: number;
  step: number;
  /** Detail for 'failed' (an error in the engine); the views word the other reasons. */
  detail?: string;
}

export type ProgressRecord = StepRecord | EpochRecord | StopRecord;

export type RacePhase = 'loading-data' | 'building' | 'training' | 'paused' | 'finished' | 'stopped' | 'failed';

export interface RaceStatus {
  runId: string;
  phase: RacePhase;
  /** The backend the race runs on ("wasm", "webgpu"…) and anything worth saying about it. */
  backend?: string;
  backendNotice?: string;
  /** Data loading progress, 0–1, while loading. */
  dataProgress?: number;
  /** Set when the race failed as a whole (the data could not be read…). */
  failure?: FailureDetail;
}

export interface RaceRequest {
  runId: string;
  entries: readonly RaceEntry[];
  data: DataChoice;
  config: TrainingConfig;
  /** "auto" puts WebGPU first, then WebGL, WebAssembly, CPU. */
  backend: 'auto' | 'webgpu' | 'webgl' | 'wasm' | 'cpu';
  /** Continue a run from its last snapshot (after a reload) instead of from fresh weights. */
  from?: RaceSnapshot;
}

/**
 * What a run needs to go on after a reload, taken at the end of an epoch: each network's parameters,
 * moving statistics and optimiser state as one safetensors file, and where the data order stands.
 */
export interface RaceSnapshot {
  runId: string;
  /** Epochs completed. */
  epoch: number;
  step: number;
  networks: Record<string, ArrayBuffer>;
}

export interface TrainingApi {
  /** Starts a race; records and status changes arrive through the callbacks until it ends. */
  start(
    request: RaceRequest,
    onRecords: (records: ProgressRecord[]) => void,
    onStatus: (status: RaceStatus) => void,
  ): Promise<void>;
  pause(runId: string): Promise<void>;
  resume(runId: string): Promise<void>;
  stop(runId: string): Promise<void>;
  /** The latest end-of-epoch snapshot of a race (kept by the page in IndexedDB). */
  snapshot(runId: string): Promise<RaceSnapshot | undefined>;
  /** A trained network as a safetensors file (timm names, the definition in its metadata). */
  exportWeights(runId: string, network: string): Promise<ArrayBuffer>;
}
