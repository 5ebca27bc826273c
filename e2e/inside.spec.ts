import { expectAccessible } from '../src/testing/pages/accessible.ts';
import { expect, test, type Request } from '@playwright/test';
import { INSIDE_PHOTO as PHOTO, lookInsideWithPhoto } from '../src/testing/pages/inside-page.ts';
import { recipeMirror } from '../src/testing/pages/recipe-mirror.ts';

/**
 * Inside the network with a photo, on the production build with Inception-ResNet-v2's recipe weights on
 * WebAssembly: classify → "Look inside" → thumbnails on a block view's boxes, the feature maps of a
 * selected box, the class activation maps, and the residual-scale lab moving the top-5. No request made
 * while looking inside carries the photo; a reload keeps it (it stays in this browser).
 */
const server = recipeMirror('inception-resnet-v2');

test.describe.configure({ mode: 'serial', timeout: 300_000 });

/** Whether a request carries any 64-byte run of the photo (in its URL or body). */
function carriesPhoto(request: Request): boolean {
  const body = request.postDataBuffer();
  const needles = [0, 1000, 4000].map((offset) => PHOTO.buffer.subarray(offset, offset + 64));
  return needles.some(
    (needle) => (body?.includes(needle) ?? false) || request.url().includes(needle.toString('base64').slice(0, 40)),
  );
}

test('classify → look inside: thumbnails, feature maps, CAM, the residual-scale lab; the photo stays here', async ({
  page,
}) => {
  const requests: Request[] = [];
  const slot = await lookInsideWithPhoto(page, server.baseUrl, () =>
    page.context().on('request', (request) => requests.push(request)),
  );
  // The network view with the photo attached; every stage box gets its thumbnail.
  await expect(page.locator('.inside-panel .top-predictions li')).toHaveCount(5, { timeout: 60_000 });
  const stageThumbnails = page.locator('.ie-diagram [data-address] .ie-thumbnail image');
  await expect(stageThumbnails).toHaveCount(await page.locator('.ie-diagram .ie-thumbnail').count(), {
    timeout: 60_000,
  });
  expect(await stageThumbnails.count()).toBeGreaterThanOrEqual(10);

  // Where it looks: the CAM of the top-5 over the crop, with its exactness written out.
  const cam = page.locator('.inside-panel .class-map[data-method="cam"]');
  await expect(cam).toBeVisible({ timeout: 60_000 });
  await expect(cam.locator('figcaption')).toContainText(
    /on the final 8×8 feature map \(8×8\): mean .* \+ bias .* = logit/,
  );
  await expect(cam.locator('.class-tabs button')).toHaveCount(5);
  const overlayPixels = await cam
    .locator('canvas')
    .nth(1)
    .evaluate((c) => {
      const canvas = c as HTMLCanvasElement;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      let opaque = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) opaque++;
      return opaque;
    });
  expect(overlayPixels).toBeGreaterThan(0);
  await expectAccessible(page, 'network view with a photo');

  // A block view: every box with room for one shows its thumbnail, the Filter concat bar's among them.
  await page.goto(`/inception-resnet-v2/released/inception-resnet-b?photo=${slot}`);
  const boxes = page.locator('.ie-diagram .ie-thumbnail');
  await expect(boxes).toHaveCount(8);
  await expect(page.locator('.ie-diagram .ie-thumbnail image')).toHaveCount(8, { timeout: 60_000 });
  await expect(
    page.locator('.ie-diagram [data-address="inception-resnet-b/0/0/0#concat"] .ie-thumbnail image'),
  ).toHaveCount(1);

  // Select the 1×7 conv: its feature maps, histogram and statistics in the inspector.
  await page.getByRole('button', { name: /^1×7 conv, 160/ }).click();
  const grid = page.getByRole('list', { name: 'The 16 channels with the highest mean' });
  await expect(grid.getByRole('img')).toHaveCount(16, { timeout: 60_000 });
  await expect(page.getByRole('img', { name: /^Values of 1×7 conv, 160: 46240 values/ })).toBeVisible();
  await expect(page.getByLabel('Output statistics')).toContainText('Exact zeros');
  await expectAccessible(page, 'block view with a photo and a selection');
  await page.getByRole('combobox', { name: /channels by/ }).selectOption('max');
  await expect(
    page.getByRole('list', { name: 'The 16 channels with the highest maximum' }).getByRole('img'),
  ).toHaveCount(16, { timeout: 60_000 });

  // The lab: switching off Inception-ResNet-B's residual branches moves the top-5.
  await page.goto(`/inception-resnet-v2/released?photo=${slot}`);
  const top = page.locator('.inside-panel .inside-top .top-predictions li');
  await expect(top).toHaveCount(5, { timeout: 60_000 });
  const before = await top.evaluateAll((lis) =>
    lis.map((li) => `${li.getAttribute('data-class-index')}:${li.getAttribute('data-probability')}`),
  );
  await page.getByRole('slider', { name: '20 × Inception-ResNet-B' }).fill('0');
  await expect(page).toHaveURL(/scale=inception-resnet-b:0(&|$)/);
  // The diagram draws the scale the lab runs, not the released one.
  await expect(page.getByRole('button', { name: /^20 × Inception-ResNet-B ×0 — output/ })).toBeVisible();
  await expect(page.getByTestId('lab-top').getByRole('listitem')).toHaveCount(5, { timeout: 60_000 });
  const after = await top.evaluateAll((lis) =>
    lis.map((li) => `${li.getAttribute('data-class-index')}:${li.getAttribute('data-probability')}`),
  );
  expect(after).not.toEqual(before);
  await expect(page.getByRole('img', { name: /The 1000 logits with these scales/ })).toBeVisible();
  await expectAccessible(page, 'the residual-scale lab');

  // Nothing that left the page while looking inside carried the photo.
  expect(requests.filter(carriesPhoto).map((r) => r.url())).toEqual([]);
  expect(requests.filter((r) => r.method() !== 'GET').map((r) => r.url())).toEqual([]);

  // The photo stays in this browser: a reload looks inside again.
  await page.reload();
  await expect(page.locator('.inside-panel .photo-name')).toContainText(PHOTO.name, { timeout: 60_000 });
  await expect(page.locator('.ie-diagram .ie-thumbnail image').first()).toBeVisible({ timeout: 60_000 });
});

test('a link to a photo this browser does not have says so plainly, and the view still works', async ({ page }) => {
  await page.goto('/inception-v4/released/inception-a?photo=nosuchphoto');
  await expect(page.getByRole('alert')).toContainText(
    'The photo of this link is not in this browser: it was added on another device, or this browser did not keep it',
  );
  await expect(page.getByRole('button', { name: /^1×1 conv, 96/ }).first()).toBeVisible();
  await page.getByRole('button', { name: 'look without a photo' }).click();
  await expect(page).toHaveURL(/\/inception-v4\/released\/inception-a$/);
});
