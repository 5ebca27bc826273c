/**
 * Test support: a deterministic TrainingApi (the training worker's interface, protocol.ts) that trains
 * nothing. Each call to `step()` advances every network still racing by one step and reports it as the
 * worker would: a step record per network, an epoch record (held-out error, images/s, the §3.3 monitor
 * for the network's residual groups) every `stepsPerEpoch` steps, stop records and status changes. The
 * curves are smooth functions of the step, so tests and screenshots see the same numbers every time.
 * Used by the lab's store and component tests and by the harness page; never shipped.
 */
import { analyzeNetwork } from '../../model/analysis/analyze.ts';
import { residualGroups } from '../../model/analysis/residual-groups.ts';
import type {
  EpochRecord,
  ProgressRecord,
  RacePhase,
  RaceRequest,
  RaceSnapshot,
  RaceStatus,
  StopRecord,
  TrainingApi,
} from '../../runtime/training/protocol.ts';
import { TrainingFailure } from '../../runtime/training/errors.ts';

export interface FakeTrainingOptions {
  stepsPerEpoch?: number;
  /** Simulated milliseconds per step (the records' elapsedMs). */
  msPerStep?: number;
  /** A network whose loss turns NaN at this step: a 'nan' stop record follows, the others go on. */
  nan?: { network: string; step: number };
  /** A network whose last layer before pooling is all zeros from this epoch on (a "dead" network). */
  dies?: { network: string; epoch: number };
  /** The backend reported in the status. */
  backend?: string;
}

interface Racer {
  id: string;
  /** How fast its curves fall: the first network fastest. */
  pace: number;
  groups: { address: string; scale: number }[];
  step: number;
  stopped: boolean;
}

interface Race {
  request: RaceRequest;
  racers: Racer[];
  phase: RacePhase;
  onRecords: (records: ProgressRecord[]) => void;
  onStatus: (status: RaceStatus) => void;
  /** Epochs completed by every network still racing, at the latest epoch end. */
  snapshot?: RaceSnapshot;
}

export class FakeTrainingApi implements TrainingApi {
  /** Every call, in order ("start run-1", "pause run-1"…). */
  readonly calls: string[] = [];
  readonly requests: RaceRequest[] = [];
  private readonly races = new Map<string, Race>();
  private readonly stepsPerEpoch: number;
  private readonly msPerStep: number;

  constructor(private readonly options: FakeTrainingOptions = {}) {
    this.stepsPerEpoch = options.stepsPerEpoch ?? 10;
    this.msPerStep = options.msPerStep ?? 50;
  }

  async start(
    request: RaceRequest,
    onRecords: (records: ProgressRecord[]) => void,
    onStatus: (status: RaceStatus) => void,
  ): Promise<void> {
    this.calls.push(`start ${request.runId}${request.from ? ` from epoch ${request.from.epoch}` : ''}`);
    this.requests.push(request);
    const from = request.from?.step ?? 0;
    const racers = request.entries.map((entry, i) => ({
      id: entry.id,
      pace: 1 / (1 + 0.35 * i),
      groups: residualGroups(analyzeNetwork(entry.network)).map((g) => ({ address: g.address, scale: g.scale })),
      step: from,
      stopped: false,
    }));
    const race: Race = { request, racers, phase: 'loading-data', onRecords, onStatus };
    this.races.set(request.runId, race);
    this.status(race, 'loading-data', { dataProgress: 1 });
    this.status(race, 'building');
    this.status(race, 'training');
  }

  async pause(runId: string): Promise<void> {
    this.calls.push(`pause ${runId}`);
    const race = this.races.get(runId);
    if (race?.phase === 'training') this.status(race, 'paused');
  }

  async resume(runId: string): Promise<void> {
    this.calls.push(`resume ${runId}`);
    const race = this.races.get(runId);
    if (race?.phase === 'paused') this.status(race, 'training');
  }

  async stop(runId: string): Promise<void> {
    this.calls.push(`stop ${runId}`);
    const race = this.races.get(runId);
    if (!race || !['training', 'paused'].includes(race.phase)) return;
    race.onRecords(race.racers.filter((r) => !r.stopped).map((r) => this.stopRecord(r, 'stopped')));
    this.status(race, 'stopped');
  }

  async snapshot(runId: string): Promise<RaceSnapshot | undefined> {
    this.calls.push(`snapshot ${runId}`);
    return this.races.get(runId)?.snapshot;
  }

  async exportWeights(runId: string, network: string): Promise<ArrayBuffer> {
    this.calls.push(`export ${runId} ${network}`);
    const race = this.races.get(runId);
    if (!race?.racers.some((r) => r.id === network))
      throw new TrainingFailure({ code: 'training.not-in-memory', params: { network } });
    return safetensorsHeaderOnly({ network, runId });
  }

  /** Advances every racing network of every training race by `count` steps. */
  step(count = 1): void {
    for (let i = 0; i < count; i++) {
      for (const race of this.races.values()) if (race.phase === 'training') this.advance(race);
    }
  }

  /** The race a request started (the latest one). */
  phase(runId: string): RacePhase | undefined {
    return this.races.get(runId)?.phase;
  }

  private advance(race: Race): void {
    const { epochs, batchSize } = race.request.config;
    const records: ProgressRecord[] = [];
    for (const racer of race.racers.filter((r) => !r.stopped)) {
      racer.step++;
      const epoch = Math.floor((racer.step - 1) / this.stepsPerEpoch);
      const elapsedMs = racer.step * this.msPerStep;
      const t = racer.step / this.stepsPerEpoch;
      const nan = this.options.nan?.network === racer.id && racer.step >= this.options.nan.step;
      const loss = nan ? NaN : 0.2 + 2.1 * Math.exp((-racer.pace * t) / 2) + 0.05 * Math.sin(racer.step * 1.7);
      records.push({ type: 'step', network: racer.id, epoch, step: racer.step, loss, elapsedMs });
      if (nan) {
        records.push(this.stopRecord(racer, 'nan'));
        continue;
      }
      if (racer.step % this.stepsPerEpoch === 0) {
        records.push(this.epochRecord(racer, epoch, loss, batchSize));
        if (epoch + 1 >= epochs) records.push(this.stopRecord(racer, 'finished'));
      }
    }
    const racing = race.racers.filter((r) => !r.stopped);
    const ended = racing.length > 0 && racing.every((r) => r.step % this.stepsPerEpoch === 0);
    if (ended) {
      const step = racing[0].step;
      race.snapshot = {
        runId: race.request.runId,
        epoch: step / this.stepsPerEpoch,
        step,
        networks: Object.fromEntries(racing.map((r) => [r.id, Uint8Array.of(step / this.stepsPerEpoch).buffer])),
      };
    }
    race.onRecords(records);
    if (race.racers.every((r) => r.stopped)) {
      this.status(race, race.racers.some((r) => r.step >= epochs * this.stepsPerEpoch) ? 'finished' : 'stopped');
    }
  }

  private epochRecord(racer: Racer, epoch: number, loss: number, batchSize: number): EpochRecord {
    const e = epoch + 1;
    const dead = this.options.dies?.network === racer.id && e >= this.options.dies.epoch;
    return {
      type: 'epoch',
      network: racer.id,
      epoch,
      step: racer.step,
      loss,
      testError: dead ? 0.9 : 0.1 + 0.8 * Math.exp((-racer.pace * e) / 3),
      testLoss: dead ? 2.3 : 0.3 + 2 * Math.exp((-racer.pace * e) / 3),
      imagesPerSecond: (batchSize * 1000) / this.msPerStep,
      elapsedMs: racer.step * this.msPerStep,
      monitor: {
        groups: Object.fromEntries(racer.groups.map((g, i) => [g.address, (g.scale * (0.8 + 0.1 * e)) / (1 + i)])),
        zeroFraction: dead ? 1 : 0.4 + 0.01 * e,
      },
    };
  }

  private stopRecord(racer: Racer, reason: StopRecord['reason']): StopRecord {
    racer.stopped = true;
    return {
      type: 'stopped',
      network: racer.id,
      reason,
      epoch: Math.floor(racer.step / this.stepsPerEpoch),
      step: racer.step,
    };
  }

  private status(race: Race, phase: RacePhase, extra: Partial<RaceStatus> = {}): void {
    race.phase = phase;
    race.onStatus({ runId: race.request.runId, phase, backend: this.options.backend ?? 'cpu', ...extra });
  }
}

/** A safetensors file with no tensors: an 8-byte little-endian header length, then the JSON header. */
export function safetensorsHeaderOnly(metadata: Record<string, string>): ArrayBuffer {
  const header = new TextEncoder().encode(JSON.stringify({ __metadata__: metadata }));
  const bytes = new Uint8Array(8 + header.length);
  new DataView(bytes.buffer).setBigUint64(0, BigInt(header.length), true);
  bytes.set(header, 8);
  return bytes.buffer;
}
