/** The explorer: toolbar, search, side panel, inspector, diagram controls, photo picker, link notices. */
export const explorer = {
  breadcrumbs: 'Breadcrumbs',
  networks: 'Networks',
  tools: 'Tools',
  variant: 'Variant',
  variantName: { paper: 'Paper', released: 'Released' },
  /** "Inception-v4 (released)" */
  networkHere: (title: string, variant: 'paper' | 'released') => `${title} (${variant})`,
  onlyPaper: (title: string) => `${title} exists only as in the paper`,
  /** A small network: derived from the released code, it has no form in the paper. */
  onlyDerived: (title: string) => `${title} is derived from a released network; the paper has no such network`,
  noReleased: (title: string) => `${title} has no released version to compare with`,
  trainedOneForm: (title: string) => `${title} is a network trained in this browser: it has one form, its file's`,
  trainedNoDiff: (title: string) =>
    `${title} is compared with nothing here: its width, repeats and classes are its file's; the diff of the network it was trained from is on that network's page`,
  markDiff: 'Mark what differs between the paper and the released code',
  paperVsReleased: 'Paper vs released',
  /** A derived network's diff: against the network it is derived from. */
  versus: (title: string) => `vs ${title}`,
  markDerived: (title: string) => `Mark what differs from ${title}, the network this one is derived from`,
  noWeightsInside: (title: string) => `${title} has no pretrained weights: no photo can be looked at inside it`,
  expandAll: 'Expand all',
  expandAllTitle: 'Open every block down to every layer',
  collapseAll: 'Collapse all',
  collapseAllTitle: 'Roll every block back up',
  /** Where the search looks. */
  searchIn: (where: string) => `in ${where}`,
  export: 'Export',
  exportSvg: 'Export SVG',
  exportSvgTitle: 'Download the diagram as an SVG file',
  exportPng: 'Export PNG',
  exportPngTitle: 'Download the diagram as a high-resolution PNG',
  exportFailed: (reason: string) => `Export failed: ${reason}`,
  search: {
    label: (scope: string) => `Search layers ${scope}`,
    placeholder: 'Search: 7x1, 17x17, max pool…',
    title: 'Search layers (press / to come here)',
    previous: 'Previous match',
    previousTitle: 'Previous match (Shift+Enter)',
    next: 'Next match',
    nextTitle: 'Next match (Enter)',
    none: 'No matches',
    nth: (n: number, count: number) => `${n} of ${count}`,
    count: (count: number) => `${count} ${count === 1 ? 'match' : 'matches'}`,
  },
  inspector: 'Inspector',
  sheetClose: 'Close',
  sheetDetails: 'Details',
  loading: 'Loading…',
  diagramLabel: {
    block: (title: string, network: string) => `${title} of ${network}`,
    network: (title: string) => `Schema of ${title}`,
  },
  ignored: {
    title: 'Part of the link was ignored.',
    dismiss: 'Dismiss this notice',
    noNode: (node: string, where: string) => `There is no node "${node}" in ${where}, so nothing is selected.`,
    nodeWhere: (block: string, here: string) => `${block} of ${here}`,
    expandInBlock:
      'A block view shows every layer of its block, so the opened blocks of the link (expand=) were left out.',
    noBlocksToOpen: (here: string, list: string, count: number) =>
      `${here} has no block ${list} to open, so ${count === 1 ? 'it was' : 'they were'} left out.`,
    noScaleGroup: (group: string, here: string, groups: string) =>
      groups
        ? `${here} has no residual group "${group}" (scale=), so it was left out; its groups are ${groups}.`
        : `${here} has no residual scales to change, so "${group}" (scale=) was left out.`,
    channelOutOfRange: (value: string, box: string, last: number) =>
      `${box} has channels 0 to ${last}, so channel ${value} (channel=) was left out and its thumbnail shows the mean of its channels.`,
    channelWithoutBox: (value: string) =>
      `Channel ${value} (channel=) needs a selected box with channels, so it was left out.`,
    scaleOutOfRange: (group: string, value: string, min: number, max: number) =>
      `The residual scale of ${group} (scale=) must be a number from ${min} to ${max} (${min} switches its residual branches off), not ${value}, so the released scale is used.`,
  },
  notFound: {
    noNetwork: (id: string) => `There is no network "${id}".`,
    noVariant: (title: string, variant: string, variants: string) =>
      `${title} has no variant "${variant}" (it has ${variants}).`,
    or: ' or ',
    noBlock: (block: string, here: string, blocks: string) =>
      `There is no block "${block}" in ${here}; its blocks are ${blocks}.`,
    allNetworks: 'All networks',
  },
  panel: {
    openAsFigure: (block: string) => `Open ${block} as a figure`,
    noWeightsPhoto: (title: string) => `${title} has no pretrained weights, so no photo can be looked at inside it.`,
    photoOnReleased: 'The photo runs on the released network, which has the pretrained weights:',
    lookInsideReleased: (title: string) => `look inside the released ${title}`,
    parameters: 'Parameters',
    multiplyAdds: 'Multiply-adds',
    at: (size: string) => ` at ${size}`,
    output: 'Output',
    papersError: 'Paper’s error',
    table2: 'Table 2, single crop',
    schema: 'Schema',
    figure: (n: number | string) => `Fig. ${n}`,
    /** A block's heading with the paper's figure that draws it: "Inception-ResNet-B (Fig. 17)". */
    blockWithFigure: (name: string, figure: number | string) => `${name} (Fig. ${figure})`,
    problems: (count: number) => `${count === 1 ? 'One place where' : `${count} places where`} the shapes do not fit`,
    stages: 'Stages',
    stageShare: (share: string) => `${share} of multiply-adds`,
    selectHint: 'Select a box to inspect it; double-click or Enter opens a block.',
    legend: {
      added: '■ added',
      changed: '■ changed',
      removed: '■ removed',
      order: '■ order: the same layers drawn in another order (not marked)',
    },
    mark: { added: 'added', changed: 'changed', removed: 'removed', order: 'order' },
    noDifferences: 'No differences here.',
    /** The overview of a small network (model/small/). */
    small: {
      derivedFrom: 'Derived from',
      released: 'the released network, made smaller',
      width: 'Width',
      repeats: 'Blocks',
      repeatsOf: ([a, b, c]: readonly [number, number, number]) => `${a} A, ${b} B, ${c} C`,
      shortcuts: 'Shortcuts',
      kept: 'kept: act(x + s·r)',
      removed: 'removed: act(r)',
      weights: 'Weights',
      none: 'none: a network to train',
    },
  },
  /** A shape problem explained (model/analysis/explain-problems.ts gives the facts). */
  problem: {
    title: (input: number, projection: number) => `${input} vs ${projection} channels`,
    other: 'Shape problem',
    paragraph: (sentences: readonly string[]) => sentences.join(' '),
    otherText: (node: string, message: string) => `${node}: ${message}.`,
    adds: (block: string) =>
      `${block} adds its input to the output of its Linear 1×1 projection, so both must have the same number of channels.`,
    input: (input: number, from: { name: string; sum: string } | undefined, projection: number, more: number) =>
      `Its input has ${input}${from ? `, the output of ${from.name} (${from.sum})` : ''}, but the projection has ${projection} filters, ` +
      `${more > 0 ? `${more} more` : `${-more} fewer`}.`,
    cannotBuild: (projection: number) =>
      `The paper's figures do not add up here, so this variant cannot be built exactly as drawn; the explorer carries on with the projection's ${projection} channels to show the rest of the network.`,
    released: (from: string, sum: string, block: string, projection: number) =>
      `The released network's widths agree: its ${from} outputs ${sum} channels and its ${block} projects to ${projection}.`,
  },
  keyboard: {
    title: 'Keyboard',
    arrows: 'Arrows',
    arrowsDo: 'move between boxes',
    enter: 'Enter',
    openBlock: 'open the block',
    select: 'select',
    expandDo: 'expand or roll up in place',
    escape: 'Escape',
    escapeDo: 'go up a level',
    searchDo: 'search; Enter / Shift+Enter: next / previous match',
  },
  diagram: {
    roleDescription: 'diagram',
    zoomIn: 'Zoom in',
    zoomOut: 'Zoom out',
    fit: 'Fit',
    fitTitle: 'Fit the diagram',
  },
  /** A box's accessible name and tooltip after its label (the export keeps these English words). */
  box: {
    output: (shape: string) => `output ${shape}`,
    /** `against`: the network a derived one is compared with ("changed compared with Inception-ResNet-v2"). */
    diff: (mark: 'added' | 'changed' | 'removed', against?: string) =>
      against ? `${mark} compared with ${against}` : `${mark} in the released network`,
    problem: (problem: string) => `problem: ${problem}`,
  },
  photo: {
    notImage: (name: string) => `${name} is not an image: choose a JPEG, PNG, WebP or GIF photo.`,
    lookInside: 'Look inside the network with a photo',
    attached: 'Photo ✓',
    choose: 'Photo…',
    dialog: 'Choose a photo to look inside with',
    private: 'Photos stay in this browser; nothing is uploaded.',
    chooseFile: 'Choose a photo…',
    none: 'No photo',
    notKept: 'This browser does not let the app keep photos: they last until the page closes.',
    notKeptBecause: (reason: string) =>
      `Photos are not being kept in this browser: ${reason}. ` +
      'They last until the page closes, so a “Look inside” link to one will not open after a reload.',
  },
};

export type ExplorerMessages = typeof explorer;
