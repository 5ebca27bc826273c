/** A trained network's file whose header cannot be read, in Chinese (runtime/failure-words-trained.ts). */
import type {
  FailureWords,
  TrainedDefinitionProblem,
  TrainedHeaderProblem,
  TrainedPart,
} from '../../../../runtime/failure-words.ts';

const PARTS: Readonly<Record<TrainedPart, string>> = {
  'network definition': '网络定义',
  'class names': '类别名称',
  'training record': '训练记录',
};

const NOT_OURS =
  '它不是由 Inception Explorer 的训练保存的（请在 /learn 的实验室中训练并导出，或运行 `inception-explorer train --save`）';
const AGAIN = '（文件已损坏；请重新导出网络）';

function definitionText(why: TrainedDefinitionProblem): string {
  switch (why.kind) {
    case 'incomplete':
      return '缺少阶段、输入、类别数或标题';
    case 'not-small':
      return `属于“${why.id}”，不是实验室训练的小型网络之一`;
    case 'input':
      return `的输入是 ${why.input}，不是 8–512 像素的正方形 RGB 图片`;
    case 'classes':
      return `有 ${why.classes} 个类别`;
    case 'unreadable':
      return `无法读取（${why.detail}）`;
    case 'not-fitting':
      return `前后不一致（${why.problems}）`;
  }
}

function headerText(file: string, problem: TrainedHeaderProblem): string {
  switch (problem.kind) {
    case 'short':
      return `${file} 不是 safetensors 文件：它只有 ${problem.bytes} 个字节，少于表示头部长度的 8 个字节`;
    case 'header-length':
      return `${file} 不是 safetensors 文件：它的前 8 个字节给出的头部长度是 ${problem.length}`;
    case 'truncated':
      return `${file} 被截断了：它的头部需要 ${problem.length} 个字节，但头部长度之后只有 ${problem.bytes} 个字节；请重新导出网络`;
    case 'not-json':
      return `${file} 不是 safetensors 文件：它的头部不是有效的 JSON`;
    case 'missing':
      return `${file} 中没有${PARTS[problem.part]}：${NOT_OURS}`;
    case 'bad-json':
      return `${file}：它的${PARTS[problem.part]}的 JSON 无效${AGAIN}`;
    case 'classes':
      return `${file}：它的类别名称不是 ${problem.classes} 个名称的列表（网络的每个输出一个）${AGAIN}`;
    case 'training':
      return `${file}：它的训练记录缺少轮次、步数、数据集或设置${AGAIN}`;
    case 'optimiser-json':
      return `${file}：它的优化器记录的 JSON 无效`;
    case 'definition':
      return `${file}：它的网络定义${definitionText(problem.why)}（文件已损坏，或由其他程序写入；请重新导出网络）`;
  }
}

export const trainedFailuresZh: Pick<FailureWords, 'trained.header'> = {
  'trained.header': ({ file, problem }) => headerText(file, problem),
};
