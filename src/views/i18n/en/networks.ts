/**
 * The networks (views/networks/): their weights cards and download source, a load's progress, what to do
 * about a failed load, the backend, the inference worker's restarts, the settings read from the URL.
 */
type Reason =
  | 'truncated'
  | 'cut-short'
  | 'web-page'
  | 'not-safetensors'
  | 'corrupt'
  | 'non-finite'
  | 'wrong-model'
  | 'wrong-checkpoint'
  | 'unreadable'
  | 'not-cached'
  | 'not-found'
  | 'refused'
  | 'server-error'
  | 'http'
  | 'network'
  | 'too-large'
  | 'mismatch'
  | 'stalled';

export const networks = {
  backend: {
    label: 'Backend',
    heading: 'Backend:',
    choose: 'Choose a backend',
    auto: 'Automatic (fastest available)',
    starting: 'starting…',
    restarting: 'restarting the inference worker…',
    failed: 'none (the inference worker stopped)',
    none: 'none',
    skipped: (backend: string, reason: string) => `${backend} skipped: ${reason}`,
    fallback: (chosen: string, why: string, active: string) =>
      `${chosen} could not be used (${why}); ${active} runs instead.`,
    notAvailable: 'not available here',
    detail: (text: string) => ` (${text})`,
    wasm: (
      simd: boolean,
      threads: number,
      single: 'not-isolated' | 'turned-off' | 'failed' | undefined,
      failure: string | undefined,
    ) =>
      `${simd ? 'SIMD' : 'no SIMD'}, ${threads === 1 ? 'single thread' : `${threads} threads`}` +
      (single === 'not-isolated'
        ? ' (the page is not cross-origin isolated)'
        : single === 'turned-off'
          ? ' (threads turned off)'
          : single === 'failed'
            ? ` (threads did not start: ${failure ?? 'unknown reason'})`
            : ''),
  },
  weights: {
    label: (title: string) => `${title} weights`,
    huggingFace: 'Hugging Face',
    mirror: (url: string) => `mirror ${url}`,
    file: (name: string) => `the file ${name}`,
    browserCache: (from: string) => `this browser’s cache (${from})`,
    readIn: (t: string) => `read in ${t}`,
    checkedIn: (t: string) => `checked in ${t}`,
    cachedIn: (t: string) => `cached in ${t}`,
    builtIn: (t: string) => `built in ${t}`,
    warmedIn: (t: string) => `warmed up in ${t}`,
    loading: (progress: string) => `Loading: ${progress}`,
    ready: (backend: string, bytes: string, origin: string, timings: string) =>
      `Ready on ${backend}: ${bytes} from ${origin}; ${timings}.`,
    cached: (bytes: string, from: string) => `In this browser’s cache (${bytes} from ${from}), usable offline.`,
    keptElsewhere: (from: string, bytes: string) =>
      `Not loaded. This browser keeps a copy from ${from} (${bytes}), used only while that is the download source.`,
    notLoaded: 'Not loaded.',
    published: 'The published checkpoint, SHA-256 verified.',
    notPublished: (sha256: string) =>
      `Not the published checkpoint (SHA-256 ${sha256}…): it is used as it is, ` +
      'and its results are not those of the published network.',
    standIn: 'Stand-in weights: the predictions mean nothing.',
    standInDetail:
      'This file (made by make-weights) has the checkpoint’s names and sizes but made-up values, ' +
      'to try the app offline; load the published checkpoint for real predictions.',
    standInNotice: (titles: string) => `${titles}: stand-in weights, the predictions mean nothing.`,
    progressLabel: (title: string, progress: string) => `${title} weights: ${progress}`,
    cancel: 'Cancel',
    loadFromCache: 'Load from cache',
    download: (size: string) => `Download (${size})`,
    useFile: 'Use a .safetensors file…',
    useFileLabel: (title: string) => `${title}: use a .safetensors file`,
    onnxTitle:
      'This network with its weights as an ONNX model (opset 17, batch norm folded), for Netron or onnxruntime',
    exportingOnnx: 'Exporting ONNX…',
    exportOnnx: 'Export ONNX',
    remove: 'Remove from this browser',
    source: 'Download source: ',
    mirrorLabel: ['Mirror base URL (files are fetched from ', '; empty for Hugging Face)'] as [string, string],
    save: 'Save',
    storeError: (error: string) => `${error}. The weights work now but will be loaded again next time.`,
    loadingFile: (name: string) => `Loading ${name}…`,
    /** A file picked on one network's card that is the other network's checkpoint. */
    fitsOther: (fits: string, here: string) => `This file holds the weights of ${fits}, not of ${here}.`,
    loadInto: (network: string) => `Load it into ${network}`,
  },
  progress: {
    starting: 'starting…',
    readCache: 'reading from this browser’s cache…',
    readFile: 'reading the file…',
    validate: 'checking the weights…',
    store: 'keeping a copy in this browser’s cache…',
    build: 'building the network…',
    of: (total: string) => ` of ${total}`,
    attempt: (n: number) => `, attempt ${n}`,
    /** A download attempt that has no answer yet; after the first, the previous ones could not connect. */
    connecting: (attempt: number, attempts: number) =>
      attempt > 1 ? `no answer yet, trying again (attempt ${attempt} of ${attempts})…` : 'connecting…',
  },
  advice: {
    theFile: (repo: string | undefined) =>
      repo ? `model.safetensors of ${repo}` : 'the checkpoint’s model.safetensors',
    /** After a download that could not connect: the ways that need no connection to the source from here. */
    elsewhere: (file: string, page: string) =>
      `Without a connection to Hugging Face from here: get ${file} (the ` +
      `official files are at ${page}) another way and load it with “Use a .safetensors file…”, or set a mirror ` +
      'under “Download source”.',
    reason: {
      truncated: () => 'This file is incomplete: download it (or copy it) again, then retry.',
      'cut-short': () => 'The download kept breaking off: check your connection and try again.',
      'web-page': () =>
        'A web page came instead of the weights: check the download source’s address (or the file you chose).',
      'not-safetensors': (file: string) => `This is not a weights file: use ${file}.`,
      corrupt: () => 'This file is damaged: download it again.',
      'non-finite': () =>
        'This file holds invalid numbers, so it is damaged or was altered: download the official weights.',
      'wrong-model': () =>
        'These are another network’s weights: drop the file anywhere on the page and it goes to the network it fits.',
      'wrong-checkpoint': (file: string) => `This is not the checkpoint this network needs: use ${file}.`,
      unreadable: () => 'The file could not be read: check that it still exists, then choose it again.',
      'not-cached': () => 'The copy in this browser is gone: download the weights again.',
      'not-found': () =>
        'The download source has no such file: check its address under “Download source”, or clear it to use Hugging Face.',
      refused: () => 'The download source refused access: check its address, or use Hugging Face.',
      'server-error': () => 'The download source is failing right now: try again in a few minutes.',
      http: () => 'The download source answered with an error: check its address and try again.',
      network: () =>
        'The download could not connect: check that you are online (or that the mirror is running), then try again.',
      'too-large': () => 'The download source sent something far larger than these weights: check its address.',
      mismatch: () =>
        'This download is not the file it should be (its SHA-256 differs): ' +
        'download it again, or use another download source.',
      stalled: () => 'The download source stopped sending: try again later, or use another download source.',
    } satisfies Record<Reason, (file: string) => string>,
  },
  store: {
    couldNotStart: (reason: string) => `The classifier could not start: ${reason}`,
    workerStopped: 'The inference worker stopped.',
    restarted: (reason: string | undefined, reloading: boolean) =>
      `The inference worker stopped (${reason ?? 'unknown reason'}) and was started again.${reloading ? ' The networks are being loaded again from this browser’s cache.' : ''}`,
  },
  settings: {
    urlWeights: 'URL parameter "weights"',
    stored: 'stored setting',
    urlBackend: 'URL parameter "backend"',
    storedBackend: 'stored backend',
    notOneOf: (where: string, value: string, choices: string) => `${where}: "${value}" is not one of ${choices}`,
    /** A setting refused, and why. */
    invalid: (where: string, reason: string) => `${where}: ${reason}`,
  },
};

export type NetworksMessages = typeof networks;
