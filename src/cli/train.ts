/**
 * `inception-explorer train`: the lab's engine in the terminal. Small networks are raced on the same
 * batches (race.ts), each step's loss and each epoch's held-out error and §3.3 monitor go to `--log` as
 * JSON lines, a progress bar is drawn on a terminal, and `--save` writes each trained network (with its
 * definition, classes and optimiser state) at every epoch's end, which `--resume` continues from.
 */
import { open } from 'node:fs/promises';
import { smallNetwork } from '../model/small/small-network.ts';
import type { NodeBackend } from '../runtime/backends/backends.node.ts';
import { fileErrorReason } from '../runtime/file-errors.node.ts';
import { readInputFile } from '../runtime/input-file.node.ts';
import { registerGradientsInNode } from '../runtime/inside/gradients.node.ts';
import { checkOutputPath, writeOutputBytes } from '../runtime/output-file.node.ts';
import { readCifar10 } from '../runtime/training/data/cifar10.node.ts';
import { generatedDataset } from '../runtime/training/data/generated.ts';
import { readLabelledFolderAt } from '../runtime/training/data/labelled-folder.node.ts';
import { DataError, type LabelledImages } from '../runtime/training/data/labelled-images.ts';
import type { EpochRecord, ProgressRecord } from '../runtime/training/protocol.ts';
import { divergedLossFor, RaceControl, runRace } from '../runtime/training/race.ts';
import { raceData } from '../runtime/training/race-data.ts';
import { decodeTrainedNetwork, encodeTrainedNetwork } from '../runtime/training/trained-file.ts';
import { createTrainer, trainerLane } from '../runtime/training/trainer-lane.ts';
import type { Trainer } from '../runtime/training/trainer.ts';
import { startCliBackend, stopCliBackend } from './backend-args.ts';
import { fractionPercent } from './format.ts';
import { CliError, type Io } from './io.ts';
import { jsonLinesLog } from './json-lines-log.ts';
import { parseTrainArgs, type DataArgument, type TrainArgs } from './train-args.ts';
import { englishFailure } from '../runtime/failure-words.ts';

export { TRAIN_USAGE } from './train-args.ts';

/**
 * What a program running the command in-process (the benchmarks) sees of the race: every batch of
 * records as it comes, and each epoch's end, after the evaluation and the saving.
 */
export interface TrainObserver {
  onRecords?(records: readonly ProgressRecord[]): void;
  onEpochEnd?(epoch: number): void | Promise<void>;
}

async function loadData(data: DataArgument, size: 32 | 64, seed: number): Promise<LabelledImages> {
  try {
    if (data.kind === 'generated') return generatedDataset({ seed, size, train: data.train, test: data.test });
    if (data.kind === 'cifar10') return await readCifar10(data.path);
    return await readLabelledFolderAt(data.path, { size, seed });
  } catch (error) {
    if (error instanceof DataError || error instanceof RangeError) throw new CliError(error.message);
    throw error;
  }
}

/** Where network `id` is saved: the path itself for one network, else the id before the extension. */
function savePath(path: string, id: string, count: number): string {
  if (count === 1) return path;
  const dot = path.toLowerCase().endsWith('.safetensors') ? path.length - '.safetensors'.length : path.length;
  return `${path.slice(0, dot)}.${id}${path.slice(dot)}`;
}

async function resumeFrom(path: string) {
  let bytes: Uint8Array;
  try {
    bytes = await readInputFile(path);
  } catch (error) {
    throw new CliError(`--resume ${path}: cannot read it (${fileErrorReason(error)})`);
  }
  try {
    return decodeTrainedNetwork(bytes, path);
  } catch (error) {
    throw new CliError(`--resume ${error instanceof Error ? error.message : String(error)}`);
  }
}

function progressLine(record: ProgressRecord, args: TrainArgs, stepsPerEpoch: number, started: number): string {
  const epochStep = record.step - record.epoch * stepsPerEpoch;
  const share = Math.min(1, (record.epoch + epochStep / stepsPerEpoch) / args.config.epochs);
  const filled = Math.round(share * 24);
  const rate = record.step > 0 ? (performance.now() - started) / record.step : 0;
  const left = rate * (args.config.epochs * stepsPerEpoch - record.step);
  const loss = record.type === 'stopped' ? record.reason : record.loss.toFixed(3);
  return (
    `[${'█'.repeat(filled)}${'░'.repeat(24 - filled)}] epoch ${record.epoch + 1}/${args.config.epochs} · ` +
    `step ${record.step} · ${record.network} loss ${loss} · ETA ${Math.round(left / 1000)} s`
  );
}

export async function runTrain(rawArgs: readonly string[], io: Io, observer: TrainObserver = {}): Promise<number> {
  const args = parseTrainArgs(rawArgs);
  if (args.log) await checkOutputPath(args.log, '--log');
  for (const n of args.save ? args.networks : []) {
    await checkOutputPath(savePath(args.save!, n.id, args.networks.length), '--save');
  }
  const resumed = args.resume ? await resumeFrom(args.resume) : undefined;

  // First, so that a backend that cannot start stops the run before any data is read.
  const active = await startCliBackend(args.backend, io, 'Train with --backend wasm instead.');
  const trainers = new Map<string, Trainer>();
  const definitions = new Map<string, ReturnType<typeof smallNetwork>>();
  try {
    const data = await loadData(args.data, args.size, args.config.seed);
    await registerGradientsInNode();
    for (const { id, spec } of args.networks) {
      const network = smallNetwork({ ...spec, classes: data.classes.length, inputSize: data.size as 32 | 64 });
      if (resumed && JSON.stringify(resumed.network) !== JSON.stringify(network)) {
        throw new CliError(
          `--resume ${args.resume}: it holds ${resumed.network.title} as trained on ` +
            `${resumed.training.data}, not ${network.title} for ${data.name} with these settings`,
        );
      }
      let trainer: Trainer;
      try {
        trainer = createTrainer(network, args.config, resumed);
      } catch (error) {
        throw new CliError((error as Error).message);
      }
      trainers.set(id, trainer);
      definitions.set(id, network);
    }
    return await race(args, data, trainers, definitions, { backend: active, io, observer }, resumed?.training);
  } finally {
    for (const t of trainers.values()) t.dispose();
    stopCliBackend(active);
  }
}

/** Writes each network still training, with its optimiser state, to its `--save` path. */
async function save(
  args: TrainArgs,
  data: LabelledImages,
  trainers: Map<string, Trainer>,
  definitions: Map<string, ReturnType<typeof smallNetwork>>,
  stops: Map<string, string>,
  epoch: number,
  step: number,
): Promise<void> {
  for (const [id, trainer] of trainers) {
    if (stops.has(id)) continue;
    const state = await trainer.state();
    const bytes = encodeTrainedNetwork({
      network: definitions.get(id)!,
      classes: data.classes,
      training: { config: args.config, epoch, step, data: data.name },
      weights: await trainer.exportWeights(),
      optimizer: { kind: state.optimizer, step: state.step, tensors: state.tensors },
    });
    await writeOutputBytes(savePath(args.save!, id, trainers.size), bytes, '--save');
  }
}

async function race(
  args: TrainArgs,
  data: LabelledImages,
  trainers: Map<string, Trainer>,
  definitions: Map<string, ReturnType<typeof smallNetwork>>,
  { backend: active, io, observer }: { backend: NodeBackend; io: Io; observer: TrainObserver },
  from?: { epoch: number; step: number },
): Promise<number> {
  const log = args.log ? jsonLinesLog(await open(args.log, 'w'), args.log) : undefined;
  const { batchSize, seed, augment } = args.config;
  const testImages = args.testImages ? { testImages: args.testImages } : {};
  const source = raceData(data, { batchSize, seed, augment, ...testImages });
  const last = new Map<string, EpochRecord>();
  const stops = new Map<string, string>();
  const control = new RaceControl();
  const interrupt = () => control.stop();
  process.once('SIGINT', interrupt);
  // A lost GPU device or a WebGPU error stops the run: what it computes after that cannot be trusted.
  let deviceFailure: string | undefined;
  let savedEpoch: number | undefined;
  const stopWatching = active.onLost((reason) => {
    deviceFailure = englishFailure(reason);
    control.stop();
  });
  const backend = active.title;
  const started = performance.now();
  io.err(
    `training ${[...trainers.keys()].join(', ')} on ${data.name} (${data.train.count} images, ` +
      `${data.test.count} held out, ${data.size}×${data.size}) on ${backend}, ` +
      `${args.config.epochs} epochs of ${source.stepsPerEpoch} steps`,
  );
  try {
    await runRace(
      [...trainers].map(([id, t]) => ({ id, trainer: trainerLane(t) })),
      source,
      {
        epochs: args.config.epochs,
        startEpoch: from?.epoch ?? 0,
        startStep: from?.step ?? 0,
        divergedLoss: divergedLossFor(data.classes.length),
        onRecords: (records) => {
          observer.onRecords?.(records);
          for (const r of records) {
            if (r.type === 'epoch') last.set(r.network, r);
            if (r.type === 'stopped' && r.reason !== 'finished') {
              stops.set(r.network, r.reason + (r.detail ? `: ${r.detail}` : ''));
            }
            const line = r.type === 'step' ? { network: r.network, epoch: r.epoch, step: r.step, loss: r.loss } : r;
            log?.append(line);
          }
          io.progress?.(progressLine(records[records.length - 1], args, source.stepsPerEpoch, started));
        },
        onEpochEnd: async (epoch, step) => {
          // A log that cannot be written stops the run at the epoch's end, not silently at its end.
          await log?.flush();
          if (args.save && !deviceFailure) {
            await save(args, data, trainers, definitions, stops, epoch, step);
            savedEpoch = epoch;
          }
          await observer.onEpochEnd?.(epoch);
        },
      },
      control,
    );
  } finally {
    stopWatching();
    process.off('SIGINT', interrupt);
    io.progress?.(undefined);
    await log?.close();
  }
  if (deviceFailure) {
    const saved =
      savedEpoch === undefined
        ? 'nothing was saved'
        : `what was saved after epoch ${savedEpoch} is intact (--resume from it)`;
    throw new CliError(
      `training stopped on ${backend}: ${deviceFailure.replace(/\.$/, '')}; ${saved}. ` +
        'Train with --backend wasm instead.',
    );
  }
  const results = [...trainers.keys()].map((id) => ({ network: id, final: last.get(id), stopped: stops.get(id) }));
  if (args.json) {
    io.out(JSON.stringify({ data: data.name, backend, results }));
  } else {
    for (const r of results) {
      const f = r.final;
      const reached = f
        ? `held-out error ${fractionPercent(f.testError, 1)} after ${f.epoch} epochs, loss ${f.loss.toFixed(3)}, ` +
          `${f.imagesPerSecond.toFixed(1)} images/s`
        : 'no epoch finished';
      io.out(`${r.network}: ${reached}${r.stopped ? ` — stopped (${r.stopped})` : ''}`);
    }
  }
  return results.some((r) => r.stopped?.startsWith('failed')) ? 1 : 0;
}
