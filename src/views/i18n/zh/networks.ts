import type { NetworksMessages } from '../en/networks.ts';

export const networks: NetworksMessages = {
  backend: {
    label: '后端',
    heading: '后端：',
    choose: '选择后端',
    auto: '自动（选用最快的可用后端）',
    starting: '正在启动…',
    restarting: '正在重启推理 worker…',
    failed: '无（推理 worker 已停止）',
    none: '无',
    skipped: (backend, reason) => `已跳过 ${backend}：${reason}`,
    fallback: (chosen, why, active) => `无法使用 ${chosen}（${why}）；改用 ${active} 运行。`,
    notAvailable: '此处不可用',
    detail: (text) => `（${text}）`,
    wasm: (simd, threads, single, failure) =>
      `${simd ? 'SIMD' : '无 SIMD'}，${threads === 1 ? '单线程' : `${threads} 个线程`}` +
      (single === 'not-isolated'
        ? '（页面未启用跨源隔离）'
        : single === 'turned-off'
          ? '（线程已关闭）'
          : single === 'failed'
            ? `（线程未能启动：${failure ?? '原因不明'}）`
            : ''),
  },
  weights: {
    label: (title) => `${title} 的权重`,
    huggingFace: 'Hugging Face',
    mirror: (url) => `镜像 ${url}`,
    file: (name) => `文件 ${name}`,
    browserCache: (from) => `此浏览器的缓存（${from}）`,
    readIn: (t) => `读取 ${t}`,
    checkedIn: (t) => `校验 ${t}`,
    cachedIn: (t) => `缓存 ${t}`,
    builtIn: (t) => `构建 ${t}`,
    warmedIn: (t) => `预热 ${t}`,
    loading: (progress) => `正在加载：${progress}`,
    ready: (backend, bytes, origin, timings) => `已就绪，运行于 ${backend}：${bytes}，来自${origin}；${timings}。`,
    cached: (bytes, from) => `已在此浏览器的缓存中（${bytes}，来自 ${from}），可离线使用。`,
    keptElsewhere: (from, bytes) =>
      `未加载。此浏览器保存了一份来自 ${from} 的副本（${bytes}），仅当它是下载来源时才会使用。`,
    notLoaded: '未加载。',
    published: '已发布的检查点，SHA-256 已校验。',
    notPublished: (sha256) => `不是已发布的检查点（SHA-256 ${sha256}…）：照原样使用，其结果并非已发布网络的结果。`,
    standIn: '占位权重：预测结果没有意义。',
    standInDetail:
      '此文件（由 make-weights 生成）具有检查点的张量名称和形状，但数值是编造的，用于离线试用本应用；要得到真实的预测，请加载已发布的检查点。',
    standInNotice: (titles) => `${titles}：占位权重，预测结果没有意义。`,
    progressLabel: (title, progress) => `${title} 的权重：${progress}`,
    cancel: '取消',
    loadFromCache: '从缓存加载',
    download: (size) => `下载（${size}）`,
    useFile: '使用 .safetensors 文件…',
    useFileLabel: (title) => `${title}：使用 .safetensors 文件`,
    onnxTitle: '把这个网络连同权重导出为 ONNX 模型（opset 17，已折叠批归一化），可用于 Netron 或 onnxruntime',
    exportingOnnx: '正在导出 ONNX…',
    exportOnnx: '导出 ONNX',
    remove: '从此浏览器中删除',
    source: '下载来源：',
    mirrorLabel: ['镜像基础 URL（文件从 ', ' 获取；留空则使用 Hugging Face）'],
    save: '保存',
    storeError: (error) => `${error}。权重现在可以使用，但下次会重新加载。`,
    loadingFile: (name) => `正在加载 ${name}…`,
    fitsOther: (fits, here) => `此文件是 ${fits} 的权重，不是 ${here} 的。`,
    loadInto: (network) => `加载到 ${network}`,
  },
  progress: {
    starting: '正在开始…',
    readCache: '正在从此浏览器的缓存读取…',
    readFile: '正在读取文件…',
    validate: '正在校验权重…',
    store: '正在把副本保存到此浏览器的缓存…',
    build: '正在构建网络…',
    of: (total) => ` / ${total}`,
    attempt: (n) => `，第 ${n} 次尝试`,
    connecting: (attempt, attempts) =>
      attempt > 1 ? `尚无应答，正在重试（第 ${attempt} 次，共 ${attempts} 次）…` : '正在连接…',
  },
  advice: {
    theFile: (repo) => (repo ? `${repo} 的 model.safetensors` : '检查点的 model.safetensors'),
    elsewhere: (file, page) =>
      `如果这里无法连接 Hugging Face：请通过其他途径获取 ${file}（官方文件位于 ${page}），` +
      '再用“使用 .safetensors 文件…”加载；或在“下载来源”中设置镜像。',
    reason: {
      truncated: () => '此文件不完整：请重新下载（或复制）后重试。',
      'cut-short': () => '下载一再中断：请检查网络连接后重试。',
      'web-page': () => '收到的是网页而不是权重：请检查下载来源的地址（或你选择的文件）。',
      'not-safetensors': (file) => `这不是权重文件：请使用 ${file}。`,
      corrupt: () => '此文件已损坏：请重新下载。',
      'non-finite': () => '此文件含有无效数值，已损坏或被改动：请下载官方权重。',
      'wrong-model': () => '这是另一个网络的权重：把文件拖放到页面任意位置，它会自动交给匹配的网络。',
      'wrong-checkpoint': (file) => `这不是此网络需要的检查点：请使用 ${file}。`,
      unreadable: () => '无法读取文件：请确认文件仍然存在，然后重新选择。',
      'not-cached': () => '此浏览器中的副本已不存在：请重新下载权重。',
      'not-found': () => '下载来源没有这个文件：请检查“下载来源”中的地址，或清空它以使用 Hugging Face。',
      refused: () => '下载来源拒绝访问：请检查其地址，或使用 Hugging Face。',
      'server-error': () => '下载来源暂时出错：请过几分钟再试。',
      http: () => '下载来源返回了错误：请检查其地址后重试。',
      network: () => '下载无法连接：请确认你已联网（或镜像正在运行），然后重试。',
      'too-large': () => '下载来源发来的内容远大于这些权重：请检查其地址。',
      mismatch: () => '下载到的不是应有的文件（SHA-256 不符）：请重新下载，或换一个下载来源。',
      stalled: () => '下载来源停止发送数据：请稍后重试，或换一个下载来源。',
    },
  },
  store: {
    couldNotStart: (reason) => `分类器无法启动：${reason}`,
    workerStopped: '推理 worker 已停止。',
    restarted: (reason, reloading) =>
      `推理 worker 停止了（${reason ?? '原因不明'}），已重新启动。${reloading ? '正在从此浏览器的缓存重新加载网络。' : ''}`,
  },
  settings: {
    urlWeights: 'URL 参数“weights”',
    stored: '已保存的设置',
    urlBackend: 'URL 参数“backend”',
    storedBackend: '已保存的后端',
    notOneOf: (where, value, choices) => `${where}：“${value}”不是 ${choices} 之一`,
    invalid: (where, reason) => `${where}：${reason}`,
  },
};
