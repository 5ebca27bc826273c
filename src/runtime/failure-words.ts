/**
 * The runtime's failures, worded: a failure is data, a stable code and its parameters (`FailureDetail`, in
 * runtime/failure-detail.ts), worded when shown. This file holds the one English wording of each code: an
 * error's `message` (what the CLI prints, what logs and tests read) is made from it, and the views' English
 * catalogue is this object, while views/i18n/zh/failures.ts words the same codes in Chinese. It imports only
 * its area files (failure-words-*.ts) and the types of failure-detail.ts, so any view may import it without
 * pulling the runtime into a page's first load (eslint.layers.js allows this one file).
 *
 * A parameter is a name (a file, a network, a URL), a number, or another failure (`cause`): the wording
 * of a cause is asked of `word`, so that it is said in the same language as the sentence around it.
 */
import { areaFailureWords } from './failure-words-areas.ts';
import type { TensorKind } from '../model/analysis/checkpoint.ts';
import type { FailureDetail, FailureWords, WatchedTask, WordFailure } from './failure-detail.ts';

export type * from './failure-detail.ts';

const KIND_LABELS: Readonly<Record<TensorKind, string>> = {
  conv_weight: 'conv weight',
  conv_bias: 'conv bias',
  bn_weight: 'batch-norm scale',
  bn_bias: 'batch-norm offset',
  bn_running_mean: 'batch-norm running mean',
  bn_running_var: 'batch-norm running variance',
  linear_weight: 'classifier weight',
  linear_bias: 'classifier bias',
};

const ours = (found: number, network: string, expected: number) =>
  `${found === 0 ? 'none' : `only ${found}`} of ${network}'s ${expected} tensors`;

function taskText(task: WatchedTask | undefined): string {
  switch (task?.kind) {
    case undefined:
      return 'an inference';
    case 'classifying':
      return `classifying ${task.file}${task.crops ? ` in ${task.crops} crops` : ''}`;
    case 'evaluating':
      return `evaluating ${task.file}`;
    case 'looking-inside':
      return 'looking inside with the photo';
    case 'summarising':
      return 'summarising activations';
    case 'layer-output':
      return 'reading a layer’s output';
    case 'grad-cam':
      return 'Grad-CAM';
    case 'class-maps':
      return 'class activation maps';
    case 'channel-maxima':
      return 'finding each channel’s maximum';
    case 'comparing':
      return 'comparing two photos';
  }
}

const list = (names: readonly string[], and: string) =>
  names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')} ${and} ${names[names.length - 1]}`;

export const failureWords: FailureWords = {
  error: ({ message }) => message || 'unknown error',

  'weights.not-cached': ({ label }) => `${label} is not in this browser's cache`,
  'weights.cache-damaged': ({ label, sha256, stored }) =>
    `the cached copy of ${label} has SHA-256 ${sha256}, not the ${stored} it was stored with: it was damaged or altered`,
  'weights.cache-not-published': ({ label, sha256, published }) =>
    `the cached copy of ${label} is not the published checkpoint (SHA-256 ${sha256}, published ${published})`,
  'weights.cache-removed': ({ cause }, word) => `${word(cause)} (the cached copy was removed; download it again)`,
  'weights.unreadable': ({ file, detail }) => `${file}: could not be read (${detail})`,
  'weights.cannot-read': ({ file, detail }) => `${file}: cannot read the weights file (${detail})`,
  'weights.non-finite': ({ file, tensor, value, index }) =>
    `${file}: tensor ${tensor} holds ${value} at index ${index}; weights must be finite numbers, so this file is damaged or was altered`,
  'weights.truncated-checkpoint': ({ file, network, listed, expected, heldMb, describedMb, cut, first }) =>
    `${file} is truncated: it is the ${network} checkpoint (its header lists ${listed === expected ? `all ${expected}` : `${listed} of the ${expected}`}` +
    ` of its tensors) but holds only ${heldMb} of its ${describedMb} of tensor data; ` +
    `${cut === 1 ? `tensor "${first}" is` : `${cut} tensors, from "${first}" on, are`} missing or cut short`,
  'weights.missing': ({ file, tensor, kind, shape, layer, address, network, expected }) =>
    `${file}: tensor ${tensor} is missing ` +
    `(the ${KIND_LABELS[kind]} [${shape}] of the ${layer ? `${layer} at ${address}` : address}); ${network} expects ${expected} tensors`,
  'weights.no-layout': ({ file, network, variant }) =>
    `cannot check ${file}: ${network} (${variant}) has no checkpoint layout, so no weights file fits it; use a released variant`,
  'weights.wrong-model': ({ file, looksLike, wanted, count, other, found, network, expected }) =>
    `${file} looks like an ${looksLike} checkpoint, not ${wanted}: it has ${count} of ${other}'s tensors and ${ours(found, network, expected)}`,
  'weights.not-inception': ({ file, tensors, sample, found, network, expected }) => {
    const names = sample.map((n) => `"${n}"`).join(', ');
    const holds =
      tensors === 0 ? 'holds no tensors' : `holds ${tensors} tensors (${names}${tensors > sample.length ? ', …' : ''})`;
    return `${file} is not an Inception checkpoint: it ${holds}, with ${ours(found, network, expected)}, and matches no other network here`;
  },
  'weights.web-page': ({ file, begins }) =>
    `${file} is not a safetensors file: it is a web page (HTML), not weights: it begins ${begins}`,
  'weights.text': ({ file, begins }) =>
    `${file} is not a safetensors file: it is text, not weights: it begins ${begins}`,
  'weights.safetensors': ({ file, detail }) => `${file}${detail}`,
  'weights.shape': ({ file, tensor, shape, network, expected }) =>
    `${file}: ${tensor} has shape [${shape}] but ${network} expects [${expected}]`,
  'weights.unexpected': ({ file, tensor, more, network }) =>
    `${file}: unexpected tensor ${tensor}${more > 0 ? ` (and ${more} more)` : ''}: ${network} has no layer for it`,
  'weights.fits-neither': ({ file, causes }, word) =>
    `${file} fits neither Inception-v4 nor Inception-ResNet-v2: ${causes.map(word).join('; ')}`,
  'weights.file-only': () => 'only a weights file can be matched to a network',
  'weights.no-checkpoint': ({ network }) => `${network} has no ImageNet checkpoint`,
  'weights.not-this-trained': ({ file, id, sha256 }) =>
    `${file} is not the trained network ${id} (its SHA-256 begins ${sha256})`,
  'weights.onnx-failed': ({ network, cause }, word) => `${network} could not be exported as ONNX: ${word(cause)}`,

  'image.empty': ({ file }) => `${file}: the file is empty (0 bytes)`,
  'image.not-an-image': ({ file, text, formats }) =>
    `${file}: not an image (${text ? 'it contains text' : 'its contents match no image format'}); use a ${formats} file`,
  'image.too-large': ({ file, width, height, megapixels, max }) =>
    `${file}: the image is ${width}×${height} (${megapixels} megapixels), more than the ${max} megapixels this app accepts; scale it down first`,
  'image.no-canvas': ({ file, width, height }) =>
    `${file}: this browser could not allocate a ${width}×${height} canvas to read the image; scale it down first`,
  'image.gone': ({ file, detail }) =>
    `${file}: the file can no longer be read: it was moved, renamed or deleted after it was added; add it again (${detail})`,
  'image.corrupt': ({ file, format, detail }) =>
    `${file}: the ${format} data is truncated or corrupt and could not be decoded (${detail})`,
  'image.undecodable': ({ file, format, detail, formats }) =>
    `${file}: this browser could not decode the ${format} image: it may not ` +
    `support the format, or the file is damaged (${detail}); use a ${formats} file`,
  'image.heif': ({ file, formats }) =>
    `${file}: HEIF/HEIC images are not supported; convert it to JPEG or PNG first, or use a ${formats} file`,
  'image.too-many-pixels': ({ file, format, max }) =>
    `${file}: the ${format} image has more than the ${max} megapixels this app accepts; scale it down first`,
  'image.not-here': ({ file, format, formats }) =>
    `${file}: ${format} images can't be decoded here; use a ${formats} file`,
  'image.unreadable': ({ file, detail }) => `${file}: ${detail}`,

  'worker.not-loaded': ({ networks }) => `load the weights of ${list(networks, 'and') || 'a network'} first`,
  'worker.unloaded': ({ network }) => `${network} was unloaded during the prediction`,
  'worker.trained-not-loaded': ({ network }) => `the trained network ${network} is not loaded: open it again`,
  'worker.trained-one-crop': ({ network }) =>
    `${network} classifies its one centre crop: the 12 and 144 crops and the ensemble ` +
    "are the paper's ImageNet evaluation of Inception-v4 and Inception-ResNet-v2; choose 1 crop",
  'worker.ensemble-needs-both': () =>
    'the ensemble averages Inception-v4 and Inception-ResNet-v2: load the weights of both',
  'worker.no-pixels': ({ file }) => `${file}: the decoded pixels are not available for multi-crop prediction`,
  'worker.built-when-lost': ({ network, notice, trained }, word) =>
    `${network} was being built when ${notice ? word(notice) : 'the backend stopped working'}; ${trained ? 'open' : 'load'} it again`,
  'worker.backend-lost-moving': ({ backend }) => `${backend} stopped working while the networks were moved to it`,
  'worker.not-moved': ({ network, backend, cause, staying }, word) =>
    `${network} could not be moved to ${backend}: ${word(cause)}${staying ? `; the networks stay on ${staying}` : ''}`,
  'worker.backend-lost-task': ({ backend, cause }, word) =>
    `${backend} stopped working during this task (${word(cause)}); try again`,
  'worker.cancelled': ({ network, file }) =>
    network ? `loading ${network} cancelled` : file ? `${file}: prediction cancelled` : 'loading cancelled',
  'worker.grad-cam-cancelled': ({ node }) => `the Grad-CAM at ${node} was cancelled`,
  'worker.grad-cam-unloaded': ({ network }) =>
    `${network} was unloaded or rebuilt during the Grad-CAM; ask for it again`,
  'worker.visualisation-cancelled': ({ channel, node }) =>
    channel !== undefined && node
      ? `the visualisation of channel ${channel} of ${node} was cancelled`
      : 'the visualisation was cancelled',
  'worker.rebuilt-during-visualisation': ({ network }) =>
    `${network} was unloaded or rebuilt during the visualisation; start it again`,
  'worker.photo-gone': ({ slot, kept }) =>
    `the photo of "${slot}" is no longer in this page's memory (only the last ${kept} ` +
    'photos are kept, and none after a reload); attach it again',
  'worker.no-inside': ({ network }) => `${network} cannot be looked inside in this worker`,
  'worker.stopped': ({ cause }, word) => `The inference worker stopped (${word(cause)}); it is being started again`,
  'worker.keeps-stopping': ({ cause }, word) =>
    `The inference worker keeps stopping (${word(cause)}). Reload the page to start it again.`,
  'worker.not-running': () => 'the inference worker is not running',
  'worker.no-answer': ({ limit }) => `it did not answer within ${limit} of starting`,
  'worker.hung': ({ task, limit, per, expected }) =>
    `${taskText(task)} took longer than ${limit}${per ? ` per ${per}` : ''}${expected === undefined ? '' : ` where about ${expected} was expected`}`,
  'worker.crashed': ({ detail }) => `the inference worker stopped: ${detail || 'unknown error'}`,
  'worker.terminated': () => 'the inference worker was stopped',
  'worker.error': ({ detail }) => `an error in the worker: ${detail}`,
  'worker.no-script': () =>
    'its script could not be loaded; check the connection, or reload the page if the app was just updated',
  'worker.message-unreadable': () => 'a message from it could not be read',
  'worker.ended': () => 'it closed or was ended by the browser without an error',
  'worker.closed': () => 'the inference session was closed',
  'worker.not-created': ({ detail }) => `it could not be created (${detail})`,

  ...areaFailureWords,
};

/** `detail` in the words of `words`, its causes too. */
export function wordFailure(words: FailureWords, detail: FailureDetail): string {
  const word: WordFailure = (d) => (words[d.code] as (params: unknown, word: WordFailure) => string)(d.params, word);
  return word(detail);
}

/** The English of `detail`: an error's message. */
export const englishFailure = (detail: FailureDetail): string => wordFailure(failureWords, detail);

/** The failure `error` carries, or its message as a failure without a code. */
export function failureDetailOf(error: unknown): FailureDetail {
  if (typeof error === 'object' && error !== null && 'detail' in error && isFailureDetail(error.detail))
    return error.detail;
  return { code: 'error', params: { message: error instanceof Error ? error.message : String(error) } };
}

export function isFailureDetail(value: unknown): value is FailureDetail {
  return (
    typeof value === 'object' &&
    value !== null &&
    'code' in value &&
    typeof value.code === 'string' &&
    value.code in failureWords &&
    'params' in value &&
    typeof value.params === 'object' &&
    value.params !== null
  );
}
