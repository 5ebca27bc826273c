/** The evaluate page's feature map: the images placed by the principal components of their pooled features. */
const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

export const featureMap = {
  heading: 'Feature map',
  intro: (network: string) =>
    `Each image placed by the first two principal components of the 1536 features ${network} pools before its classifier (its centre crop), coloured by true class. Images close together look alike to the network; outlined ones were misclassified (top-1).`,
  limit: (limit: number) =>
    `Features are kept for the first ${plural(limit, 'image', 'images')} of a set (6 kB each, in this browser).`,
  axis: (component: number, share: string) => `component ${component}: ${share} of the variance`,
  label: (images: number, x: string, y: string) =>
    `Feature map of ${plural(images, 'image', 'images')}; the two axes explain ${x} and ${y} of the variance.`,
  misclassified: 'misclassified',
  point: (path: string, truth: string, predicted: string, wrong: boolean) =>
    `${path}: ${truth}${wrong ? `, taken for ${predicted}` : ''}`,
  selected: 'Selected:',
  hint: 'Click a point to name its image.',
  classCount: (images: number) => `(${images})`,
  manyClasses: (classes: number) =>
    `${plural(classes, 'class', 'classes')}: more than the colours can tell apart; hover over a point for its class.`,
  tooFew: 'The map needs two evaluated images or more.',
  noFeatures: 'This run kept no features (it began before the map existed): start it over to see the map.',
  frozen: (images: number) =>
    `Over ${plural(images, 'image', 'images')}: the map is drawn again when the run pauses or ends.`,
};

export type FeatureMapMessages = typeof featureMap;
