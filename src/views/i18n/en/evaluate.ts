/** The evaluate page: a labelled set, the mode, the run, error rates and the worst classes. */
import { shell } from './shell.ts';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const evaluate = {
  title: 'Evaluate on a labelled set',
  /** The ensemble's name in menus and tables (the networks' own names are proper names, never translated). */
  ensembleTitle: 'Ensemble (Inception-v4 + Inception-ResNet-v2)',
  /** "Inception-v4, 12 crops". */
  modeTitle: (model: string, crops: number) => `${model}, ${crops === 1 ? '1 crop' : `${crops} crops`}`,
  lede: 'Measure the networks’ error rates the way the paper does — 1, 12 or 144 crops per image, one network or the ensemble — on your own labelled images, such as ImageNet’s validation set, and read them beside the paper’s Tables 2–5. Everything runs in this browser: the images are read from your disk one at a time and never uploaded.',
  networks: 'Networks',
  mode: 'Mode',
  images: 'Images',
  run: 'Run',
  errorRates: 'Error rates',
  worstClasses: 'Worst classes',
  worstIntro: ['The classes with the highest top-1 error in ', ', what they were taken for, and examples.'] as [
    string,
    string,
  ],
  dataset: {
    label: 'Labelled images',
    drop: 'Drop a folder here, or',
    chooseFolder: 'choose a folder…',
    chooseFolderLabel: 'Choose a folder of labelled images',
    or: 'or',
    chooseFiles: 'choose images and LOC_val_solution.csv…',
    chooseFilesLabel: 'Choose images and LOC_val_solution.csv',
    layout: [
      'One folder per class named by WordNet ID (',
      ', as ImageNet’s validation set), or images with ',
      '. The images are read here, in this browser, one at a time; none is uploaded.',
    ] as [string, string, string],
    again: (name: string) => `Choose the folder “${name}” again to resume the stored run.`,
    reading: 'Reading the folder…',
    summary: (images: number, classes: number) =>
      `: ${plural(images, 'labelled image', 'labelled images')} of ${plural(classes, 'class', 'classes')}`,
    fromCsv: ' (labels from LOC_val_solution.csv)',
    perFolder: ' (one folder per class)',
    otherFiles: (n: number) => `; ${plural(n, 'other file', 'other files')} ignored`,
    leftOut: (n: number) => `; ${n} left out:`,
    end: '.',
    leftOutItem: (n: number, reason: string) => `${plural(n, 'image', 'images')}: ${reason}`,
    chosenFiles: 'the chosen files',
  },
  form: {
    legend: 'Prediction mode',
    network: 'Network',
    cropsPerNetwork: 'Crops per network',
    crops: (n: number) => (n === 1 ? '1 crop' : `${n} crops`),
    perImage: (n: number) => `${n} forward pass${n === 1 ? '' : 'es'} per image`,
    twelve: '; the first of the 12 crops is the 1-crop one, so the 1-crop error comes too',
    ensemble: '; each network’s own error comes too',
    end: '.',
    real: 'Also count the ReaL labels (Beyer et al. 2020): a top-1 answer is right when raters found it acceptable',
    realLoading: ' — loading…',
  },
  results: {
    interval: (rate: string, lo: string, hi: string, paper: string | undefined) =>
      `measured ${rate}, 95 % interval ${lo}–${hi} %${paper !== undefined ? `, paper ${paper} %` : ''}`,
    mode: 'Mode',
    images: 'Images',
    top1: 'Top-1 error',
    top5: 'Top-5 error',
    realTop1: 'ReaL top-1 error',
    ci: '95 % interval',
    paper: 'Paper (top-1 / top-5)',
    counted: (counted: number, leftOut: number, unknown: number) =>
      `${counted} counted, ${leftOut} left out by ReaL${unknown ? `, ${unknown} not validation images` : ''}`,
    table: (table: number | string, models: number | undefined) =>
      `Table ${table}${models ? `, ${models} models` : ''}`,
    notInPaper: 'not in the paper',
    legend: [' measured 95 % interval (Wilson), ', ' the paper’s value, on a scale from 0 to '] as [string, string],
    note: (max: string) =>
      `${max} %. Table 2: single crop, single model (non-blacklisted subset of ILSVRC-2012 validation); Tables 3–5 use all 50,000 validation images. The paper’s ensemble was 1 × Inception-v4 + 3 × Inception-ResNet-v2 (four separately trained models); only one checkpoint of each network exists, so the ensemble here averages two.`,
  },
  runPanel: {
    label: 'Run',
    status: { idle: 'Not started', running: 'Running', paused: 'Paused', done: 'Finished', cancelled: 'Cancelled' },
    startOver: 'Start over',
    /** A run paused because the inference worker stopped under it, by what became of the worker. */
    workerRestarting:
      'The run paused: the inference worker stopped, and it is being started again. Resume once the networks are loaded again.',
    workerBack:
      'The run paused: the inference worker stopped and was started again. Resume to go on from where it stopped.',
    workerGaveUp: (why: string) =>
      `The run paused, and cannot go on in this page: ${why} The results so far are kept; resume after the reload.`,
    /** Asked before "Start over" discards a run's results. */
    confirmStartOver: {
      title: 'Start over?',
      message: (mode: string, name: string, done: number, total: number) =>
        `The results so far (${mode} on “${name}”, ${done} of ${total} images) will be discarded. To keep them, export the predictions (CSV) first.`,
      discard: 'Discard and start over',
      keep: 'Keep the results',
    },
    start: 'Start',
    resume: (done: number, total: number) => `Resume (${done} of ${total} done)`,
    pause: 'Pause',
    cancel: 'Cancel',
    export: 'Export predictions (CSV)',
    on: (mode: string, name: string) => `: ${mode} on “${name}”`,
    progressLabel: 'Images evaluated',
    done: (done: number, total: number) => `${done} of ${total} images`,
    rate: (rate: string) => ` · ${rate} images/s`,
    left: (time: string) => ` · about ${time} left`,
    skipped: (n: number) => ` · ${n} skipped`,
    unreadable: (n: number) => `${plural(n, 'unreadable image', 'unreadable images')} skipped (not counted)`,
  },
  worst: {
    missing: (label: string) => `${label} (choose the folder again to see it)`,
    none: 'No top-1 errors in this mode.',
    wrong: (errors: number, images: number, rate: string) => `${errors} of ${images} wrong (${rate}); taken for `,
    takenFor: (path: string, name: string) => `${path}, taken for ${name}`,
  },
  store: {
    notPersistent: 'This browser does not let the page store data: results will be lost if the page is reloaded.',
    unreadableFolder: (reason: string) => `Could not read the folder: ${reason}`,
    /** A folder that is not a labelled set, and why. */
    folderProblem: (folder: string, reason: string) => `${folder}: ${reason}`,
    realFailed: (reason: string) => `The ReaL labels could not be loaded: ${reason}`,
    chooseFirst: 'Choose a labelled folder first.',
    loadFirst: (networks: string) => `Load the weights of ${networks} first (above).`,
    and: ' and ',
    stopped: (reason: string) => `The run stopped: ${reason}. Fix that, then resume.`,
    notKept: (reason: string) =>
      `Results are not being kept in this browser: ${reason}. They will be lost if the page is reloaded; export them (CSV) to keep them.`,
    partlyKept: (kept: number, total: number) =>
      `Only ${kept} of the ${total} results of the stored run are in this browser’s storage (the others could not be kept): resume to compute the rest again.`,
  },
  storage: shell.storage,
};

export type EvaluateMessages = typeof evaluate;
