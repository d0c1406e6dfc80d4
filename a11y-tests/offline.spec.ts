import { expect, test } from '@playwright/test';

test.use({ serviceWorkers: 'allow' });

test('after one visit, a reload with the network off still shows Kindly', async ({
  page,
  context,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
      );
    }
  });
  await context.setOffline(true);
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Apply for a small loan');
  // Another in-app address, never visited online, is served from the precached shell too.
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
  await context.setOffline(false);
});

test('the manifest and home-screen icon are linked, and the manifest starts at Welcome', async ({
  page,
}) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute(
    'href',
    '/manifest.webmanifest',
  );
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute(
    'href',
    '/icons/icon-192.png',
  );
  const manifest = (await page.evaluate(() =>
    fetch('/manifest.webmanifest').then((response) => response.json()),
  )) as { icons: unknown[]; start_url: string };
  expect(manifest.start_url).toBe('/');
  expect(manifest.icons.length).toBeGreaterThan(0);
});
