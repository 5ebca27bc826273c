import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { BACKEND_TITLES, planBackends, type Capabilities } from '../src/runtime/backends/select.ts';
import { FILE, recipeWeights, V4_REPO } from '../src/testing/pages/classify-page.ts';
import { WeightsServer } from '../src/testing/weights-server.ts';
import { openHarness } from '../src/testing/pages/harness-page.ts';

// A lost GPU device (WebGL here, SwiftShader) while Inception-v4 is classifying: the classification
// stuck on it fails at once with a message (it used to hang for good, recovery queued behind it), the
// network is rebuilt on WebAssembly from the cached weights, the report says what happened, and
// classifying goes on.
const server = new WeightsServer();

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await server.start();
  server.serve(V4_REPO, FILE, { path: await recipeWeights('inception-v4') });
});
test.afterAll(() => server.stop());

test('a WebGL context lost during an inference: that inference fails at once, the network moves to the next backend, with a notice', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openHarness(page);
  const photo = readFileSync('fixtures/preprocess/photo-444.jpg').toString('base64');
  const result = (await page.evaluate(
    async ([base, data]) => {
      const module = await window.harness.load('inference-recovery');
      return (module.loseWebGlDuringInference as (b: string, d: string) => Promise<unknown>)(base, data);
    },
    [server.baseUrl, photo] as const,
  )) as {
    before: string;
    after: string;
    report: { active: string; notice: string; skipped: { backend: string; reason: string }[] };
    events: string[];
    duringLoss: { failed?: string; finishedFirst: boolean; settledAfterMs?: number };
    classifiedOn: string;
    top: number[];
    capabilities: Capabilities;
  };

  expect(result.before).toBe('webgl');
  // On a real GPU the inference may finish within the 200 ms before the loss; on a software one it cannot.
  // The loss event arrives once the inference's synchronous GL work returns (tens of seconds on
  // SwiftShader); the inference then waited forever for its result, and recovery waited behind it.
  if (!result.duringLoss.finishedFirst) {
    expect(result.duringLoss.failed).toBe(
      'WebGL stopped working during this task (the WebGL context was lost); try again',
    );
  }
  // The probed hardware's best backend without WebGL: WebAssembly here (SwiftShader WebGPU is skipped),
  // WebGPU on a machine with a real GPU.
  const next = planBackends(result.capabilities, { exclude: ['webgl'] }).candidates[0];
  expect(result.report.active).toBe(next);
  expect(result.report.notice).toBe(
    `WebGL stopped working (the WebGL context was lost); the networks now run on ${BACKEND_TITLES[next]}.`,
  );
  expect(result.report.skipped).toContainEqual({ backend: 'webgl', reason: 'excluded after a failure' });
  expect(result.after).toBe(next);
  expect(result.events).toContain(`weights:${next}`);
  expect(result.classifiedOn).toBe(next);
  expect(result.top).toHaveLength(5);
  // One download: the rebuild read the weights from Cache Storage.
  expect(server.requestsFor(`${V4_REPO}/resolve/main/${FILE}`)).toHaveLength(1);
});
