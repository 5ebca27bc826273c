/** The evaluate page's dashboards: calibration (reliability diagram, ECE), confusion, the evaluated images. */
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const dashboards = {
  heading: 'Calibration and confusion',
  intro: [
    'For ',
    ': how far the top-1 probability can be trusted, what each class was taken for, and every evaluated image.',
  ] as [string, string],
  ece: (ece: string, bins: number, images: number) =>
    `Expected calibration error (ECE): ${ece}, over ${bins} equal-width bins of the top-1 probability (${plural(images, 'image', 'images')}).`,
  meanFigures: (confidence: string, accuracy: string) =>
    `Mean top-1 probability ${confidence}, top-1 accuracy ${accuracy}.`,
  reliability: {
    title: 'Reliability diagram',
    label: (ece: string, bins: number) =>
      `Reliability diagram: top-1 accuracy against top-1 probability in ${bins} bins; ECE ${ece}`,
    axes: 'Top-1 probability →, top-1 accuracy ↑; n: images per bin',
    countMark: 'n',
    bar: (low: string, high: string, count: number, accuracy: string, confidence: string) =>
      `${low}–${high}: ${plural(count, 'image', 'images')}, ${accuracy} right at a mean top-1 probability of ${confidence}`,
    legendAccuracy: 'accuracy of the bin',
    legendGap: 'gap to its mean probability',
    legendDiagonal: 'perfect calibration',
  },
  confusion: {
    title: 'Confusion among the classes present',
    matrixIntro:
      'Rows: the true class; columns: what its images were taken for (top-1), the last one any class not in the set. A cell is shaded by its share of the row; point at it for the count.',
    label: (classes: number) =>
      `Confusion matrix of ${plural(classes, 'class', 'classes')}; the most frequent confusions are listed below it`,
    cell: (label: string, predicted: string, count: number, images: number) =>
      `${label} taken for ${predicted}: ${count} of ${plural(images, 'image', 'images')}`,
    right: (label: string, count: number, images: number) =>
      `${label} right: ${count} of ${plural(images, 'image', 'images')}`,
    other: 'other classes',
    tooMany: (classes: number, most: number) =>
      `${classes} classes are present, more than the ${most} a matrix can show here: the most frequent confusions follow.`,
    top: 'Most frequent confusions',
    none: 'No image was misclassified.',
  },
  images: {
    title: 'Evaluated images',
    intro:
      'Misclassified first, the most confident mistakes at the top. “Look inside” opens the image in the network’s view, layer by layer.',
    takenFor: (predicted: string, p: string) => `taken for ${predicted} (${p})`,
    right: (p: string) => `right (${p})`,
    lookInside: 'Look inside',
    lookInsideLabel: (path: string, network: string) => `Look inside ${network} with ${path}`,
    opening: 'Opening…',
    notAvailable:
      'The images of a stored run are not kept in this browser, only their predictions: choose the folder again to look inside them.',
    couldNotKeep: (reason: string) => `The image could not be kept in this browser for the network view (${reason}).`,
    shown: (shown: number, total: number) => `${shown} of ${plural(total, 'image', 'images')} shown.`,
    more: (n: number) => `Show ${n} more`,
  },
};

export type DashboardsMessages = typeof dashboards;
