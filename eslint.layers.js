/**
 * The layers of README.md / CONTRIBUTING.md as lint rules: each folder imports only the layers before it.
 *   src/model/    — nothing of the app's, and no React, TensorFlow.js, DOM library or Node API
 *   src/layout/   — model only (pure geometry)
 *   src/runtime/  — model only; Node APIs only in *.node.ts files. Within it, runtime/worker/ (what runs in the
 *                   inference worker) and above it runtime/session/ (the page's side: client, session,
 *                   watchdog) sit above the other runtime folders, which never import them
 *   src/views/    — model and layout (and runtime/failure-words.ts, the failures' words, which imports only their
 *                   types and area files); runtime only from views/classify, views/inside and views/evaluate, the
 *                   folders that talk to the inference worker and are loaded lazily (the explorer's own folders
 *                   never pull TensorFlow.js into its first load), and views/networks (the networks store, its
 *                   cards and panels) and views/predictions (top-5 bars, the crops note) that only those three
 *                   import; and views/learn (the lab, lazily loaded too) only src/runtime/training/protocol.ts
 *                   (types: the training worker's API; the worker itself is started by URL); no view imports
 *                   TensorFlow.js itself. Only the classify page imports views/classify: views/networks,
 *                   views/predictions, views/inside and views/evaluate never do
 *   src/cli/      — anything but test support
 * Test support lives in one folder, src/testing/ (fixtures, small runtimes, servers, page helpers, the
 * harness page's modules): tests, e2e specs and benchmarks import it; product code (every other file of
 * src/) never does. Tests, test support, e2e specs, benchmarks and scripts are otherwise free.
 * scripts/layers.lint.test.ts lints fixtures that break each rule and checks that lint fails.
 */
export const TEST_FILES = ['**/*.test.ts', '**/*.test.tsx', 'src/testing/**'];

const TEST_SUPPORT = {
  group: ['**/testing/**', '**/testing'],
  message: 'src/testing/ is test support (for tests, e2e specs and benchmarks): product code never imports it.',
};

const NODE = ['node:*', 'fs', 'fs/*', 'path', 'os', 'url', 'crypto', 'child_process', 'sharp'];
const TFJS = ['@tensorflow/*', '@tensorflow-models/*'];
const REACT = ['react', 'react/*', 'react-dom', 'react-dom/*', 'wouter', 'wouter/*', 'd3', 'd3-*'];
const FOLDERS = (...names) => names.map((name) => `**/${name}/**`);

const RUNTIME = [...FOLDERS('layout', 'views', 'cli'), ...REACT];
/** The inference worker's two sides sit above the rest of the runtime, which shares its types from below. */
const WORKER_SIDES = ['src/runtime/worker/**', 'src/runtime/session/**'];
const BELOW_WORKER =
  'It never imports src/runtime/worker/ or src/runtime/session/ (the inference worker and its page side, above it): ' +
  'a type both need lives in the lower folder (e.g. runtime/preprocess/classify-image.ts).';

/** The folders that talk to the inference worker (loaded lazily), and the two only they import. */
const WORKER_VIEWS = ['classify', 'inside', 'evaluate', 'networks', 'predictions'];

const CLASSIFY_PAGE = {
  group: FOLDERS('classify'),
  message:
    'Only the classify page imports views/classify: the networks, the backend and the worker are views/networks ' +
    "(its store, cards and panels), a prediction's bars and the crops note views/predictions.",
};

function layer(files, group, message, ignores = [], more = []) {
  return {
    files,
    ignores: [...TEST_FILES, ...ignores],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [{ group, message }, ...more, TEST_SUPPORT] }],
    },
  };
}

export const layerRules = [
  layer(
    ['src/model/**/*.{ts,tsx}'],
    [...FOLDERS('layout', 'runtime', 'views', 'cli'), ...REACT, ...TFJS, ...NODE, 'comlink'],
    'src/model/ is the first layer: it imports no other layer, and no React, TensorFlow.js, DOM library or Node API.',
  ),
  layer(
    ['src/layout/**/*.{ts,tsx}'],
    [...FOLDERS('runtime', 'views', 'cli'), ...REACT, ...TFJS, ...NODE, 'comlink'],
    'src/layout/ is pure geometry: it imports src/model/ only.',
  ),
  layer(
    ['src/runtime/**/*.{ts,tsx}'],
    [...RUNTIME, ...NODE, ...FOLDERS('worker', 'session')],
    `src/runtime/ imports src/model/ only, and Node APIs only in *.node.ts files. ${BELOW_WORKER}`,
    ['src/runtime/**/*.node.ts', ...WORKER_SIDES],
  ),
  layer(
    ['src/runtime/**/*.node.ts'],
    [...RUNTIME, ...FOLDERS('worker', 'session')],
    `src/runtime/ imports src/model/ only. ${BELOW_WORKER}`,
    WORKER_SIDES,
  ),
  layer(
    ['src/runtime/worker/**/*.{ts,tsx}'],
    [...RUNTIME, ...NODE, ...FOLDERS('session')],
    'src/runtime/worker/ is what runs inside the inference worker: it imports src/model/ and the runtime below it, ' +
      "never src/runtime/session/ (the page's side: client, session, watchdog) nor Node APIs.",
  ),
  layer(
    ['src/runtime/session/**/*.{ts,tsx}'],
    [...RUNTIME, ...NODE],
    "src/runtime/session/ is the page's side of the inference worker: it imports src/model/ and the runtime only.",
  ),
  layer(
    ['src/views/**/*.{ts,tsx}'],
    // runtime/failure-words.ts (the failures' codes and their English, importing only its area files and their types)
    // is for every view to word.
    [...FOLDERS('runtime', 'cli'), '!**/runtime/failure-words.ts', ...TFJS, ...NODE, 'comlink'],
    "The explorer's views never import src/runtime/ (it would put TensorFlow.js or the worker in the first load): only views/classify, views/inside and views/evaluate, loaded lazily, talk to the inference worker (with views/networks and views/predictions, which only they import).",
    [...WORKER_VIEWS.map((name) => `src/views/${name}/**`), 'src/views/learn/**'],
  ),
  layer(
    ['src/views/learn/**/*.{ts,tsx}'],
    // gitignore semantics: a file is re-included only where its folders are not excluded.
    [
      '**/runtime/*',
      '!**/runtime/training',
      '!**/runtime/failure-words.ts',
      '**/runtime/training/*',
      '!**/runtime/training/protocol.ts',
      ...FOLDERS('cli'),
      ...TFJS,
      ...NODE,
    ],
    "The lab (views/learn) reaches the runtime only through src/runtime/training/protocol.ts (the training worker's " +
      'API, types only; the worker is started by its URL); it never imports TensorFlow.js or Node APIs.',
  ),
  ...WORKER_VIEWS.map((name) =>
    layer(
      [`src/views/${name}/**/*.{ts,tsx}`],
      [...FOLDERS('cli'), ...TFJS, ...NODE],
      'Views talk to the inference worker through src/runtime/session/ (its session) and src/runtime/worker/protocol.ts; ' +
        'they never import TensorFlow.js or Node APIs.',
      [],
      name === 'classify' ? [] : [CLASSIFY_PAGE],
    ),
  ),
  {
    files: ['src/cli/**/*.{ts,tsx}', 'src/*.{ts,tsx}'],
    ignores: TEST_FILES,
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [TEST_SUPPORT] }] },
  },
];
