import { expect, test } from '@playwright/test';

// index.html lays out a few words in the app's fonts while the app's code is on its way
// (finding fonts is the first layout's cost), hidden from sight and from assistive technology.

test('the font warm-up is gone once Welcome is drawn', async ({ page }) => {
  const served = await page.request.get('/');
  expect(await served.text()).toContain('class="font-warmup"');
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Apply for a small loan');
  await expect(page.locator('.font-warmup')).toHaveCount(0);
});

test('while the app is still loading, the warm-up is neither seen nor in the accessibility tree', async ({
  page,
}) => {
  // The app's code never arrives: the page stays as index.html left it.
  await page.route(/\/assets\/index-[\w-]+\.js$/, (route) => route.abort());
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/');
  const warmup = page.locator('.font-warmup');
  await expect(warmup).toHaveCount(1);
  await expect(warmup).toBeHidden();
  expect(await page.locator('body').ariaSnapshot()).not.toContain('中文');
  const box = await warmup.boundingBox();
  // Out of the flow and 1 px: it pushes nothing, and at 320 px wide nothing scrolls sideways.
  expect(box?.width).toBeLessThanOrEqual(1);
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(
    true,
  );
});
