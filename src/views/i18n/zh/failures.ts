/**
 * The runtime's failures in Chinese, from the same codes and parameters as the English
 * (runtime/failure-words.ts). Names (files, networks, tensors, URLs) stay as they are; a library's or
 * the browser's own message (`detail`) is quoted as it came.
 */
import type { TensorKind } from '../../../model/analysis/checkpoint.ts';
import type { FailureWords, WatchedTask } from '../../../runtime/failure-words.ts';
import { backendFailuresZh } from './failures/backend.ts';
import { trainingFailuresZh } from './failures/training.ts';
import { datasetFailuresZh } from './failures/dataset.ts';
import { cacheFailuresZh } from './failures/cache.ts';
import { trainedFailuresZh } from './failures/trained.ts';

const KINDS: Readonly<Record<TensorKind, string>> = {
  conv_weight: '卷积权重',
  conv_bias: '卷积偏置',
  bn_weight: '批归一化缩放',
  bn_bias: '批归一化偏移',
  bn_running_mean: '批归一化滑动均值',
  bn_running_var: '批归一化滑动方差',
  linear_weight: '分类器权重',
  linear_bias: '分类器偏置',
};

const FORMATS = 'JPEG、PNG、WebP、GIF、BMP 或 AVIF';

function taskText(task: WatchedTask | undefined): string {
  switch (task?.kind) {
    case undefined:
      return '一次推理';
    case 'classifying':
      return `识别 ${task.file}${task.crops ? `（${task.crops} 个裁剪）` : ''}`;
    case 'evaluating':
      return `评估 ${task.file}`;
    case 'looking-inside':
      return '用照片查看网络内部';
    case 'summarising':
      return '汇总激活';
    case 'layer-output':
      return '读取一层的输出';
    case 'grad-cam':
      return 'Grad-CAM';
    case 'class-maps':
      return '类激活图';
    case 'channel-maxima':
      return '查找每个通道的最大值';
    case 'comparing':
      return '比较两张照片';
  }
}

const list = (names: readonly string[]) => names.join('、');

const ours = (found: number, network: string, expected: number) =>
  `${network} 的 ${expected} 个张量${found === 0 ? '一个也没有' : `只有 ${found} 个`}`;

export const failures: FailureWords = {
  // A library's or the browser's own words, which have no code: quoted as they came.
  error: ({ message }) => message || '原因不明的错误',

  'download.gave-up': ({ cause, attempts }, word) => `${word(cause)}（尝试 ${attempts} 次后放弃）`,
  'download.not-found': ({ label, url, status }) => `${label}：在 ${url} 找不到（服务器返回 ${status}）`,
  'download.http': ({ label, url, status }) => `${label}：服务器对 ${url} 返回了 ${status}`,
  'download.no-body': ({ label, url }) => `${label}：服务器没有为 ${url} 发送任何内容`,
  'download.not-continued': ({ label }) => `${label}：服务器续传的内容与原文件接不上`,
  'download.too-large': ({ label, size, max }) => `${label}：${size} 超过了允许的 ${max}`,
  'download.over-limit': ({ label, max }) => `${label}：超过了允许的 ${max}`,
  'download.more-than-announced': ({ label, size }) => `${label}：服务器发送的内容超过了它声明的 ${size}`,
  'download.truncated': ({ label, received, total }) => `${label}：下载在 ${received}（共 ${total}）处中断`,
  'download.network': ({ label, url, detail }) => `${label}：获取 ${url} 时网络出错（${detail}）`,
  'download.cancelled': ({ label }) => `${label}：下载已取消`,
  'download.stalled': ({ label, url, seconds, received, total }) => {
    const where =
      received === undefined ? '尚未收到响应' : `停在 ${received}${total !== undefined ? `（共 ${total}）` : ''}`;
    return `${label}：服务器停止发送（${seconds} 秒没有数据，${where}），来源 ${url}；它可能负载过高或卡住了：请稍后重试，或换一个下载来源`;
  },
  'download.not-published': ({ label, url, sha256, expected }) =>
    `${label}：来自 ${url} 的文件 SHA-256 为 ${sha256}，不是发布的 ${expected}：它不是发布的文件（已被替换，或在传输中被改动）`,
  'download.altered': ({ label, url, sha256, stated }) =>
    `${label}：来自 ${url} 的文件 SHA-256 为 ${sha256}，与服务器声明的 ${stated} 不符：它在传输中被改动或混入了别的文件`,
  'loading.cancelled': ({ label }) => `${label}：加载已取消`,

  'base-url.not-a-url': ({ url, example }) => `权重下载地址“${url}”不是网址（应类似 ${example}）`,
  'base-url.scheme': ({ url }) => `权重下载地址“${url}”必须以 https:// 或 http:// 开头`,
  'base-url.credentials': ({ url }) => `权重下载地址“${url}”不得包含用户名或密码；请使用无需登录的镜像`,
  'base-url.insecure': ({ url }) =>
    `权重下载地址“${url}”必须使用 https://（只有本机 localhost 或 127.0.0.1 可用 http://）`,
  'base-url.query': ({ url }) => `权重下载地址“${url}”不得带查询参数或片段`,

  'weights.not-cached': ({ label }) => `${label} 不在此浏览器的缓存中`,
  'weights.cache-damaged': ({ label, sha256, stored }) =>
    `${label} 的缓存副本 SHA-256 为 ${sha256}，不是保存时的 ${stored}：它已损坏或被改动`,
  'weights.cache-not-published': ({ label, sha256, published }) =>
    `${label} 的缓存副本不是发布的检查点（SHA-256 为 ${sha256}，发布的是 ${published}）`,
  'weights.cache-removed': ({ cause }, word) => `${word(cause)}（缓存副本已删除；请重新下载）`,
  'weights.unreadable': ({ file, detail }) => `${file}：无法读取（${detail}）`,
  'weights.cannot-read': ({ file, detail }) => `${file}：无法读取权重文件（${detail}）`,
  'weights.non-finite': ({ file, tensor, value, index }) =>
    `${file}：张量 ${tensor} 在下标 ${index} 处是 ${value}；权重必须是有限的数，所以这个文件已损坏或被改动`,
  'weights.truncated-checkpoint': ({ file, network, listed, expected, heldMb, describedMb, cut, first }) =>
    `${file} 不完整：它是 ${network} 的检查点（文件头列出了${listed === expected ? `全部 ${expected} 个` : ` ${expected} 个中的 ${listed} 个`}张量），` +
    `但只包含其 ${describedMb} 张量数据中的 ${heldMb}；${cut === 1 ? `张量“${first}”` : `从“${first}”起的 ${cut} 个张量`}缺失或被截断`,
  'weights.missing': ({ file, tensor, kind, shape, layer, address, network, expected }) =>
    `${file}：缺少张量 ${tensor}（${layer ? `位于 ${address} 的 ${layer}` : address} 的${KINDS[kind]} [${shape}]）；${network} 需要 ${expected} 个张量`,
  'weights.shape': ({ file, tensor, shape, network, expected }) =>
    `${file}：${tensor} 的形状是 [${shape}]，但 ${network} 需要 [${expected}]`,
  'weights.unexpected': ({ file, tensor, more, network }) =>
    `${file}：多出张量 ${tensor}${more > 0 ? `（另有 ${more} 个）` : ''}：${network} 没有对应的层`,
  'weights.no-layout': ({ file, network, variant }) =>
    `无法检查 ${file}：${network}（${variant}）没有检查点布局，所以没有权重文件适用于它；请使用发布的变体`,
  'weights.wrong-model': ({ file, looksLike, wanted, count, other, found, network, expected }) =>
    `${file} 看起来是 ${looksLike} 的检查点，而不是 ${wanted}：它有 ${other} 的 ${count} 个张量，而${ours(found, network, expected)}`,
  'weights.not-inception': ({ file, tensors, sample, found, network, expected }) => {
    const holds =
      tensors === 0
        ? '不含任何张量'
        : `含有 ${tensors} 个张量（${sample.map((n) => `“${n}”`).join('、')}${tensors > sample.length ? '……' : ''}）`;
    return `${file} 不是 Inception 检查点：它${holds}，其中${ours(found, network, expected)}，也不符合这里的任何其他网络`;
  },
  'weights.web-page': ({ file, begins }) =>
    `${file} 不是 safetensors 文件：它是一个网页（HTML），不是权重：开头是 ${begins}`,
  'weights.text': ({ file, begins }) => `${file} 不是 safetensors 文件：它是文本，不是权重：开头是 ${begins}`,
  'weights.safetensors': ({ file, problem, tensor }) => {
    const at = tensor ? `（张量“${tensor}”）` : '';
    if (problem === 'truncated') return `${file} 不完整${at}：文件头描述的数据比文件里的多`;
    if (problem === 'not-safetensors') return `${file} 不是 safetensors 文件：它的文件头无法读取`;
    return `${file} 已损坏${at}：它的文件头与数据不符`;
  },
  'weights.fits-neither': ({ file, causes }, word) =>
    `${file} 既不符合 Inception-v4，也不符合 Inception-ResNet-v2：${causes.map(word).join('；')}`,
  'weights.file-only': () => '只有权重文件才能匹配到网络',
  'weights.no-checkpoint': ({ network }) => `${network} 没有 ImageNet 检查点`,
  'weights.not-this-trained': ({ file, id, sha256 }) =>
    `${file} 不是训练好的网络 ${id}（它的 SHA-256 开头是 ${sha256}）`,
  'weights.onnx-failed': ({ network, cause }, word) => `${network} 无法导出为 ONNX：${word(cause)}`,

  'image.empty': ({ file }) => `${file}：文件是空的（0 字节）`,
  'image.not-an-image': ({ file, text }) =>
    `${file}：不是图片（${text ? '它是文本' : '它的内容不符合任何图片格式'}）；请使用 ${FORMATS} 文件`,
  'image.too-large': ({ file, width, height, megapixels, max }) =>
    `${file}：图片为 ${width}×${height}（${megapixels} 百万像素），超过了本应用接受的 ${max} 百万像素；请先缩小`,
  'image.no-canvas': ({ file, width, height }) =>
    `${file}：此浏览器无法分配 ${width}×${height} 的画布来读取图片；请先缩小`,
  'image.gone': ({ file, detail }) =>
    `${file}：文件已无法读取：添加之后它被移动、重命名或删除了；请重新添加（${detail}）`,
  'image.corrupt': ({ file, format, detail }) => `${file}：${format} 数据不完整或已损坏，无法解码（${detail}）`,
  'image.undecodable': ({ file, format, detail }) =>
    `${file}：此浏览器无法解码这张 ${format} 图片：可能不支持该格式，或文件已损坏（${detail}）；请使用 ${FORMATS} 文件`,
  'image.heif': ({ file }) => `${file}：不支持 HEIF/HEIC 图片；请先转换为 JPEG 或 PNG，或使用 ${FORMATS} 文件`,
  'image.too-many-pixels': ({ file, format, max }) =>
    `${file}：这张 ${format} 图片超过了本应用接受的 ${max} 百万像素；请先缩小`,
  'image.not-here': ({ file, format }) => `${file}：这里无法解码 ${format} 图片；请使用 ${FORMATS} 文件`,
  'image.unreadable': ({ file, detail }) => `${file}：无法读取（${detail}）`,

  'worker.not-loaded': ({ networks }) => `请先加载 ${list(networks) || '一个网络'} 的权重`,
  'worker.unloaded': ({ network }) => `${network} 在预测过程中被卸载了`,
  'worker.trained-not-loaded': ({ network }) => `训练好的网络 ${network} 没有加载：请重新打开它`,
  'worker.trained-one-crop': ({ network }) =>
    `${network} 只识别中心的一个裁剪：12 和 144 个裁剪以及集成是论文对 Inception-v4 和 Inception-ResNet-v2 的 ImageNet 评估方式；请选择 1 个裁剪`,
  'worker.ensemble-needs-both': () => '集成取 Inception-v4 和 Inception-ResNet-v2 的平均：请加载两者的权重',
  'worker.no-pixels': ({ file }) => `${file}：解码后的像素不可用，无法进行多裁剪预测`,
  'worker.built-when-lost': ({ network, notice, trained }, word) =>
    `${network} 正在构建时${notice ? `出现问题（${word(notice)}）` : '后端停止了工作'}；请重新${trained ? '打开' : '加载'}它`,
  'worker.backend-lost-moving': ({ backend }) => `在把网络迁移到 ${backend} 的过程中，它停止了工作`,
  'worker.not-moved': ({ network, backend, cause, staying }, word) =>
    `${network} 无法迁移到 ${backend}：${word(cause)}${staying ? `；网络仍留在 ${staying} 上` : ''}`,
  'worker.backend-lost-task': ({ backend, cause }, word) =>
    `${backend} 在这项任务中停止了工作（${word(cause)}）；请重试`,
  'worker.cancelled': ({ network, file }) =>
    network ? `${network} 的加载已取消` : file ? `${file}：预测已取消` : '加载已取消',
  'worker.grad-cam-cancelled': ({ node }) => `已取消 ${node} 处的 Grad-CAM`,
  'worker.grad-cam-unloaded': ({ network }) => `计算 Grad-CAM 期间 ${network} 被卸载或重建了；请重新计算`,
  'worker.visualisation-cancelled': ({ channel, node }) =>
    channel !== undefined && node ? `${node} 的通道 ${channel} 的可视化已取消` : '可视化已取消',
  'worker.rebuilt-during-visualisation': ({ network }) => `${network} 在可视化过程中被卸载或重建了；请重新开始`,
  'worker.photo-gone': ({ slot, kept }) =>
    `“${slot}”的照片已不在本页内存中（只保留最近的 ${kept} 张，重新加载页面后一张也不保留）；请重新添加`,
  'worker.no-inside': ({ network }) => `无法在这个工作线程中查看 ${network} 的内部`,
  'worker.stopped': ({ cause }, word) => `推理工作线程停止了（${word(cause)}）；正在重新启动`,
  'worker.keeps-stopping': ({ cause }, word) => `推理工作线程一再停止（${word(cause)}）。请重新加载页面来再次启动它。`,
  'worker.not-running': () => '推理工作线程没有运行',
  'worker.no-answer': ({ limit }) => `它启动后 ${limit} 内没有响应`,
  'worker.hung': ({ task, limit, per, expected }) =>
    `${taskText(task)}用时超过了${per === 'class' ? '每个类别 ' : per === 'request' ? '每个请求 ' : ' '}${limit}${expected === undefined ? '' : `（预计约 ${expected}）`}`,
  'worker.crashed': ({ detail }) => `推理工作线程停止了：${detail || '原因不明'}`,
  'worker.terminated': () => '推理工作线程已被停止',
  'worker.error': ({ detail }) => `工作线程出错：${detail}`,
  'worker.no-script': () => '它的脚本无法加载；请检查网络连接，如果应用刚刚更新，请重新加载页面',
  'worker.message-unreadable': () => '它发来的一条消息无法读取',
  'worker.ended': () => '它被关闭，或被浏览器结束，没有报错',
  'worker.closed': () => '推理会话已关闭',
  'worker.not-created': ({ detail }) => `无法创建它（${detail}）`,

  ...backendFailuresZh,
  ...trainingFailuresZh,
  ...datasetFailuresZh,
  ...cacheFailuresZh,
  ...trainedFailuresZh,
};
