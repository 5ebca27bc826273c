/**
 * The explorer on a phone (issue 18 item 12): the open inspector sheet leaves the selected box in view, the
 * photo's status line does not cover the diagram, Inception-A opens with every branch on a 360 px screen
 * (with a photo's thumbnails too), and the app's name stays on one line.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { FILE, IRV2_REPO, recipeWeights, V4_REPO, weightsCard } from '../src/testing/pages/classify-page.ts';
import { lookInsideWithPhoto } from '../src/testing/pages/inside-page.ts';
import { WeightsServer } from '../src/testing/weights-server.ts';

interface Rect {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

const rectOf = (locator: Locator): Promise<Rect> =>
  locator.evaluate((e) => {
    const { left, top, right, bottom } = e.getBoundingClientRect();
    return { left, top, right, bottom };
  });
const overlap = (a: Rect, b: Rect) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

const phone = (width: number) => ({ viewport: { width, height: 780 }, hasTouch: true, isMobile: true });
const SELECTED = 'inception-resnet-b/0/0/0/1/1';

for (const [width, locale, handle] of [
  [390, 'en-GB', /Details/],
  [360, 'zh-CN', /详情/],
] as const) {
  test.describe(`at ${width} px, ${locale}`, () => {
    test.use({ ...phone(width), locale, reducedMotion: 'reduce' });

    test('opening the inspector sheet keeps the selected box in view, above it', async ({ page }) => {
      await page.goto(`/inception-resnet-v2/released/inception-resnet-b?node=${SELECTED}`);
      const box = page.locator(`.ie-diagram [data-address="${SELECTED}"]`);
      await expect(box).toBeVisible();
      await page.getByRole('button', { name: handle }).click();
      await expect(page.locator('.sheet-body')).toBeVisible();
      const sheet = page.locator('aside.side');
      await expect.poll(async () => overlap(await rectOf(box), await rectOf(sheet))).toBe(false);
      const canvas = await rectOf(page.locator('.ie-diagram-canvas'));
      const selected = await rectOf(box);
      expect(selected.top).toBeGreaterThanOrEqual(canvas.top);
      expect(selected.bottom).toBeLessThanOrEqual(canvas.bottom);
    });
  });
}

test.describe('the app name at 360 px', () => {
  test.use(phone(360));
  for (const locale of ['en-GB', 'zh-CN']) {
    test(`is one line, whole, in ${locale}`, async ({ browser }) => {
      const page = await browser.newPage({ ...phone(360), locale });
      for (const path of ['/', '/inception-v4/released/inception-a', '/classify']) {
        await page.goto(path);
        const brand = page.locator('.brand');
        await expect(brand).toBeVisible();
        const { height, lineHeight, scrollWidth, clientWidth } = await brand.evaluate((e) => ({
          height: e.getBoundingClientRect().height,
          lineHeight: parseFloat(getComputedStyle(e).lineHeight),
          scrollWidth: e.scrollWidth,
          clientWidth: e.clientWidth,
        }));
        expect(height, path).toBeCloseTo(lineHeight, 0);
        expect(scrollWidth, `${path}: the name is not shortened`).toBeLessThanOrEqual(clientWidth);
      }
      await page.close();
    });
  }
});

test.describe('with a photo, at 360 px', () => {
  const server = new WeightsServer();
  test.describe.configure({ timeout: 300_000 });
  test.beforeAll(async () => {
    test.setTimeout(300_000);
    await server.start();
    server.serve(IRV2_REPO, FILE, { path: await recipeWeights('inception-resnet-v2') });
    server.serve(V4_REPO, FILE, { path: await recipeWeights('inception-v4') });
  });
  test.afterAll(() => server.stop());

  /** The status line's and the diagram's rects, read together while the status is shown. */
  const statusAndDiagram = (page: Page) =>
    page
      .waitForFunction(
        () => {
          const status = document.querySelector('.inside-status');
          const canvas = document.querySelector('.ie-diagram-canvas');
          if (!status || !canvas) return undefined;
          const [a, b] = [status, canvas].map((e) => e.getBoundingClientRect());
          return {
            status: { left: a.left, top: a.top, right: a.right, bottom: a.bottom },
            canvas: { left: b.left, top: b.top, right: b.right, bottom: b.bottom },
          };
        },
        undefined,
        { timeout: 60_000, polling: 50 },
      )
      .then((handle) => handle.jsonValue() as Promise<{ status: Rect; canvas: Rect }>);

  test("Inception-A opens with every branch; the run's status does not cover the diagram", async ({ page }) => {
    const slot = await lookInsideWithPhoto(page, server.baseUrl);
    await page.goto('/classify?backend=wasm');
    const v4 = weightsCard(page, 'inception-v4');
    await v4.getByRole('button', { name: /^Download/ }).click();
    await expect(v4.locator('.weights-status')).toHaveAttribute('data-status', 'ready', { timeout: 120_000 });

    await page.setViewportSize({ width: 360, height: 780 });
    await page.goto(`/inception-v4/released/inception-a?photo=${slot}`);
    const { status, canvas } = await statusAndDiagram(page);
    expect(overlap(status, canvas)).toBe(false);

    await expect(page.locator('.ie-diagram .ie-thumbnail image').first()).toBeVisible({ timeout: 120_000 });
    await expect(page.locator('.inside-status')).toHaveCount(0, { timeout: 60_000 });
    const drawn = await rectOf(page.locator('.ie-diagram-canvas'));
    const boxes = await page
      .locator('.ie-diagram [data-address]:not([aria-expanded="true"])')
      .evaluateAll((list) =>
        list.map((e) => ({ address: e.getAttribute('data-address'), ...(e.getBoundingClientRect().toJSON() as Rect) })),
      );
    expect(boxes.length).toBeGreaterThanOrEqual(10);
    const cut = boxes.filter((b) => b.left < drawn.left || b.right > drawn.right).map((b) => b.address);
    expect(cut).toEqual([]);
  });
});
