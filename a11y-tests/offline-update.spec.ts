import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import {
  answerPage,
  applicantName,
  arrive,
  expectSentOnce,
  H1,
  pressSend,
  QUESTION_PAGES,
  waitForServiceWorker,
} from './support/offline';

test.use({ serviceWorkers: 'allow' });

// Offline failure mode 4 (see offline-send.spec.ts): a new version published mid-application never reloads the
// page or shows its offer there; it is offered after sending, and applied only then.

const DIST = process.env.KINDLY_DIST ?? 'dist';

test('4. a new service worker mid-application: no reload, answers intact, offered afterwards', async ({
  page,
  context,
}) => {
  const name = applicantName('更新四', test.info());
  const worker = readFileSync(join(DIST, 'sw.js'), 'utf8');
  let version = 1;
  // Each "deployment" is the built worker with a different last line.
  await context.route('**/sw.js', (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: `${worker}\n// deployment ${version}\n`,
    }),
  );
  await page.goto('/');
  await waitForServiceWorker(page);
  await page.goto('/apply');
  for (const h1 of QUESTION_PAGES.slice(0, 4)) await answerPage(page, h1, name);
  await arrive(page, H1.about);
  await page.getByRole('textbox', { name: 'Full name' }).fill(name);
  await page.evaluate(() => {
    (window as { isSamePage?: boolean }).isSamePage = true;
  });

  version = 2;
  const isWaiting = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
    for (let i = 0; i < 100 && !registration?.waiting; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return Boolean(registration?.waiting);
  });
  expect(isWaiting).toBe(true);
  const offer = page.getByRole('region', { name: 'A new version of Kindly is ready' });
  await page.waitForTimeout(1_000);
  await expect(offer).toHaveCount(0);
  await expect(page.getByRole('textbox', { name: 'Full name' })).toHaveValue(name);
  for (const h1 of QUESTION_PAGES.slice(4)) {
    await answerPage(page, h1, name);
    await expect(offer).toHaveCount(0);
  }
  expect(await page.evaluate(() => (window as { isSamePage?: boolean }).isSamePage)).toBe(true);

  await pressSend(page);
  await arrive(page, H1.sent);
  await expect(offer).toBeVisible();
  const reloaded = page.waitForEvent('load');
  await offer.getByRole('button', { name: 'Update now' }).click();
  await reloaded;
  await arrive(page, H1.sent);
  await expectSentOnce(page, name);
});
