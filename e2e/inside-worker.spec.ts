import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { FILE, recipeWeights, V4_REPO } from '../src/testing/pages/classify-page.ts';
import { WeightsServer } from '../src/testing/weights-server.ts';
import { callHarness, openHarness } from '../src/testing/pages/harness-page.ts';

// The inference worker's look-inside methods in Chromium on WebAssembly (the page side is tested by the
// explorer's own specs): a photo attached and looked into, a block view's summaries, CAM and Grad-CAM,
// with gradients registered from their own chunk and checked against the CPU backend in the worker.
const server = new WeightsServer();

test.beforeAll(async () => {
  test.setTimeout(300_000);
  await server.start();
  server.serve(V4_REPO, FILE, { path: await recipeWeights('inception-v4') });
});
test.afterAll(() => server.stop());

const call = callHarness;

test('look inside Inception-v4 on WebAssembly: depth profile, block view summaries, CAM and Grad-CAM', async ({
  page,
}) => {
  test.setTimeout(300_000);
  await openHarness(page);
  await call(page, 'inference', 'start', 'wasm');
  await call(page, 'inference', 'load', 'inception-v4', 'download', server.baseUrl);
  const photo = readFileSync('fixtures/preprocess/photo-444.jpg').toString('base64');
  await call(page, 'inside', 'attach', 'p', photo, 'photo-444.jpg');

  const look = await call<{
    top: number[];
    depth: number;
    backend: string;
    crop: { width: number; height: number; bitmap: boolean };
    logits: number;
    residualPoints: number;
  }>(page, 'inside', 'lookInside', 'p', 'inception-v4');
  expect(look).toMatchObject({
    depth: 18,
    backend: 'wasm',
    logits: 1000,
    residualPoints: 0,
    crop: { width: 299, height: 299, bitmap: true },
  });
  expect(look.top).toHaveLength(5);

  const view = [
    'inception-a/0',
    'inception-a/0/0',
    'inception-a/0/1/0',
    'inception-a/0/1/1',
    'inception-a/0/3/0',
    'inception-a/0/3/1',
  ];
  expect(await call(page, 'inside', 'summaries', 'p', 'inception-v4', view)).toMatchObject({ count: 6, thumbnails: 6 });
  expect(await call(page, 'inside', 'detail', 'p', 'inception-v4', 'inception-a/0')).toMatchObject({ maps: 32 });

  const cam = await call<{ method: string; count: number; width: number; min: number; max: number }>(
    page,
    'inside',
    'classMaps',
    'p',
    'inception-v4',
    look.top,
  );
  expect(cam).toMatchObject({ method: 'cam', count: 5, width: 8 });
  const grad = await call<{
    method: string;
    backend: string;
    notice?: string;
    width: number;
    height: number;
    min: number;
    max: number;
  }>(page, 'inside', 'classMaps', 'p', 'inception-v4', look.top.slice(0, 1), 'reduction-b');
  expect(grad).toMatchObject({ method: 'grad-cam', backend: 'wasm', width: 8, height: 8 });
  expect(grad.notice).toBeUndefined();
  expect(grad.min).toBeGreaterThanOrEqual(0);
  expect(grad.max).toBeGreaterThan(0);

  // In turns: a box selected meanwhile is answered before the second class; progress per class; Cancel.
  const turns = await call<{ events: string[] }>(
    page,
    'inside',
    'gradCamInTurns',
    'p',
    'inception-v4',
    look.top,
    'reduction-b',
    view,
  );
  expect(turns.events.filter((e) => e.startsWith('class'))).toEqual([
    'class 0 of 5',
    ...[1, 2, 3, 4, 5].map((i) => `class ${i} of 5 8×8`),
  ]);
  expect(turns.events.indexOf('summaries answered')).toBeLessThan(turns.events.indexOf('class 2 of 5 8×8'));
  expect(turns.events.at(-1)).toBe('Grad-CAM done');
  const cancelled = await call<{ events: string[] }>(
    page,
    'inside',
    'gradCamInTurns',
    'p',
    'inception-v4',
    look.top,
    'reduction-b',
    view,
    1,
  );
  expect(cancelled.events.filter((e) => e.startsWith('class'))).toEqual(['class 0 of 5', 'class 1 of 5 8×8']);
  expect(cancelled.events.at(-1)).toBe('Grad-CAM cancelled');

  await call(page, 'inside', 'release', 'p');
  const gone = await page.evaluate(async () => {
    const inside = await window.harness.load('inside');
    return (inside.summaries as (s: string, n: string, a: string[]) => Promise<unknown>)('p', 'inception-v4', [
      'stem',
    ]).catch((e: { kind?: string }) => e.kind);
  });
  expect(gone).toBe('no-photo');
  await call(page, 'inference', 'stop');
});
