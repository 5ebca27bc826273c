/**
 * An evaluation folder's layout problems in Chinese (runtime/failure-words-dataset.ts has the codes and the English).
 */
import type { FailureWords } from '../../../../runtime/failure-words.ts';

type DatasetCode = keyof FailureWords & `dataset.${string}`;

export const datasetFailuresZh: Pick<FailureWords, DatasetCode> = {
  'dataset.no-images': ({ files, csv }) =>
    `${files} 个文件中没有图片：请选择一个 JPEG、PNG 或 WebP 图片的文件夹，每个类别一个以 WordNet ID 命名的子文件夹` +
    `（n01440764/…），或带有 ${csv} 的图片`,
  'dataset.not-listed': ({ csv }) => `没有列在 ${csv} 中`,
  'dataset.not-a-class': ({ csv, wnid }) => `${csv} 给出的“${wnid}”不是 ImageNet-1k 的 1000 个类别之一`,
  'dataset.folder-not-a-class': ({ folder }) =>
    `文件夹“${folder}”不是 ImageNet-1k 的 1000 个类别之一（请检查 WordNet ID：这些网络没有 ImageNet-21k 的类别）`,
  'dataset.no-class-folder': ({ folder }) =>
    `不在以 WordNet ID 命名的文件夹中（例如 n01440764/）${folder ? `：“${folder}”` : ''}`,
  'dataset.none-labelled': ({ images, layout, csv, reasons }, word) => {
    const why = reasons.map((r) => `${r.count} 张${word(r.reason)}`).join('；');
    return layout === 'csv'
      ? `${images} 张图片都无法根据 ${csv} 标注（${why}）：它的 ImageId 列必须与不带扩展名的图片文件名一致`
      : `${images} 张图片都无法标注（${why}）：请把文件夹整理为每个类别一个以 WordNet ID 命名的子文件夹` +
          `（n01440764/…，与 ImageNet 验证集相同），或在图片旁加上 ${csv}`;
  },
  'dataset.csv-header': ({ source, header }) =>
    `${source}：第一行必须是“ImageId,PredictionString”（Kaggle 的 ImageNet LOC_val_solution.csv 的格式），而这里是“${header}”`,
  'dataset.csv-empty': ({ source, line, problem }, word) =>
    `${source}：文件中没有已标注的图片${line !== undefined && problem ? `（第 ${line} 行：${word(problem)}）` : ''}`,
  'dataset.csv-bad-line': ({ text }) => `应为“ImageId,WordNetID x y x y …”，而这里是“${text}”`,
  'dataset.csv-relisted': ({ id, wnid, first }) => `${id} 再次出现，类别不同（${wnid}，第一次是 ${first}）`,
};
