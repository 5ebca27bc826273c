import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { CSP_REPORT_PATH } from '../scripts/csp.ts';
import {
  dropFiles,
  FILE,
  IRV2_REPO,
  recipeWeights,
  shownTop,
  weightsCard,
} from '../src/testing/pages/classify-page.ts';
import { WeightsServer } from '../src/testing/weights-server.ts';

/**
 * The Content-Security-Policy (scripts/csp.ts) is on in the production build — as a header on every
 * response of the preview server and as a <meta> tag in the page — and exploring and classifying (with
 * the inference worker, WebAssembly, a download from a local mirror and an export) violate none of it:
 * neither the page (securitypolicyviolation events) nor its workers (reports posted to the server).
 */
const server = new WeightsServer();
test.describe.configure({ timeout: 240_000 });
test.beforeAll(async () => {
  await server.start();
  server.serve(IRV2_REPO, FILE, { bytes: new Uint8Array(64) });
});
test.afterAll(() => server.stop());

async function watchViolations(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (e) =>
      seen.push(`${e.violatedDirective} blocked ${e.blockedURI} (${e.sourceFile}:${e.lineNumber})`),
    );
  });
  return () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
}

test('the policy is sent with every page and script, and is in the page itself', async ({ page, request }) => {
  const response = await page.goto('/');
  const policy = response!.headers()['content-security-policy'];
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval' blob:");
  expect(policy).toContain("object-src 'none'");
  expect(policy).toContain("frame-ancestors 'none'");
  expect(policy).not.toContain("'unsafe-inline'");
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toContain(
    "worker-src 'self' blob:",
  );
  const script = await page.locator('script[type="module"]').first().getAttribute('src');
  expect((await request.get(script!)).headers()['content-security-policy']).toBe(policy);
  // An inline script is refused: the policy is enforced, not only sent.
  const violations = await watchViolations(page);
  await page.reload();
  await page.evaluate(() => {
    const inline = document.createElement('script');
    inline.textContent = 'window.inlineRan = true';
    document.head.append(inline);
  });
  expect(await page.evaluate(() => (window as unknown as { inlineRan?: boolean }).inlineRan)).toBeUndefined();
  // Reported once per policy in force (the header's and the <meta> tag's).
  await expect.poll(async () => (await violations()).length).toBeGreaterThan(0);
  for (const violation of await violations()) expect(violation).toMatch(/^script-src(-elem)? blocked inline/);
});

test('exploring and classifying violate nothing, in the page or in its workers', async ({ page, request }) => {
  const reportsBefore = ((await (await request.get(CSP_REPORT_PATH)).json()) as unknown[]).length;
  const violations = await watchViolations(page);

  for (const path of [
    '/',
    '/inception-resnet-v2/released',
    '/inception-resnet-v2/paper/inception-resnet-b',
    '/compare',
    '/figure/17',
  ]) {
    await page.goto(path);
    await expect(page.getByRole('main')).toBeVisible();
    await page.waitForLoadState('networkidle');
  }
  await page.goto('/inception-v4/released/inception-b');
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export PNG' }).click();
  await download;

  await page.goto(`/classify?weights=${encodeURIComponent(server.baseUrl)}&backend=wasm`);
  const v4 = weightsCard(page, 'inception-v4');
  await v4.getByLabel('Inception-v4: use a .safetensors file').setInputFiles(await recipeWeights('inception-v4'));
  await expect(v4.locator('.weights-status')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  await dropFiles(page, [
    { name: 'photo.jpg', mimeType: 'image/jpeg', buffer: readFileSync('fixtures/preprocess/photo-444.jpg') },
  ]);
  expect(await shownTop(page, 'photo.jpg', 'inception-v4')).toHaveLength(5);
  // A download from the mirror (a loopback http server): the worker may connect to it.
  const irv2 = weightsCard(page, 'inception-resnet-v2');
  await irv2.getByRole('button', { name: /^Download/ }).click();
  await expect(irv2.locator('.error .advice')).toHaveText(
    `This is not a weights file: use model.safetensors of ${IRV2_REPO}.`,
  );
  expect(server.requestsFor(`${IRV2_REPO}/resolve/main/${FILE}`)).toHaveLength(1);

  expect(await violations()).toEqual([]);
  // Reports from the workers travel asynchronously: give them a moment.
  await page.waitForTimeout(1_000);
  expect(((await (await request.get(CSP_REPORT_PATH)).json()) as unknown[]).slice(reportsBefore)).toEqual([]);
});
