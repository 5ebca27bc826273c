/** The home, figures and compare pages. */
export const pages = {
  home: {
    lede: [
      'The networks of ',
      'Inception-v4, Inception-ResNet and the Impact of Residual Connections on Learning',
      ' (Szegedy, Ioffe, Vanhoucke and Alemi, 2016). Open a network to walk its schema block by block, inspect any layer, compare the paper’s figures with the released code, or classify a photo of your own with the pretrained networks, in your browser.',
    ] as [string, string, string],
    compare: 'Compare the three networks stage by stage',
    figures: 'Every figure of the paper',
    classify: 'Classify a photo',
    learn: 'Train small networks side by side and watch what residual connections do',
    parameters: 'Parameters',
    multiplyAdds: 'Multiply-adds',
    at299: 'at 299×299',
    errors: 'Top-1 / top-5 error',
    errorsSource: '(paper, Table 2)',
    schema: 'Schema',
    figure: (n: number | string) => `Fig. ${n}`,
    explore: 'Explore',
    exploreNetwork: (title: string) => `Explore ${title}`,
    asInPaper: 'as in the paper',
    noWeights: 'No public weights',
    variant: { paper: 'paper', released: 'released' },
    /** A network's one-line idea: the model's own words (src/model/paper.ts) in English. */
    idea: (_id: 'inception-v4' | 'inception-resnet-v1' | 'inception-resnet-v2', model: string) => model,
    /** The group of small networks derived from the released ones (model/small/). */
    small: {
      heading: 'Small networks (for learning)',
      lede:
        'The released Inception-v4 and Inception-ResNet-v2 made small enough to train in a browser: the same ' +
        'blocks, narrower and fewer, with a stem for small images. The third is Inception-ResNet-v2-S with its ' +
        'shortcuts removed, to see what the residual connections of the paper’s title do to learning.',
      idea: (id: 'inception-v4-s' | 'inception-resnet-v2-s' | 'inception-resnet-v2-s-no-shortcuts') =>
        ({
          'inception-v4-s':
            'Inception-v4’s stages, blocks and layers at a fraction of the size; no residual ' + 'connections.',
          'inception-resnet-v2-s':
            'Inception-ResNet-v2 made small the same way; its residuals keep the released scales.',
          'inception-resnet-v2-s-no-shortcuts':
            'The same blocks, weights and cost with the shortcuts removed: ' +
            'each block computes act(r) instead of act(x + s·r).',
        })[id],
      at: (size: string) => `at ${size}`,
      madeFrom: 'Made from',
      shape: (width: number, [a, b, c]: readonly [number, number, number]) => `width ×${width}, blocks ${a}/${b}/${c}`,
      classes: 'Classes',
      noWeights: 'Not pretrained',
    },
  },
  stages: {
    groups: {
      stem: 'Stem',
      'grid-35': '35×35 blocks (A)',
      'reduction-a': 'Reduction-A',
      'grid-17': '17×17 blocks (B)',
      'reduction-b': 'Reduction-B',
      'grid-8': '8×8 blocks (C)',
      head: 'Classifier',
    },
    /** Short names for the key under the home cards' bar (the card is narrow). */
    short: {
      stem: 'Stem',
      'grid-35': 'A blocks',
      'reduction-a': 'Reduction-A',
      'grid-17': 'B blocks',
      'reduction-b': 'Reduction-B',
      'grid-8': 'C blocks',
      head: 'Classifier',
    },
    caption: 'Multiply-adds by stage',
    label: (parts: string) => `Multiply-adds by stage: ${parts}`,
    share: (group: string, share: string) => `${group}: ${share} of multiply-adds`,
  },
  figures: {
    title: 'Figures',
    heading: 'The paper’s figures',
    lede: 'Each figure drawing a block or a network, redrawn from the definitions with every shape and cost.',
    schema: 'Schema of the whole network',
    figure: (n: number | string) => `Fig. ${n}`,
    noFigure: (text: string, known: string) =>
      `The paper has no figure "${text}" drawing a block or a network; these do: ${known}.`,
    back: 'the figures',
  },
  compare: {
    title: 'Compare',
    heading: 'Compare the networks',
    lede: 'All three share one plan: a stem down to 35×35, blocks on the 35×35, 17×17 and 8×8 grids separated by two reduction blocks, then average pooling and a classifier. Here they are aligned stage by stage.',
    networks: 'Networks',
    variant: 'Variant',
    released: 'As released (where weights exist)',
    paper: 'As in the paper',
    paramsCaption: 'Parameters per stage',
    macsCaption: 'Multiply-adds per stage (299×299 input)',
    macsLabel: 'Multiply-adds per stage',
    errorMacsCaption: 'The paper’s error rates against multiply-adds',
    errorNote:
      'Filled: top-1 error; ring: top-5 error (Table 2, single crop, ILSVRC-2012 validation). Dashed: other networks of Table 2.',
    errorMacsLabel: 'Top-1 and top-5 error against multiply-adds',
    multiplyAdds: 'multiply-adds',
    errorParamsCaption: 'The paper’s error rates against parameters',
    costNote: (paper: boolean) =>
      `Costs are those of the ${paper ? 'paper' : 'released'} definitions computed here; the errors are the paper’s.`,
    errorParamsLabel: 'Top-1 and top-5 error against parameters',
    parameters: 'parameters',
    stageByStage: 'Stage by stage',
    stage: 'Stage',
    total: 'Total',
    totalParams: (n: string) => `${n} parameters`,
    totalMacs: (n: string) => `${n} multiply-adds`,
    errors: 'Top-1 / top-5 error',
    cell: (params: string, macs: string) => `${params} params · ${macs} mult-adds`,
    error: 'error',
    top1: (name: string, rate: string) => `${name} top-1 ${rate}`,
    top1Point: (name: string, rate: string, cost: string) => `${name}: top-1 error ${rate}, ${cost}`,
    top5Point: (name: string, rate: string) => `${name}: top-5 error ${rate}`,
  },
};

export type PagesMessages = typeof pages;
