/**
 * The explorer as a new user meets it (issue 10): keyboard focus across levels, links that keep their
 * network and state, stale links, landing after Expand all and Fit, the minimap and semantic zoom, the
 * toolbar's fixed order, the phone layout, themed native controls.
 */
import { expect, test, type Page } from '@playwright/test';

const focusedAddress = (page: Page) =>
  page.evaluate(() => {
    const active = document.activeElement;
    return active?.closest('svg') ? active.getAttribute('data-address') : `not in the diagram: ${active?.tagName}`;
  });

test('focus follows a change of level: Enter into a block, arrows at once, Escape back onto the box', async ({
  page,
}) => {
  await page.goto('/inception-v4/released');
  await page.locator('[data-address="inception-a"][role="button"]').focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/inception-v4\/released\/inception-a$/);
  await expect.poll(() => focusedAddress(page)).toBe('inception-a/0#input');
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => focusedAddress(page)).not.toBe('inception-a/0#input');
  await page.keyboard.press('Escape');
  await expect(page).toHaveURL(/\/inception-v4\/released\?node=inception-a$/);
  await expect.poll(() => focusedAddress(page)).toBe('inception-a');
  await page.keyboard.press('ArrowUp');
  await expect.poll(() => focusedAddress(page)).toBe('reduction-a');
});

test('Fig. 15 on the Inception-ResNet-v1 card and overview stays with Inception-ResNet-v1', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('region', { name: 'Inception-ResNet-v1' }).getByRole('link', { name: 'Fig. 15' }).click();
  await expect(page).toHaveURL(/\/inception-resnet-v1\/paper$/);
  await page.getByRole('link', { name: 'Fig. 15' }).click();
  await expect(page).toHaveURL(/\/inception-resnet-v1\/paper$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inception-ResNet-v1 (paper)');
});

test('Paper/Released keeps the selected node and expand=all', async ({ page }) => {
  await page.goto('/inception-v4/released?node=inception-b/2/2/1&expand=all');
  await expect(page.locator('[data-address="inception-b/2/2/1"][data-selected]')).toBeAttached();
  await page.getByRole('navigation', { name: 'Variant' }).getByRole('link', { name: 'Paper' }).click();
  await expect(page).toHaveURL(/\/inception-v4\/paper\?node=inception-b\/2\/\d\/1&expand=all$/);
  // The same layer (the code concatenates the branches in another order than the paper draws them).
  await expect(page.locator('[data-selected][role="button"]')).toHaveAttribute(
    'aria-label',
    /^7×1 conv, 192|^1×7 conv, 192/,
  );
  await expect(page.getByRole('button', { name: 'Expand all' })).toBeDisabled();
});

test('a stale node= opens the view without it and says what was ignored', async ({ page }) => {
  await page.goto('/inception-v4/paper/stem?node=stem/42&diff');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Stem (Fig. 3)');
  await expect(page.getByTestId('ignored-notice')).toContainText(
    'There is no node "stem/42" in Stem of Inception-v4 (paper), so nothing is selected.',
  );
  await expect(page).toHaveURL(/\/inception-v4\/paper\/stem\?diff$/);
  await expect(page.locator('[data-address][role="button"]').first()).toBeAttached();
});

test('Expand all keeps the block looked at in view; Fit of the whole network gives a labelled overview with a minimap', async ({
  page,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto('/inception-v4/released?node=inception-c');
  const area = (await page.locator('.diagram-area').boundingBox())!;
  await page.getByRole('button', { name: 'Zoom in' }).click();
  await page.getByRole('button', { name: 'Expand all' }).click();
  const frame = (await page.locator('[data-address="inception-c"][aria-expanded="true"]').boundingBox())!;
  expect(frame.x).toBeGreaterThanOrEqual(area.x);
  expect(frame.x + frame.width).toBeLessThanOrEqual(area.x + area.width);
  await expect(page.getByTestId('minimap')).toBeVisible();

  await page.goto('/inception-resnet-v2/released?expand=all');
  const fit = page.getByRole('button', { name: 'Fit the diagram' });
  await fit.click();
  await fit.click();
  // The whole network on screen: the minimap goes, semantic zoom names the stages at a readable size.
  await expect(page.getByTestId('minimap')).toHaveCount(0);
  await expect(page.locator('svg[data-detail="low"]')).toBeAttached();
  const label = page.getByTestId('summary-cards').locator('text', { hasText: '20 × Inception-ResNet-B' });
  await expect(label).toBeVisible();
  expect((await label.boundingBox())!.height).toBeGreaterThanOrEqual(9);
  // A card leads back in.
  await page.locator('[data-card="inception-resnet-b"] rect').click();
  await expect(page.locator('svg[data-detail="full"]')).toBeAttached();
});

test('the toolbar keeps one order, in two rows, for every network', async ({ page }) => {
  const order = async (path: string) => {
    await page.goto(path);
    await page.locator('.toolbar').waitFor();
    return page.locator('.toolbar').evaluate((toolbar) => {
      const items = [...toolbar.querySelectorAll('h1, a, button, input')].filter(
        (e) => (e as HTMLElement).offsetParent !== null,
      );
      const rows = new Map<number, string[]>();
      for (const e of items) {
        const top = Math.round(e.getBoundingClientRect().top / 20);
        const name = e.tagName === 'INPUT' ? 'search' : (e.getAttribute('aria-label') ?? e.textContent ?? '').trim();
        rows.set(top, [...(rows.get(top) ?? []), name]);
      }
      return [...rows.values()].map((r) => r.join(' | '));
    });
  };
  const v4 = await order('/inception-v4/released');
  expect(v4).toEqual([
    'Networks | Inception-v4 (released) | Paper | Released | Paper vs released | Photo…',
    'Expand all | Collapse all | search | Previous match | Next match | Export SVG | Export PNG',
  ]);
  const v1 = await order('/inception-resnet-v1/paper');
  expect(v1.map((r) => r.replace(/Inception-ResNet-v1 \(paper\)/, 'Inception-v4 (released)'))).toEqual(v4);
});

test('native selects follow the dark theme', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('/classify');
  const select = page.getByRole('combobox', { name: 'Choose a backend' });
  const colours = await select.evaluate((e) => {
    // The theme's surface and text colours, resolved the way the browser resolves them.
    const probe = document.body.appendChild(document.createElement('div'));
    probe.style.cssText = 'background: var(--surface); color: var(--fg)';
    const theme = { bg: getComputedStyle(probe).backgroundColor, fg: getComputedStyle(probe).color };
    probe.remove();
    return { bg: getComputedStyle(e).backgroundColor, fg: getComputedStyle(e).color, theme };
  });
  expect(colours.bg).not.toBe('rgb(255, 255, 255)');
  expect({ bg: colours.bg, fg: colours.fg }).toEqual(colours.theme);
});

test.describe('on a phone (390 × 844)', () => {
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

  test('nothing is wider than the screen: compare, and the network page with its tools open', async ({ page }) => {
    await page.goto('/compare');
    await expect(page.getByRole('img', { name: 'Parameters per stage' })).toBeVisible();
    const wide = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('body *')]
          .filter(
            (e) =>
              !e.closest('.table-scroll') &&
              !e.closest('.ie-diagram') &&
              e.getBoundingClientRect().right > window.innerWidth + 0.5,
          )
          .map((e) => `${e.tagName}.${e.className}`),
      );
    expect(await wide()).toEqual([]);
    expect(await page.evaluate(() => document.querySelector('.app-main')!.scrollWidth)).toBeLessThanOrEqual(390);
    await page.goto('/inception-v4/released');
    await page.getByRole('button', { name: 'Tools' }).click();
    await expect(page.getByRole('searchbox', { name: /Search layers/ })).toBeVisible();
    expect(await wide()).toEqual([]);
  });

  test('the explorer gives the screen to the diagram, readable, with the inspector as a bottom sheet', async ({
    page,
  }) => {
    await page.goto('/inception-resnet-v2/released/inception-resnet-b');
    const diagram = (await page.locator('.diagram-area').boundingBox())!;
    // Header and toolbar: about 100 px, not 360.
    expect(diagram.y).toBeLessThan(110);
    expect(diagram.height).toBeGreaterThan(600);
    // Labels at 9 px or more on screen (12 px at a scale of 0.75 at least).
    const text = page.locator('[data-address="inception-resnet-b/0/0/0/1/1"] text').first();
    expect((await text.boundingBox())!.height).toBeGreaterThanOrEqual(9);
    await page.locator('[data-address="inception-resnet-b/0/0/0/1/1"]').click();
    const handle = page.getByRole('button', { name: /1×7 conv, 160.*Details/ });
    await expect(handle).toBeVisible();
    await expect(page.locator('.sheet-body')).toBeHidden();
    await handle.click();
    await expect(page.locator('.sheet-body [data-fact="Output"]')).toHaveText('17×17×160');
  });

  test('classify puts the photos first', async ({ page }) => {
    await page.goto('/classify');
    const photos = (await page.getByRole('heading', { name: 'Photos' }).boundingBox())!;
    const networks = (await page.getByRole('heading', { name: 'Networks' }).boundingBox())!;
    expect(photos.y).toBeLessThan(networks.y);
    expect(photos.y).toBeLessThan(844);
  });
});
