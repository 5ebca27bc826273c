/** The classify page: its photos and their results, prediction modes, the camera (the networks' words: networks.ts). */
import { networks } from './networks.ts';

export const classify = {
  title: 'Classify a photo',
  lede: 'The pretrained Inception-v4 and Inception-ResNet-v2 run here, in your browser. Your photos never leave it: they are decoded and classified on this device, and nothing is uploaded.',
  dismiss: 'Dismiss',
  networks: 'Networks',
  v1Weights: 'Inception-ResNet-v1 weights',
  v1NoWeights:
    'No ImageNet weights exist for Inception-ResNet-v1: the authors released checkpoints only for Inception-v4 and Inception-ResNet-v2, so it cannot classify photos.',
  v1Explore: 'Explore its structure',
  v1Instead: ' instead.',
  photos: 'Photos',
  dropHint: 'Drop photos anywhere on the page, paste one (Ctrl+V / ⌘V), or',
  choosePhotos: 'choose photos…',
  choosePhotosLabel: 'Choose photos to classify',
  loadFirst: 'Load a network first',
  useCamera: 'Use the camera',
  kept: (limit: number) =>
    `Photos you add are also kept in this browser (the ${limit} most recent, never uploaded) so that you can look inside the networks with them later.`,
  forgotten: 'Forgotten.',
  forget: 'Forget all kept photos',
  mode: {
    legend: 'Prediction',
    cropsPerNetwork: 'Crops per network',
    crops: (n: number) => (n === 1 ? '1 crop' : `${n} crops`),
    loadBoth: 'Load both networks to average them',
    ensembleChoice: 'Ensemble: average Inception-v4 and Inception-ResNet-v2',
    perPhoto: (passes: number) => `${passes} forward pass${passes === 1 ? '' : 'es'} per photo`,
    about: (time: string, pass: string) => `, about ${time} at the last measured ${pass} a pass`,
    needsBoth: '. The ensemble needs both networks: load the other one’s weights.',
    end: '.',
    text: (crops: number, ensemble: boolean) =>
      `${crops === 1 ? '1 crop' : `${crops} crops`}${ensemble ? ', ensemble of both networks' : ''}`,
  },
  crops: {
    summary: 'How the crops are taken (this project’s reading of the paper)',
    intro: [
      'The paper reports 12- and 144-crop error rates (Tables 3–5) and refers to GoogLeNet for the crops (Szegedy et al. 2015, ',
      'Going deeper with convolutions',
      ', §7), which were defined for 224×224 inputs. The paper does not spell them out for 299×299; this is how the app takes them:',
    ] as [string, string, string],
    one: [
      '1 crop',
      ': the checkpoint’s own evaluation crop — shorter side resized to 299 / crop_pct (341 px for Inception-v4, 333 for Inception-ResNet-v2), centre 299×299.',
    ] as [string, string],
    twelve: [
      '12 crops',
      ': of that resized image, the four corner and the centre 299×299 crops and the whole centre square resized to 299; each also mirrored.',
    ] as [string, string],
    many: [
      '144 crops',
      ': GoogLeNet’s protocol scaled by 299/224 — shorter side resized to 342, 384, 427 and 470 px; the left, centre and right squares (top, centre and bottom for portrait photos); in each the four corners, the centre 299 crop and the square resized to 299; each also mirrored (4 × 3 × 6 × 2).',
    ] as [string, string],
    ensemble: [
      'Ensemble',
      ': Inception-v4 and Inception-ResNet-v2, class probabilities averaged over crops, then over the two networks. The paper’s best ensemble was 1 × Inception-v4 + 3 × Inception-ResNet-v2, four separately trained models; only one checkpoint of each network exists.',
    ] as [string, string],
  },
  result: {
    centreCrop: (title: string, w: number, h: number) => `The photo’s centre crop as ${title} sees it (${w}×${h})`,
    averaged: (crops: string) => `${crops} averaged · `,
    passes: (n: number) => `${n} forward pass${n === 1 ? '' : 'es'}`,
    inference: ' · inference ',
    cropsTime: (time: string) => `, crops ${time} on `,
    ensemble: 'Ensemble',
    ensembleNote: (crops: string) =>
      `Inception-v4 and Inception-ResNet-v2, probabilities averaged over ${crops} and both networks.`,
    inAll: (time: string) => ` in all · ${time} for the photo`,
    passesFor: (name: string) => `Forward passes for ${name}`,
    progress: (done: number, total: number) => `${done} of ${total} forward passes`,
    starting: 'Starting…',
    left: (time: string) => ` · about ${time} left`,
    cancel: 'Cancel',
    summary: (mode: string, passes: string, time: string) => `${mode} · ${passes} · ${time}`,
    decoded: (w: number, h: number, time: string) => `${w}×${h} px, decoded in ${time}`,
    remove: (name: string) => `Remove ${name}`,
    removeButton: 'Remove',
    waiting: 'Waiting for a network’s weights…',
    classifying: 'Classifying…',
    awaiting: (title: string) => `${title} is still loading: it classifies this photo too once it is ready.`,
    asSeen: (title: string, w: number, h: number) => `The photo as ${title} sees it (${w}×${h} crop)`,
    cropNotKept: (n: number) => `Crop not kept: only the newest ${n} photos keep theirs.`,
    preprocessing: (time: string) => `Preprocessing ${time} · inference `,
    on: ' on ',
    lookInside: (title: string) => `Look inside ${title}`,
    whereItLooks: 'Where it looks',
    loading: 'Loading…',
    insideCentreCrop: 'Looking inside and where it looks use the centre crop (the first of the crops).',
    imagenetClass: (index: number, label: string) => `ImageNet class ${index}: ${label}`,
    cancelled: 'Cancelled.',
    fileGone: (name: string) => `${name}: the file is no longer available; add it again`,
  },
  camera: {
    label: 'Camera',
    fps: (fps: string) => `${fps} frames per second`,
    starting: 'starting…',
    stop: 'Stop camera',
    asSeen: (title: string) => `Camera frame as ${title} sees it`,
    inference: (time: string) => `inference ${time}`,
    notOpened: (reason: string) => `The camera could not be opened: ${reason}`,
    loadFirst: 'Load the weights of a network to classify the camera.',
    stopped: (reason: string) => `Classifying the camera stopped: ${reason}`,
  },
  inputs: {
    pasted: 'pasted image',
    notImage: (name: string, type: string) =>
      `${name} is not an image${type ? ` (${type})` : ''}: drop a photo (JPEG, PNG, WebP…) or a .safetensors weights file`,
    empty: (name: string) => `${name} is empty (0 bytes)`,
    tooLarge: (name: string, size: string, max: string) => `${name} is ${size}; photos up to ${max} are accepted`,
  },
  store: {
    waiting: 'Load the weights of a network (above) to classify these photos.',
  },
  settings: {
    urlCrops: 'URL parameter "crops" (crops per photo)',
    notOneOf: networks.settings.notOneOf,
  },
};

export type ClassifyMessages = typeof classify;
