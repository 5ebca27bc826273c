/** Trained networks opened in this browser: the home page's picker, the explorer's banner, the lab's links. */
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const trained = {
  heading: 'Your trained networks',
  lede:
    'A network trained in the lab (or with `inception-explorer train --save`) is one .safetensors file holding ' +
    'its definition, class names and weights. Open it to draw it, classify a photo with it and look inside it. ' +
    'Files stay in this browser.',
  open: 'Open a trained network (.safetensors)',
  openLabel: 'Open a trained network file (.safetensors)',
  opening: (name: string) => `Opening ${name}…`,
  none: 'None opened yet.',
  notKept: 'This browser does not keep them after a reload (no IndexedDB here).',
  /** "Inception-ResNet-v2-S, trained". */
  title: (network: string) => `${network}, trained`,
  /** "generated data · 2 epochs (24 steps) · held-out error 41.0 %" (the error already formatted). */
  summary: (data: string, epochs: number, steps: number, testError: string | undefined) =>
    `${data} data · ${plural(epochs, 'epoch', 'epochs')} (${plural(steps, 'step', 'steps')})` +
    `${testError === undefined ? '' : ` · held-out error ${testError}`}`,
  classes: (names: readonly string[]) => `${plural(names.length, 'class', 'classes')}: ${names.join(', ')}`,
  trainedNetwork: 'Trained network',
  file: (name: string) => `from ${name}`,
  explore: 'Open in explorer',
  exploreLabel: (title: string) => `Open in explorer: ${title}`,
  classify: 'Classify a photo',
  classifyLabel: (title: string) => `Classify a photo with ${title}`,
  lookInside: 'Look inside',
  lookInsideLabel: (title: string) => `Look inside ${title} with a photo`,
  lookInsideHint: 'Attach a photo with “Photo” in the toolbar to see what each layer makes of it.',
  forget: 'Forget',
  forgetLabel: (title: string) => `Forget ${title} in this browser`,
  notFound: (id: string) =>
    `No trained network ${id} is open in this browser. Open its .safetensors file on the ` +
    'home page (or from the lab) first.',
  back: 'All networks',
  loading: 'Loading it in the worker…',
  /** "Ready on WebAssembly: 3 classes, a 32×32 input, its one centre crop." */
  ready: (backend: string, classes: number, size: number) =>
    `Ready on ${backend}: ${plural(classes, 'class', 'classes')}, a ${size}×${size} input (the photo's centre, resized as in ` +
    "training). It answers its one centre crop: the 12 and 144 crops and the ensemble are the paper's ImageNet " +
    'evaluation and leave it out, and ImageNet error rates (/evaluate) do not apply to it.',
  close: 'Stop classifying with it',
  failed: (message: string) => `Could not open it: ${message}`,
};

export type TrainedMessages = typeof trained;
