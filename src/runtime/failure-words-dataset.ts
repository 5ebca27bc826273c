/**
 * An evaluation folder's layout problems (runtime/evaluation/dataset.ts, loc-csv.ts) as codes
 * (runtime/failure-words.ts explains them). Their English is what the CLI prints and the tests read;
 * views/i18n/zh/failures/dataset.ts words the same codes in Chinese. Imports types only.
 */
import type { DatasetFailureParams, FailureWords } from './failure-detail.ts';

export const datasetFailureWords: Pick<FailureWords, keyof DatasetFailureParams> = {
  'dataset.no-images': ({ files, csv }) =>
    `no images among the ${files} file(s): choose a folder of JPEG, PNG or WebP images, one subfolder per class ` +
    `named by WordNet ID (n01440764/…), or images with ${csv}`,
  'dataset.not-listed': ({ csv }) => `not listed in ${csv}`,
  'dataset.not-a-class': ({ csv, wnid }) => `${csv} gives "${wnid}", which is not one of the 1000 ImageNet-1k classes`,
  'dataset.folder-not-a-class': ({ folder }) =>
    `folder "${folder}" is not one of the 1000 ImageNet-1k classes ` +
    '(check the WordNet ID: ImageNet-21k IDs are not in these networks)',
  'dataset.no-class-folder': ({ folder }) =>
    `not in a folder named by WordNet ID (like n01440764/)${folder ? `: "${folder}"` : ''}`,
  'dataset.none-labelled': ({ images, layout, csv, reasons }, word) => {
    const why = reasons.map((r) => `${r.count} ${word(r.reason)}`).join('; ');
    return layout === 'csv'
      ? `none of the ${images} image(s) could be labelled from ${csv} (${why}): ` +
          'its ImageId column must match the image file names without extension'
      : `none of the ${images} image(s) could be labelled (${why}): lay the folder out one subfolder per class ` +
          `named by WordNet ID (n01440764/…, as ImageNet's validation set), or add ${csv} beside the images`;
  },
  'dataset.csv-header': ({ source, header }) =>
    `${source}: the first line must be "ImageId,PredictionString" ` +
    `(the layout of Kaggle's ImageNet LOC_val_solution.csv), got "${header}"`,
  'dataset.csv-empty': ({ source, line, problem }, word) =>
    `${source}: no labelled image in the file${line !== undefined && problem ? ` (line ${line}: ${word(problem)})` : ''}`,
  'dataset.csv-bad-line': ({ text }) => `expected "ImageId,WordNetID x y x y …", got "${text}"`,
  'dataset.csv-relisted': ({ id, wnid, first }) => `${id} is listed again with another class (${wnid}, first ${first})`,
};
