/** Looking inside a network with a photo: the panel, the node's outputs, class maps, residual scales. */
export const inside = {
  panelTitle: 'Your photo inside',
  /** Why a link's photo is not here: older photos dropped (the library is full), or it was never kept here. */
  missingWhy: {
    dropped: (limit: number) =>
      `The photo of this link is not in this browser any more (photos stay on the device they were added on, and only the ${limit} most recent are kept).`,
    notKept:
      'The photo of this link is not in this browser: it was added on another device, or this browser did not keep it (its storage was full, or its site data was cleared).',
  },
  missing: [' Choose another with ', 'Photo', ' in the toolbar, or ', 'look without a photo', '.'] as [
    string,
    string,
    string,
    string,
    string,
  ],
  unreadable: (message: string) => `The photo could not be read: ${message}`,
  reading: 'Reading the photo…',
  size: (w: number, h: number) => `${w}×${h} px, on this device only`,
  remove: 'Remove the photo',
  couldNotRun: (message: string) => `The network could not run on the photo: ${message}`,
  tryAgain: 'Try again',
  running: 'Running the network on the photo…',
  top5: (changed: boolean) => `Top-5${changed ? ' with these residual scales' : ''}`,
  timing: (ms: number, backend: string) => `${ms} ms on ${backend}`,
  needsWeights: (title: string) => `${title} needs its pretrained weights`,
  loadingTrained: 'Loading the trained network from this browser…',
  toLookInside: ' to look inside with the photo.',
  loading: (progress: string) => `Loading: ${progress}`,
  download: (size: string) => `Download (${size})`,
  orFile: [' or load a file on the ', 'Classify', ' page. They are kept in this browser for next time.'] as [
    string,
    string,
    string,
  ],
  keptElsewhere: (from: string) =>
    `This browser keeps a copy from ${from}, used only while that is the download source: set it under `,
  keptWhere: ['Download source', ' on the ', 'Classify', ' page to use it.'] as [string, string, string, string],
  waitingWeights: 'Waiting for the network’s weights (see the panel)',
  thumbnails: 'Thumbnails',
  thumbnailsKey: (channel: number | undefined) =>
    `Each box of the diagram shows its output for the photo: the mean over channels${channel !== undefined ? ` (the selected box: channel ${channel})` : ''}, each thumbnail on its own scale.`,
  zeroToMax: '0 → max',
  signed: '− 0 + (signed outputs)',
  through: 'Through the network',
  theseScales: (title: string) => `${title}, these scales`,
  releasedScales: (title: string) => `${title}, released scales`,
  loadOther: (title: string) => `Load ${title} too to overlay it.`,
  runningOther: (title: string) => `Running ${title} on the photo to overlay it…`,
  whereItLooks: 'Where it looks',
  finalMap: 'the final 8×8 feature map',
  computingMaps: 'Computing the class activation maps…',
  noLongerKept: 'The photo is no longer kept in this browser: add it again to see where the network looks.',
  computing: 'Computing…',
  valuesOf: (title: string) => `Values of ${title}`,
  gradCam: 'Grad-CAM',
  fromHere: 'Where it looks from here',
  gradCamButton: 'Grad-CAM of the top-5 at this layer',
  gradCamNote: ' gradients of each class’s logit with respect to this output, averaged per channel.',
  computingGradients: 'Computing gradients…',
  stats: {
    label: 'Output statistics',
    mean: 'Mean',
    std: 'Std',
    minMax: 'Min / max',
    zeros: 'Exact zeros',
    ofValues: (count: string) => `of ${count} values`,
  },
  residual: {
    title: 'The residual addition, out = act(x + s·r)',
    label: 'Norms of the residual block',
    shortcut: '‖x‖ shortcut',
    branch: '‖r‖ branch',
    scaled: (s: number) => `‖s·r‖, s = ${s}`,
    note: 'How much this block changes what flows through it. §3.3 of the paper scales the residual branch down so that it stays small against the shortcut.',
  },
  classMap: {
    classes: 'Class',
    crop: 'The crop the network saw',
    heatLabel: (cam: boolean, label: string, h: number, w: number) =>
      `${cam ? 'Class activation map' : 'Grad-CAM'} of “${label}”, ${h}×${w}, upsampled`,
    opacity: 'Overlay opacity',
    cam: (label: string, where: string, h: number, w: number, mean: string, bias: string, logit: string) =>
      `CAM of “${label}” on ${where} (${h}×${w}): mean ${mean} + bias ${bias} = logit ${logit}.`,
    gradCam: (label: string, where: string, h: number, w: number) => `Grad-CAM of “${label}” at ${where} (${h}×${w}).`,
    computed: (backend: string, ms: number) => ` Computed on ${backend} in ${ms} ms.`,
  },
  depth: {
    mean: 'Mean activation',
    zeros: 'Fraction of exact zeros',
    ratio: '‖s·r‖ / ‖x‖ of residual blocks',
    along: (title: string) => `${title} along depth`,
  },
  features: {
    orders: { mean: 'mean', max: 'maximum', zeros: 'fraction of zeros' },
    top: 'Top',
    channelsBy: 'channels by',
    of: (n: number) => `of ${n}`,
    highest: (n: number, order: string) => `The ${n} channels with the highest ${order}`,
    channelTitle: (c: number, mean: string, max: string, zeros: number) =>
      `Channel ${c}: mean ${mean}, max ${max}, ${zeros} % zeros`,
    channelAlt: (c: number) => `channel ${c}`,
    enlargedAlt: (c: number, h: number, w: number) => `Channel ${c}, ${h}×${w}`,
    at: (c: number, row: number, column: number, v: string) => `channel ${c} at row ${row}, column ${column}: ${v}`,
    summary: (c: number, h: number, w: number, mean: string, max: string, zeros: number) =>
      `Channel ${c} · ${h}×${w} · mean ${mean}, max ${max}, ${zeros} % zeros`,
    showInBox: ' show this channel in the box',
  },
  histogram: {
    label: (label: string, total: number, min: string, max: string, bins: number, log: boolean) =>
      `${label}: ${total} values from ${min} to ${max} in ${bins} bins${log ? ' (counts on a log scale)' : ''}`,
    bin: (from: string, to: string, count: number) => `${from} to ${to}: ${count}`,
    logScale: 'count, log scale',
  },
  scatter: {
    label: (n: number) => `The ${n} logits with these scales against the released scales'`,
    x: 'logit with the released scales',
    y: 'logit with these scales',
  },
  lab: {
    title: 'Residual scales (§3.3)',
    intro:
      'Each Inception-ResNet block adds s·r to its input x. The released network uses s = 0.17, 0.10 and 0.20; 0 switches a group’s residual branches off.',
    released: 'Released scales',
    running: ' running the photo…',
    why: 'Why the paper scales residuals',
    whyPaper:
      'Szegedy et al. found that with more than about 1000 filters, residual variants “started to exhibit instabilities and the network has just ‘died’ early in the training”: the last layer before the average pooling produced only zeros after a few tens of thousands of iterations. Scaling the residuals by 0.1–0.3 before adding them stabilised training, without hurting accuracy (§3.3, Fig. 20).',
    whyHere:
      'What you see here is different: the same trained weights with other scales at inference. It shows how much each group’s residuals carry the prediction — not the instability in training that the scaling prevented.',
    scale: (v: string, released: string | undefined) =>
      `s = ${v}${released === undefined ? '' : ` (released ${released})`}`,
    scaleText: (v: string, released: boolean) => `s = ${v}${released ? ' (released)' : ''}`,
    against: 'Top-5 against the released scales',
    isNew: ' new in the top-5',
    was: (rank: number) => ` was #${rank}`,
    unchanged: 'The top-1 class is unchanged.',
    changed: 'The top-1 class changed.',
    largest: (v: string) => ` Largest change of a logit: ${v}.`,
  },
};

export type InsideMessages = typeof inside;
