/**
 * One failure of every code the runtime has (runtime/failure-words.ts), with parameters like the real
 * ones: names and numbers as placeholders without letters, so that what a wording adds of its own can be
 * told from what it is given. The type asks for every code: a code added without a sample does not compile.
 */
import type { FailureCode, FailureDetail, FailureParams } from '../runtime/failure-words.ts';

const cause: FailureDetail = { code: 'worker.not-running', params: {} };
const label = '⟨label⟩';
const file = '⟨file⟩';
const url = '⟨url⟩';
const network = '⟨network⟩';

export const FAILURE_SAMPLES: { readonly [C in FailureCode]: readonly FailureParams[C][] } = {
  error: [{ message: '⟨message⟩' }, { message: '' }],
  'download.not-found': [{ label, url, status: '404' }],
  'download.http': [{ label, url, status: '400' }],
  'download.no-body': [{ label, url }],
  'download.not-continued': [{ label }],
  'download.too-large': [{ label, size: '⟨size⟩', max: '⟨max⟩' }],
  'download.over-limit': [{ label, max: '⟨max⟩' }],
  'download.more-than-announced': [{ label, size: '⟨size⟩' }],
  'download.truncated': [{ label, received: '⟨1⟩', total: '⟨2⟩' }],
  'download.network': [{ label, url, detail: '⟨detail⟩' }],
  'download.cancelled': [{ label }],
  'download.stalled': [
    { label, url, seconds: 30 },
    { label, url, seconds: 30, received: '⟨1⟩', total: '⟨2⟩' },
  ],
  'download.not-published': [{ label, url, sha256: '⟨1⟩', expected: '⟨2⟩' }],
  'download.altered': [{ label, url, sha256: '⟨1⟩', stated: '⟨2⟩' }],
  'loading.cancelled': [{ label }],
  'base-url.not-a-url': [{ url, example: url }],
  'base-url.scheme': [{ url }],
  'base-url.credentials': [{ url }],
  'base-url.insecure': [{ url }],
  'base-url.query': [{ url }],
  'weights.not-cached': [{ label }],
  'weights.cache-damaged': [{ label, sha256: '⟨1⟩', stored: '⟨2⟩' }],
  'weights.cache-not-published': [{ label, sha256: '⟨1⟩', published: '⟨2⟩' }],
  'weights.cache-removed': [{ cause }],
  'download.gave-up': [{ cause, attempts: 4 }],
  'weights.unreadable': [{ file, detail: '⟨detail⟩' }],
  'weights.cannot-read': [{ file, detail: '⟨detail⟩' }],
  'weights.non-finite': [{ file, tensor: '⟨tensor⟩', value: '⟨value⟩', index: 7 }],
  'weights.truncated-checkpoint': [
    { file, network, listed: 747, expected: 747, heldMb: '⟨1⟩', describedMb: '⟨2⟩', cut: 1, first: '⟨tensor⟩' },
    { file, network, listed: 700, expected: 747, heldMb: '⟨1⟩', describedMb: '⟨2⟩', cut: 5, first: '⟨tensor⟩' },
  ],
  'weights.missing': [
    {
      file,
      tensor: '⟨tensor⟩',
      kind: 'bn_running_var',
      shape: '32',
      layer: '⟨layer⟩',
      address: '⟨address⟩',
      network,
      expected: 747,
    },
    { file, tensor: '⟨tensor⟩', kind: 'conv_weight', shape: '32', address: '⟨address⟩', network, expected: 747 },
  ],
  'weights.shape': [{ file, tensor: '⟨tensor⟩', shape: '⟨1⟩', network, expected: '⟨2⟩' }],
  'weights.unexpected': [
    { file, tensor: '⟨tensor⟩', more: 0, network },
    { file, tensor: '⟨tensor⟩', more: 3, network },
  ],
  'weights.no-layout': [{ file, network, variant: '⟨variant⟩' }],
  'weights.wrong-model': [
    { file, looksLike: network, wanted: network, count: 700, other: network, found: 0, network, expected: 747 },
  ],
  'weights.not-inception': [
    { file, tensors: 0, sample: [], found: 0, network, expected: 747 },
    { file, tensors: 3, sample: ['⟨1⟩', '⟨2⟩'], found: 2, network, expected: 747 },
  ],
  'weights.web-page': [{ file, begins: '⟨begins⟩' }],
  'weights.text': [{ file, begins: '⟨begins⟩' }],
  'weights.safetensors': [
    { file, problem: 'truncated', tensor: '⟨tensor⟩', detail: '⟨detail⟩' },
    { file, problem: 'corrupt', detail: '⟨detail⟩' },
    { file, problem: 'not-safetensors', detail: '⟨detail⟩' },
  ],
  'weights.fits-neither': [{ file, causes: [cause, cause] }],
  'weights.file-only': [{}],
  'weights.no-checkpoint': [{ network }],
  'weights.not-this-trained': [{ file, id: '⟨id⟩', sha256: '⟨sha⟩' }],
  'weights.onnx-failed': [{ network, cause }],
  'image.empty': [{ file }],
  'image.not-an-image': [
    { file, text: true, formats: '⟨formats⟩' },
    { file, text: false, formats: '⟨formats⟩' },
  ],
  'image.too-large': [{ file, width: 9000, height: 9000, megapixels: '81.0', max: '67.1' }],
  'image.no-canvas': [{ file, width: 9000, height: 9000 }],
  'image.gone': [{ file, detail: '⟨detail⟩' }],
  'image.corrupt': [{ file, format: '⟨format⟩', detail: '⟨detail⟩' }],
  'image.undecodable': [{ file, format: '⟨format⟩', detail: '⟨detail⟩', formats: '⟨formats⟩' }],
  'image.heif': [{ file, formats: '⟨formats⟩' }],
  'image.too-many-pixels': [{ file, format: '⟨format⟩', max: '67.1' }],
  'image.not-here': [{ file, format: '⟨format⟩', formats: '⟨formats⟩' }],
  'image.unreadable': [{ file, detail: '⟨detail⟩' }],
  'worker.not-loaded': [{ networks: [] }, { networks: [network] }, { networks: [network, network] }],
  'worker.unloaded': [{ network }],
  'worker.trained-not-loaded': [{ network }],
  'worker.trained-one-crop': [{ network }],
  'worker.ensemble-needs-both': [{}],
  'worker.no-pixels': [{ file }],
  'worker.built-when-lost': [
    { network, trained: false },
    { network, notice: cause, trained: true },
  ],
  'worker.backend-lost-moving': [{ backend: '⟨backend⟩' }],
  'worker.not-moved': [
    { network, backend: '⟨backend⟩', cause },
    { network, backend: '⟨backend⟩', cause, staying: '⟨backend⟩' },
  ],
  'worker.backend-lost-task': [{ backend: '⟨backend⟩', cause }],
  'worker.cancelled': [{}, { network }, { file }],
  'worker.visualisation-cancelled': [{}, { channel: 3, node: '⟨node⟩' }],
  'worker.grad-cam-cancelled': [{ node: '⟨node⟩' }],
  'worker.grad-cam-unloaded': [{ network: '⟨network⟩' }],
  'worker.rebuilt-during-visualisation': [{ network }],
  'worker.photo-gone': [{ slot: '⟨slot⟩', kept: 8 }],
  'worker.no-inside': [{ network }],
  'worker.stopped': [{ cause }],
  'worker.keeps-stopping': [{ cause }],
  'worker.not-running': [{}],
  'worker.no-answer': [{ limit: '⟨limit⟩' }],
  'worker.hung': [
    { limit: '⟨limit⟩' },
    { task: { kind: 'classifying', file }, limit: '⟨limit⟩', expected: '⟨expected⟩' },
    { task: { kind: 'classifying', file, crops: 12 }, limit: '⟨limit⟩' },
    { task: { kind: 'evaluating', file }, limit: '⟨limit⟩' },
    ...(
      [
        'looking-inside',
        'summarising',
        'layer-output',
        'grad-cam',
        'class-maps',
        'channel-maxima',
        'comparing',
      ] as const
    ).map((kind) => ({ task: { kind }, limit: '⟨limit⟩' })),
  ],
  'worker.crashed': [{ detail: '⟨detail⟩' }, { detail: '' }],
  'worker.terminated': [{}],
  'worker.error': [{ detail: '⟨detail⟩' }],
  'worker.no-script': [{}],
  'worker.message-unreadable': [{}],
  'worker.ended': [{}],
  'worker.closed': [{}],
  'worker.not-created': [{ detail: '⟨detail⟩' }],

  'backend.unavailable': (
    ['no-webgpu', 'no-adapter', 'no-canvas', 'no-webgl', 'no-wasm', 'no-wasm-node', 'not-in-node', 'excluded'] as const
  ).map((why) => ({ why })),
  'backend.adapter-request-failed': [{ detail: '⟨detail⟩' }],
  'backend.no-dawn-adapter': [{ settings: '⟨settings⟩' }],
  'backend.no-webgpu-package': [{ detail: '⟨detail⟩' }],
  'backend.software': [
    { kind: 'fallback-adapter', name: '' },
    { kind: 'adapter', name: '⟨adapter⟩', slow: true },
    { kind: 'renderer', name: '⟨renderer⟩', slow: true },
  ],
  'backend.init-failed': [{}, { detail: '⟨detail⟩' }],
  'backend.self-test-failed': [{ detail: '⟨detail⟩' }],
  'backend.device-lost': [{}, { detail: '⟨detail⟩' }],
  'backend.device-error': [{}, { detail: '⟨detail⟩' }],
  'backend.context-lost': [{}],
  'backend.moved': [
    { backend: '⟨backend⟩', cause, now: '⟨backend⟩', failed: [] },
    { backend: '⟨backend⟩', cause, now: '⟨backend⟩', failed: [{ network, cause }] },
  ],
  'trained.header': [
    ...(
      [
        { kind: 'short', bytes: 3 },
        { kind: 'header-length', length: 1 },
        { kind: 'truncated', length: 200, bytes: 92 },
        { kind: 'not-json' },
        { kind: 'classes', classes: 10 },
        { kind: 'training' },
        { kind: 'optimiser-json' },
      ] as const
    ).map((problem) => ({ file, problem })),
    ...(['network definition', 'class names', 'training record'] as const).flatMap((part) =>
      (['missing', 'bad-json'] as const).map((kind) => ({ file, problem: { kind, part } })),
    ),
    ...(
      [
        { kind: 'incomplete' },
        { kind: 'not-small', id: '⟨id⟩' },
        { kind: 'input', input: '⟨input⟩' },
        { kind: 'classes', classes: 1 },
        { kind: 'unreadable', detail: '⟨detail⟩' },
        { kind: 'not-fitting', problems: '⟨problems⟩' },
      ] as const
    ).map((why) => ({ file, problem: { kind: 'definition' as const, why } })),
  ],
  'weights.cache-unavailable': [{}],
  'weights.not-kept': [
    { label, failure: { kind: 'quota' } },
    { label, failure: { kind: 'cleared' } },
    { label, failure: { kind: 'other', detail: '⟨detail⟩' } },
  ],
  'dataset.no-images': [{ files: 3, csv: '⟨csv⟩' }],
  'dataset.not-listed': [{ csv: '⟨csv⟩' }],
  'dataset.not-a-class': [{ csv: '⟨csv⟩', wnid: '⟨wnid⟩' }],
  'dataset.folder-not-a-class': [{ folder: '⟨folder⟩' }],
  'dataset.no-class-folder': [{}, { folder: '⟨folder⟩' }],
  'dataset.none-labelled': (['folders', 'csv'] as const).map((layout) => ({
    images: 2,
    layout,
    csv: '⟨csv⟩',
    reasons: [{ count: 2, reason: { code: 'dataset.not-listed', params: { csv: '⟨csv⟩' } } }],
  })),
  'dataset.csv-header': [{ source: '⟨source⟩', header: '⟨header⟩' }],
  'dataset.csv-empty': [
    { source: '⟨source⟩' },
    { source: '⟨source⟩', line: 2, problem: { code: 'dataset.csv-bad-line', params: { text: '⟨text⟩' } } },
  ],
  'dataset.csv-bad-line': [{ text: '⟨text⟩' }],
  'dataset.csv-relisted': [{ id: '⟨id⟩', wnid: '⟨wnid⟩', first: '⟨first⟩' }],
  'training.small-size': [{ data: '⟨data⟩', size: 48 }],
  'training.does-not-fit': [
    { network, height: 299, width: 299, classes: 1000, data: '⟨data⟩', size: 32, dataClasses: 10 },
  ],
  'training.not-in-memory': [{ network }],
  'backend.none-started': [{ backend: '⟨backend⟩', cause, error: cause }],
};

/** Every sample, as failures. */
export const failureSamples = (): FailureDetail[] =>
  Object.entries(FAILURE_SAMPLES).flatMap(([code, samples]) =>
    samples.map((params) => ({ code, params }) as FailureDetail),
  );
