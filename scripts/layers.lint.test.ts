import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules of eslint.layers.js, on code written as it would be in each folder: an import that
 * crosses a layer the wrong way is an error (so `npm run lint`, and `npm test`, fail), and the allowed
 * ones are not.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function layerErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.filter((m) => m.ruleId === '@typescript-eslint/no-restricted-imports').map((m) => m.message);
}

const use = (specifier: string) => `import * as imported from '${specifier}';\nexport const used = imported;\n`;

describe('layers enforced by lint', () => {
  it('src/model/ imports no other layer, no React, TensorFlow.js or Node API', async () => {
    for (const specifier of [
      '../../layout/types.ts',
      '../runtime/labels.ts',
      '../../views/routes.ts',
      'react',
      '@tensorflow/tfjs-core',
      'node:fs',
    ]) {
      expect(await layerErrors('src/model/analysis/new-analysis.ts', use(specifier)), specifier).toEqual([
        expect.stringMatching(/src\/model\/ is the first layer/),
      ]);
    }
    expect(await layerErrors('src/model/analysis/new-analysis.ts', use('../types.ts'))).toEqual([]);
  });

  it('src/layout/ imports src/model/ only', async () => {
    expect(await layerErrors('src/layout/new-layout.ts', use('../runtime/worker/protocol.ts'))).toHaveLength(1);
    expect(await layerErrors('src/layout/new-layout.ts', use('d3'))).toHaveLength(1);
    expect(await layerErrors('src/layout/new-layout.ts', use('../model/types.ts'))).toEqual([]);
  });

  it('src/runtime/ imports src/model/ only, and Node APIs only in *.node.ts', async () => {
    expect(await layerErrors('src/runtime/weights/new.ts', use('../../layout/types.ts'))).toHaveLength(1);
    expect(await layerErrors('src/runtime/weights/new.ts', use('react'))).toHaveLength(1);
    expect(await layerErrors('src/runtime/weights/new.ts', use('node:fs/promises'))).toEqual([
      expect.stringMatching(/Node APIs only in \*\.node\.ts/),
    ]);
    expect(await layerErrors('src/runtime/weights/new.node.ts', use('node:fs/promises'))).toEqual([]);
    expect(await layerErrors('src/runtime/weights/new.ts', use('@tensorflow/tfjs-core'))).toEqual([]);
  });

  it('the runtime below the worker imports neither worker/ nor session/, and the worker not session/', async () => {
    const below = expect.stringMatching(/never imports src\/runtime\/worker\/ or src\/runtime\/session\//);
    for (const [file, specifier] of [
      ['src/runtime/inside/new.ts', '../worker/protocol.ts'],
      ['src/runtime/inside/new.node.ts', '../worker/protocol.ts'],
      ['src/runtime/evaluation/new.ts', '../session/client.ts'],
      ['src/runtime/loading/new.ts', '../worker/errors.ts'],
    ]) {
      expect(await layerErrors(file, use(specifier)), `${file} → ${specifier}`).toEqual([below]);
    }
    expect(await layerErrors('src/runtime/worker/new.ts', use('../session/inference-session.ts'))).toEqual([
      expect.stringMatching(/runs inside the inference worker/),
    ]);
    expect(await layerErrors('src/runtime/worker/new.ts', use('../inside/protocol.ts'))).toEqual([]);
    expect(await layerErrors('src/runtime/session/new.ts', use('../worker/protocol.ts'))).toEqual([]);
    expect(await layerErrors('src/runtime/session/new.ts', use('react'))).toHaveLength(1);
    expect(await layerErrors('src/runtime/inside/new.ts', use('../preprocess/classify-image.ts'))).toEqual([]);
    expect(await layerErrors('src/runtime/inside/new.node.ts', use('node:fs'))).toEqual([]);
    expect(await layerErrors('src/runtime/worker/new.test.ts', use('../session/client.ts'))).toEqual([]);
  });

  it("the explorer's views never import src/runtime/; views/classify and views/inside may, but never TensorFlow.js", async () => {
    expect(
      await layerErrors('src/views/explorer/NewPanel.tsx', use('../../runtime/session/app-inference-session.ts')),
    ).toEqual([expect.stringMatching(/never import src\/runtime\//)]);
    expect(await layerErrors('src/views/App.tsx', use('./../runtime/worker/protocol.ts'))).toHaveLength(1);
    expect(await layerErrors('src/views/explorer/NewPanel.tsx', use('@tensorflow/tfjs-core'))).toHaveLength(1);
    expect(
      await layerErrors('src/views/inside/Overlay.tsx', use('../../runtime/session/app-inference-session.ts')),
    ).toEqual([]);
    expect(await layerErrors('src/views/classify/New.tsx', use('../../runtime/worker/protocol.ts'))).toEqual([]);
    expect(await layerErrors('src/views/classify/New.tsx', use('@tensorflow/tfjs-core'))).toHaveLength(1);
    expect(await layerErrors('src/views/explorer/NewPanel.tsx', use('../../layout/types.ts'))).toEqual([]);
    expect(
      await layerErrors('src/views/networks/New.tsx', use('../../runtime/session/app-inference-session.ts')),
    ).toEqual([]);
    expect(await layerErrors('src/views/predictions/New.tsx', use('../../runtime/worker/protocol.ts'))).toEqual([]);
    expect(await layerErrors('src/views/networks/New.tsx', use('@tensorflow/tfjs-core'))).toHaveLength(1);
  });

  it('only the classify page imports views/classify (never networks, predictions, inside, evaluate)', async () => {
    const classifyPage = expect.stringMatching(/Only the classify page imports views\/classify/);
    for (const [file, specifier] of [
      ['src/views/inside/InsidePanel.tsx', '../classify/store.ts'],
      ['src/views/inside/examples/examples-context.ts', '../../classify/classify-store.ts'],
      ['src/views/evaluate/EvaluatePage.tsx', '../classify/useClassify.ts'],
      ['src/views/networks/New.tsx', '../classify/photo-list.ts'],
      ['src/views/predictions/New.tsx', '../classify/prediction-mode.ts'],
    ]) {
      expect(await layerErrors(file, use(specifier)), `${file} → ${specifier}`).toEqual([classifyPage]);
    }
    // What they share is in views/networks and views/predictions; the classify page's catalogue is i18n's.
    expect(await layerErrors('src/views/inside/New.tsx', use('../networks/app-networks-store.ts'))).toEqual([]);
    expect(await layerErrors('src/views/evaluate/New.tsx', use('../predictions/CropsNote.tsx'))).toEqual([]);
    expect(await layerErrors('src/views/inside/New.tsx', use('../i18n/classify.ts'))).toEqual([]);
    expect(await layerErrors('src/views/classify/New.tsx', use('./store.ts'))).toEqual([]);
  });

  it('the lab (views/learn) reaches the runtime only through the training protocol, never TensorFlow.js', async () => {
    const onlyProtocol = expect.stringMatching(/reaches the runtime only through src\/runtime\/training\/protocol\.ts/);
    expect(await layerErrors('src/views/learn/New.tsx', use('../../runtime/training/protocol.ts'))).toEqual([]);
    expect(await layerErrors('src/views/learn/training-worker.ts', use('comlink'))).toEqual([]);
    for (const specifier of [
      '../../runtime/training/trainer.ts',
      '../../runtime/training/data/cifar10.ts',
      '../../runtime/session/client.ts',
      '../../runtime/labels.ts',
      '@tensorflow/tfjs-core',
    ]) {
      expect(await layerErrors('src/views/learn/New.tsx', use(specifier)), specifier).toEqual([onlyProtocol]);
    }
    // The explorer's own folders still reach no runtime, the training protocol included.
    expect(await layerErrors('src/views/home/New.tsx', use('../../runtime/training/protocol.ts'))).toHaveLength(1);
  });

  it('product code never imports test support (src/testing/); tests, test support and benchmarks do', async () => {
    const testSupport = expect.stringMatching(/src\/testing\/ is test support/);
    for (const [file, specifier] of [
      ['src/model/analysis/new-analysis.ts', '../../testing/fixtures.ts'],
      ['src/layout/new-layout.ts', '../testing/fixtures.ts'],
      ['src/runtime/executor/new.ts', '../../testing/parity.ts'],
      ['src/runtime/preprocess/new.node.ts', '../../testing/preprocess-fixtures.ts'],
      ['src/views/explorer/NewPanel.tsx', '../../testing/contrast.ts'],
      ['src/views/classify/New.tsx', '../../testing/worker/fake-workers.ts'],
      ['src/cli/new-command.ts', '../testing/recipe-weights.ts'],
      ['src/main.tsx', './testing/harness/main.ts'],
    ]) {
      expect(await layerErrors(file, use(specifier)), `${file} → ${specifier}`).toContainEqual(testSupport);
    }
    expect(await layerErrors('src/cli/new-command.test.ts', use('../testing/recipe-weights.ts'))).toEqual([]);
    expect(await layerErrors('src/runtime/executor/new.test.ts', use('../../testing/parity.ts'))).toEqual([]);
    expect(await layerErrors('src/testing/new-helper.ts', use('../runtime/worker/service.ts'))).toEqual([]);
    expect(await layerErrors('bench/new-bench.ts', use('../src/testing/weights-server.ts'))).toEqual([]);
    expect(await layerErrors('e2e/new.spec.ts', use('../src/testing/pages/harness-page.ts'))).toEqual([]);
  });

  it('the CLI, tests and test helpers are free', async () => {
    expect(await layerErrors('src/cli/new-command.ts', use('../runtime/preprocess/decode.node.ts'))).toEqual([]);
    expect(await layerErrors('src/model/analysis/analyze.test.ts', use('../../testing/fixtures.ts'))).toEqual([]);
    expect(await layerErrors('src/views/explorer/Explorer.test.tsx', use('../../runtime/labels.ts'))).toEqual([]);
  });
});
