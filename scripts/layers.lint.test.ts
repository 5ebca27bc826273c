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
    for (const specifier of ['../../layout/types.ts', '../runtime/labels.ts', '../../views/routes.ts', 'react', '@tensorflow/tfjs-core', 'node:fs']) {
      expect(await layerErrors('src/model/analysis/new-analysis.ts', use(specifier)), specifier).toEqual([expect.stringMatching(/src\/model\/ is the first layer/)]);
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
    expect(await layerErrors('src/runtime/weights/new.ts', use('node:fs/promises'))).toEqual([expect.stringMatching(/Node APIs only in \*\.node\.ts/)]);
    expect(await layerErrors('src/runtime/weights/new.node.ts', use('node:fs/promises'))).toEqual([]);
    expect(await layerErrors('src/runtime/weights/new.ts', use('@tensorflow/tfjs-core'))).toEqual([]);
  });

  it('the explorer\'s views never import src/runtime/; views/classify and views/inside may, but never TensorFlow.js', async () => {
    expect(await layerErrors('src/views/explorer/NewPanel.tsx', use('../../runtime/worker/app-session.ts'))).toEqual([expect.stringMatching(/never import src\/runtime\//)]);
    expect(await layerErrors('src/views/App.tsx', use('./../runtime/worker/protocol.ts'))).toHaveLength(1);
    expect(await layerErrors('src/views/explorer/NewPanel.tsx', use('@tensorflow/tfjs-core'))).toHaveLength(1);
    expect(await layerErrors('src/views/inside/Overlay.tsx', use('../../runtime/worker/app-session.ts'))).toEqual([]);
    expect(await layerErrors('src/views/classify/New.tsx', use('../../runtime/worker/protocol.ts'))).toEqual([]);
    expect(await layerErrors('src/views/classify/New.tsx', use('@tensorflow/tfjs-core'))).toHaveLength(1);
    expect(await layerErrors('src/views/explorer/NewPanel.tsx', use('../../layout/types.ts'))).toEqual([]);
  });

  it('the CLI, tests and test helpers are free', async () => {
    expect(await layerErrors('src/cli/new-command.ts', use('../runtime/preprocess/decode.node.ts'))).toEqual([]);
    expect(await layerErrors('src/model/analysis/analyze.test.ts', use('../../testing/fixtures.ts'))).toEqual([]);
    expect(await layerErrors('src/views/explorer/Explorer.test.tsx', use('../../runtime/labels.ts'))).toEqual([]);
  });
});
