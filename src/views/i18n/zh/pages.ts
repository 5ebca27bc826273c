import type { PagesMessages } from '../en/pages.ts';

export const pages: PagesMessages = {
  home: {
    lede: [
      '论文',
      '《Inception-v4, Inception-ResNet and the Impact of Residual Connections on Learning》',
      '（Szegedy、Ioffe、Vanhoucke 和 Alemi，2016）中的网络。打开一个网络，可以逐个模块浏览它的结构图、查看任意一层、对照论文插图与发布的代码，或者直接在浏览器里用预训练网络识别你自己的照片。',
    ],
    compare: '逐阶段对比三个网络',
    figures: '论文中的所有插图',
    classify: '识别照片',
    learn: '让小网络并排训练，看看残差连接起什么作用',
    parameters: '参数量',
    multiplyAdds: '乘加次数',
    at299: '输入 299×299',
    errors: 'Top-1 / Top-5 错误率',
    errorsSource: '（论文表 2）',
    schema: '结构图',
    figure: (n) => `图 ${n}`,
    explore: '浏览',
    exploreNetwork: (title) => `浏览 ${title}`,
    asInPaper: '论文中的版本',
    noWeights: '没有公开的权重',
    variant: { paper: '论文版', released: '发布版' },
    idea: (id, _model) =>
      ({
        'inception-v4':
          '更深、更统一的 Inception，没有残差连接：一个 Stem，然后是 4/7/3 个 Inception-A/B/C 模块，中间有专门的降维块。',
        'inception-resnet-v1':
          '计算量较小的 Inception 模块，每个都包在残差连接中，并带有线性的 1×1 投影；计算量与 Inception-v3 相当。',
        'inception-resnet-v2':
          '更宽的残差 Inception，计算量与 Inception-v4 相当；残差先缩小（0.1–0.3）再相加，以保持训练稳定。',
      })[id],
    small: {
      heading: '小型网络（用于学习）',
      lede:
        '把发布版的 Inception-v4 和 Inception-ResNet-v2 缩小到可以在浏览器里训练：模块相同，但更窄、更少，' +
        '并换上适合小图片的 Stem。第三个是去掉捷径（shortcut）的 Inception-ResNet-v2-S，' +
        '用来观察论文标题中的残差连接对学习有什么影响。',
      idea: (id) =>
        ({
          'inception-v4-s': 'Inception-v4 的阶段、模块和层，规模只有原来的一小部分；没有残差连接。',
          'inception-resnet-v2-s': '用同样的方法缩小的 Inception-ResNet-v2；残差缩放系数与发布版相同。',
          'inception-resnet-v2-s-no-shortcuts':
            '模块、权重和计算量都相同，但去掉了捷径：每个模块计算 act(r)，而不是 act(x + s·r)。',
        })[id],
      at: (size) => `输入 ${size}`,
      madeFrom: '来源',
      shape: (width, [a, b, c]) => `宽度 ×${width}，模块 ${a}/${b}/${c}`,
      classes: '类别数',
      noWeights: '没有预训练权重',
    },
  },
  stages: {
    groups: {
      stem: 'Stem',
      'grid-35': '35×35 模块（A）',
      'reduction-a': 'Reduction-A',
      'grid-17': '17×17 模块（B）',
      'reduction-b': 'Reduction-B',
      'grid-8': '8×8 模块（C）',
      head: '分类器',
    },
    short: {
      stem: 'Stem',
      'grid-35': 'A 模块',
      'reduction-a': 'Reduction-A',
      'grid-17': 'B 模块',
      'reduction-b': 'Reduction-B',
      'grid-8': 'C 模块',
      head: '分类器',
    },
    caption: '各阶段的乘加次数',
    label: (parts) => `各阶段的乘加次数：${parts}`,
    share: (group, share) => `${group}：占乘加次数的 ${share}`,
  },
  figures: {
    title: '论文插图',
    heading: '论文中的插图',
    lede: '论文中每一张绘制模块或网络的插图，都根据网络定义重新绘制，标出每一处形状和计算量。',
    schema: '整个网络的结构图',
    figure: (n) => `图 ${n}`,
    noFigure: (text, known) => `论文中没有绘制模块或网络的图“${text}”；这些图才是：${known}。`,
    back: '论文插图',
  },
  compare: {
    title: '对比',
    heading: '对比三个网络',
    lede: '三个网络的总体设计相同：先由 Stem 降到 35×35，然后是 35×35、17×17 和 8×8 网格上的模块，中间由两个降维块（Reduction）隔开，最后是平均池化和分类器。这里把它们逐阶段对齐。',
    networks: '网络',
    variant: '版本',
    released: '发布版（有权重的网络）',
    paper: '论文版',
    paramsCaption: '各阶段的参数量',
    macsCaption: '各阶段的乘加次数（输入 299×299）',
    macsLabel: '各阶段的乘加次数',
    errorMacsCaption: '论文中的错误率与乘加次数',
    errorNote:
      '实心点：Top-1 错误率；圆环：Top-5 错误率（表 2，单裁剪，ILSVRC-2012 验证集）。虚线：表 2 中的其他网络。',
    errorMacsLabel: 'Top-1 和 Top-5 错误率与乘加次数',
    multiplyAdds: '乘加次数',
    errorParamsCaption: '论文中的错误率与参数量',
    costNote: (paper) => `计算量由这里的${paper ? '论文版' : '发布版'}定义算出；错误率取自论文。`,
    errorParamsLabel: 'Top-1 和 Top-5 错误率与参数量',
    parameters: '参数量',
    stageByStage: '逐阶段对比',
    stage: '阶段',
    total: '合计',
    totalParams: (n) => `参数量 ${n}`,
    totalMacs: (n) => `乘加次数 ${n}`,
    errors: 'Top-1 / Top-5 错误率',
    cell: (params, macs) => `参数 ${params} · 乘加 ${macs}`,
    error: '错误率',
    top1: (name, rate) => `${name} Top-1 ${rate}`,
    top1Point: (name, rate, cost) => `${name}：Top-1 错误率 ${rate}，${cost}`,
    top5Point: (name, rate) => `${name}：Top-5 错误率 ${rate}`,
  },
};
