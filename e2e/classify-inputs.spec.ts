import { readFileSync } from 'node:fs';
import { crc32 } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { CHROMIUM_ARGS, chromiumPath } from '../scripts/chromium-path.mjs';
import { dropFiles, FILE, recipeWeights, shownTop, V4_REPO, weightsCard } from '../src/testing/pages/classify-page.ts';
import { WeightsServer } from '../src/testing/weights-server.ts';

/**
 * The other ways in and the other bad inputs: paste, the camera (Chromium's fake device), a corrupt and
 * a huge image, a cancelled download, a backend switch, and the network without weights.
 */
const PHOTO = readFileSync('fixtures/preprocess/photo-420.jpg');
const server = new WeightsServer({ bytesPerSecond: 5_000_000 });
let v4Weights = '';

const executablePath = chromiumPath();
test.use({
  launchOptions: {
    // A fake camera (a moving test pattern) and automatic consent to use it.
    args: [...CHROMIUM_ARGS, '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'],
    ...(executablePath ? { executablePath } : {}),
  },
  permissions: ['camera'],
});
test.describe.configure({ mode: 'serial', timeout: 240_000 });

test.beforeAll(async () => {
  test.setTimeout(300_000);
  v4Weights = await recipeWeights('inception-v4');
  await server.start();
  server.serve(V4_REPO, FILE, { path: v4Weights });
});
test.afterAll(() => server.stop());

async function openWithV4(page: Page) {
  await page.goto(`/classify?weights=${encodeURIComponent(server.baseUrl)}&backend=wasm`);
  const card = weightsCard(page, 'inception-v4');
  await card.getByLabel('Inception-v4: use a .safetensors file').setInputFiles(v4Weights);
  await expect(card.locator('.weights-status')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });
  return card;
}

/** A PNG whose header says width × height (the pixels are never reached). */
function pngHeader(width: number, height: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const type = Buffer.from('IHDR');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([type, ihdr])), 0);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(13, 0);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), length, type, ihdr, crc]);
}

test('Inception-ResNet-v1 says plainly that no ImageNet weights exist', async ({ page }) => {
  await page.goto('/classify');
  await expect(weightsCard(page, 'inception-resnet-v1')).toContainText(
    'No ImageNet weights exist for Inception-ResNet-v1',
  );
  await expect(weightsCard(page, 'inception-resnet-v1').getByRole('button')).toHaveCount(0);
});

test('a cancelled download shows no error and leaves nothing in the cache', async ({ page }) => {
  await page.goto(`/classify?weights=${encodeURIComponent(server.baseUrl)}&backend=wasm`);
  const card = weightsCard(page, 'inception-v4');
  await card.getByRole('button', { name: /^Download/ }).click();
  await expect(card.locator('.weights-status')).toContainText(/MB of 171\.0 MB/);
  await card.getByRole('button', { name: 'Cancel' }).click();
  await expect(card.locator('.weights-status')).toHaveAttribute('data-status', 'absent');
  await expect(card.locator('.error')).toHaveCount(0);
  expect(
    await page.evaluate(
      async () =>
        (await caches.keys()).length === 0 ||
        (await Promise.all((await caches.keys()).map(async (k) => (await (await caches.open(k)).keys()).length))).every(
          (n) => n === 0,
        ),
    ),
  ).toBe(true);
  await page.reload();
  await expect(card.locator('.weights-status')).toHaveAttribute('data-status', 'absent');
});

test('a pasted photo is classified; corrupt and huge images are refused by name', async ({ page }) => {
  await openWithV4(page);
  await page.evaluate((data) => {
    const transfer = new DataTransfer();
    transfer.items.add(
      new File([Uint8Array.from(atob(data), (c) => c.charCodeAt(0))], 'pasted.jpg', { type: 'image/jpeg' }),
    );
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: transfer, bubbles: true }));
  }, PHOTO.toString('base64'));
  expect(await shownTop(page, 'pasted.jpg', 'inception-v4')).toHaveLength(5);

  await dropFiles(page, [
    {
      name: 'broken.jpg',
      mimeType: 'image/jpeg',
      buffer: Buffer.concat([PHOTO.subarray(0, 400), Buffer.alloc(2000, 0x55)]),
    },
    { name: 'huge.png', mimeType: 'image/png', buffer: pngHeader(12_000, 9_000) },
  ]);
  await expect(page.locator('.result-card[data-photo="broken.jpg"] .error')).toContainText(
    /^broken\.jpg: the JPEG data is truncated or corrupt/,
  );
  await expect(page.locator('.result-card[data-photo="huge.png"] .error')).toContainText(
    'huge.png: the image is 12000×9000 (108.0 megapixels), more than the 67.1 megapixels this app accepts',
  );
  // Still working after the bad ones.
  await dropFiles(page, [{ name: 'again.jpg', mimeType: 'image/jpeg', buffer: PHOTO }]);
  expect(await shownTop(page, 'again.jpg', 'inception-v4')).toHaveLength(5);
});

test('the camera is classified continuously, with frames per second', async ({ page }) => {
  await openWithV4(page);
  await page.getByRole('button', { name: 'Use the camera' }).click();
  const camera = page.getByRole('region', { name: 'Camera' });
  await expect(camera.locator('.top-predictions li')).toHaveCount(5, { timeout: 60_000 });
  await expect
    .poll(async () => Number(await camera.locator('.fps').getAttribute('data-fps')), { timeout: 60_000 })
    .toBeGreaterThan(0);
  await camera.getByRole('button', { name: 'Stop camera' }).click();
  await expect(camera).toHaveCount(0);
});

test('switching the backend rebuilds the loaded network on it', async ({ page }) => {
  const card = await openWithV4(page);
  await page.getByLabel('Choose a backend').selectOption('cpu');
  await expect(page.locator('.backend-active')).toHaveAttribute('data-backend', 'cpu', { timeout: 60_000 });
  await expect(card.locator('.weights-status')).toContainText('Ready on CPU (JavaScript)', { timeout: 60_000 });
  await page.getByLabel('Choose a backend').selectOption('wasm');
  await expect(card.locator('.weights-status')).toContainText('Ready on WebAssembly', { timeout: 60_000 });
  await dropFiles(page, [{ name: 'after-switch.jpg', mimeType: 'image/jpeg', buffer: PHOTO }]);
  await expect(page.locator('.result-card[data-photo="after-switch.jpg"] .timings')).toContainText('on WebAssembly', {
    timeout: 60_000,
  });
});
