/** The lab (/learn): small networks trained side by side in the browser, their curves and the §3.3 monitor. */
import { NBSP, roundPercent } from '../../format.ts';
import { shell } from './shell.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const learn = {
  title: 'Learning: train the networks side by side',
  lede:
    'The paper’s title is about learning: residual connections made Inception networks train much faster ' +
    '(its Figs. 11–14 and 18 plot error against epoch), and wide residual networks “died” early in training ' +
    'unless their residuals were scaled down (§3.3). Here small networks built from the same definitions train ' +
    'in this browser, in a worker, on your machine. The curves are whatever the run gives.',
  networkNames: {
    'inception-v4-s': 'Inception-v4-S',
    'inception-resnet-v2-s': 'Inception-ResNet-v2-S',
    'inception-resnet-v2-s-no-shortcuts': 'Inception-ResNet-v2-S without shortcuts',
  },
  /** "Inception-ResNet-v2-S, width 0.5, residuals × 0.1". */
  networkTitle: (name: string, width: number | undefined, scale: number | undefined) =>
    `${name}${width !== undefined ? `, width ${width}` : ''}${scale !== undefined ? `, residuals × ${scale}` : ''}`,
  presets: {
    heading: 'Questions to put to the networks',
    'residuals-speed': {
      question: 'Do residuals speed up training?',
      about:
        'Inception-v4-S, Inception-ResNet-v2-S and its twin without shortcuts (the same blocks and cost, no ' +
        'residual), on the same budget. In the paper (Figs. 11–14, 18) the residual networks reach a given error in ' +
        'fewer epochs.',
    },
    'why-scale': {
      question: 'Why scale the residuals?',
      about:
        'A wider Inception-ResNet-v2-S at ten times the paper’s learning rate, every residual scaled by 1.0 ' +
        'against 0.1. In the paper (§3.3), networks with more than 1000 filters “died” early in training unless ' +
        'their residuals were scaled by 0.1–0.3.',
    },
    use: 'Use these settings',
    inUse: 'In use',
  },
  settings: {
    heading: 'Settings',
    networks: 'Networks to race',
    stats: (params: string, macs: string) => `${params} parameters, ${macs} multiply-adds`,
    data: 'Data',
    dataKinds: {
      generated: 'Generated shapes (10 classes, drawn here; works offline)',
      'cifar10-download': 'CIFAR-10, downloaded once and kept in this browser',
      'cifar10-files': 'CIFAR-10 from your disk (cifar-10-binary.tar.gz)',
      folder: 'A labelled folder (one folder per class, resized to 32×32)',
    },
    train: 'Training images',
    test: 'Held-out images',
    chooseArchive: 'Choose the archive…',
    chooseFolder: 'Choose a folder…',
    chosen: (name: string, files: number) => `${name} (${plural(files, 'file', 'files')})`,
    noFiles: 'Nothing chosen yet.',
    training: 'Training',
    epochs: 'Epochs',
    batch: 'Batch size',
    optimizer: 'Optimiser',
    optimizers: { rmsprop: 'RMSProp (the paper’s)', sgd: 'SGD with momentum' },
    learningRate: 'Learning rate',
    momentum: 'Momentum',
    decay: 'Decay',
    epsilon: 'ε',
    schedule: 'Learning-rate schedule',
    schedules: { exponential: 'Exponential decay', constant: 'Constant' },
    rate: 'Multiplied by',
    every: 'Every (epochs)',
    clip: 'Clip gradients to norm',
    scale: 'Residual scale',
    optional: 'empty: none',
    ownScale: 'empty: each network’s own',
    augment: 'Random crops and flips',
    dropout: 'Dropout in the classifier',
    seed: 'Seed',
    backend: 'Backend',
    backends: { auto: 'Automatic', webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WebAssembly', cpu: 'CPU' },
    range: (min: string, max: string) => `${min} to ${max}`,
    invalid: (range: string) => `Between ${range}; the last valid value stands.`,
    locked: 'The settings are locked while a race runs.',
  },
  notices: {
    title: 'Parts of the link were left out',
    range: (key: string, value: string, range: string) =>
      `${key}=${value}: not a number from ${range}; the default stands.`,
    choice: (key: string, value: string, choices: string) =>
      `${key}=${value}: not one of ${choices}; the default stands.`,
    network: (value: string, known: string) => `There is no small network “${value}” (there are ${known}).`,
    networkOption: (network: string, option: string) =>
      `${network}: “${option}” left out (width= and scale= take a number from 0 to 1).`,
    duplicate: (value: string) => `${value} was listed twice; it races once.`,
    tooMany: (max: number) => `At most ${max} networks race at once; the others were left out.`,
    unknown: (key: string) => `“${key}” is not a setting of the lab.`,
    dismiss: 'Dismiss',
  },
  run: {
    heading: 'Race',
    start: 'Start',
    startNew: 'Start a new race',
    pause: 'Pause',
    resume: 'Resume',
    resumeFrom: (epoch: number) => `Resume from the end of epoch ${epoch}`,
    stop: 'Stop',
    phase: {
      'loading-data': 'Loading the data…',
      building: 'Building the networks…',
      training: 'Training',
      paused: 'Paused',
      finished: 'Finished',
      stopped: 'Stopped',
      failed: 'Failed',
    },
    interrupted: 'Cut short when the page closed.',
    onBackend: (backend: string) => ` on ${backend}`,
    dataLoading: 'Data loaded',
    failed: (detail: string) => `The race failed: ${detail}`,
    workerGone: 'The race failed: the training worker stopped.',
    problems: {
      networks: (detail: string) => `The networks could not be built: ${detail}.`,
      files: (archive: boolean, name: string | undefined) =>
        `Choose ${archive ? 'the CIFAR-10 archive' : 'the labelled folder'}${name ? ` “${name}”` : ''} first (above).`,
      noSnapshot:
        'This run stopped before the end of its first epoch: nothing was stored to resume from. ' + 'Start it again.',
      worker: (detail: string) => `The training worker could not do it: ${detail}.`,
    },
    notPersistent: 'This browser gives the page no storage: runs will be lost when it is reloaded.',
    writeFailed: (detail: string) =>
      `The run is not being kept in this browser: ${detail}. It will be lost if the page is reloaded.`,
    storage: shell.storage,
    table: 'The networks of the race',
    network: 'Network',
    epoch: 'Epoch',
    speed: 'Images/s',
    left: 'Time left',
    error: 'Held-out error',
    state: 'State',
    epochOf: (done: number, total: number) => `${done} of ${total}`,
    export: 'Export',
    exportLabel: (network: string) => `Export ${network} as safetensors`,
    exportNote: 'Export is possible while the race is in this page (after a reload, resume it first).',
    stopped: {
      nan: (epoch: number) => `Stopped in epoch ${epoch + 1}: its loss became NaN.`,
      diverged: (epoch: number) => `Stopped in epoch ${epoch + 1}: its loss diverged.`,
      failed: (epoch: number) => `Failed in epoch ${epoch + 1}.`,
      stopped: (_epoch: number) => 'Stopped.',
      finished: (_epoch: number) => 'Finished.',
    },
    racing: 'Training',
    waiting: 'Waiting',
  },
  charts: {
    heading: 'Curves',
    legend: 'Networks',
    compared: (date: string) => `dashed: the run of ${date}`,
    againstEpoch: 'Against epochs',
    againstEpochNote:
      'The shape of the paper’s Figs. 11–14 and 18, which plot top-1 and top-5 error on ImageNet’s ' +
      'validation set against epoch for Inception-v3 against Inception-ResNet-v1 and Inception-v4 against ' +
      'Inception-ResNet-v2.',
    againstTime: 'Against wall time',
    againstTimeNote: 'Training time on this machine: the networks share it, one step each in turn.',
    monitor: 'The §3.3 monitor',
    monitorNote:
      'At the end of each epoch, per residual group, ‖s·r‖ / ‖x‖ (the residual branch against the ' +
      'shortcut it is added to), and the fraction of exact zeros in the last layer before average pooling: a ' +
      'network whose last layer gives only zeros has “died” (§3.3).',
    noGroups: 'None of the networks raced has residual connections.',
    loss: 'Training loss',
    error: 'Held-out top-1 error',
    ratio: (group: string) => `‖s·r‖ / ‖x‖, ${group}`,
    zeros: 'Zeros before average pooling',
    epochs: 'epochs',
    label: (chart: string, axis: string, latest: string) =>
      `${chart} against ${axis}${latest ? `. Latest: ${latest}` : ''}`,
    latest: (network: string, value: string) => `${network} ${value}`,
    time: 'wall time',
    clipped: 'A loss above the frame is drawn along its top.',
    empty: 'The curves appear here once the race starts.',
    percent: roundPercent,
    timeTick: (value: number, unit: 's' | 'min' | 'h') => `${value}${NBSP}${unit}`,
  },
  outcome: {
    heading: 'What this run shows',
    oneSeed: 'One run, one seed: run other seeds to see how much of a difference is chance.',
    final: (network: string, error: string, epochs: number) =>
      `${network}: ${error} held-out error after ${plural(epochs, 'epoch', 'epochs')}`,
    best: (error: string, epoch: number) => ` (lowest ${error}, epoch ${epoch})`,
    noEpoch: (network: string) => `${network}: no epoch completed`,
    died: (epoch: number) => `; its last layer before pooling was dead (≥${NBSP}99${NBSP}% zeros) from epoch ${epoch}`,
    stoppedEarly: (reason: string) => `; ${reason}`,
    reasons: {
      nan: 'its loss became NaN',
      diverged: 'its loss diverged',
      failed: 'it failed',
      stopped: 'stopped by you',
      finished: 'finished',
    },
    common: (error: string, over: boolean) =>
      `${over ? 'Every network reached' : 'So far every network has reached'} ${error} held-out error or lower: `,
    reachedAt: (network: string, epoch: number) => `${network} after ${plural(epoch, 'epoch', 'epochs')}`,
    unstable: (networks: string, over: boolean) =>
      `Died or stopped with a NaN or diverging loss${over ? '' : ' so far'}: ${networks}.`,
    stable: (networks: string) => `Trained without dying or diverging: ${networks}.`,
    noneUnstable: 'In this run no network died or diverged: the instability of §3.3 did not appear at this scale.',
    noneUnstableSoFar: 'So far no network has died or diverged.',
    and: ', ',
    end: '.',
  },
  runs: {
    heading: 'Runs kept in this browser',
    none: 'No runs yet.',
    summary: (date: string, networks: number, epochs: number) =>
      `${date}: ${plural(networks, 'network', 'networks')}, ${plural(epochs, 'epoch', 'epochs')}`,
    shown: 'shown',
    open: 'Open',
    compare: 'Compare',
    uncompare: 'Stop comparing',
    remove: 'Delete',
    openLabel: (date: string) => `Open the run of ${date}`,
    compareLabel: (date: string) => `Compare with the run of ${date}`,
    removeLabel: (date: string) => `Delete the run of ${date}`,
  },
  duration: (ms: number) => {
    const s = Math.max(0, Math.round(ms / 1000));
    if (s < 60) return `${s}${NBSP}s`;
    const m = Math.floor(s / 60);
    return m < 60 ? `${m}${NBSP}min ${s % 60}${NBSP}s` : `${Math.floor(m / 60)}${NBSP}h ${m % 60}${NBSP}min`;
  },
};

export type LearnMessages = typeof learn;
