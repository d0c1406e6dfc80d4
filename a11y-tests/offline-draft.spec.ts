import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, expect, test } from '@playwright/test';
import {
  answerPage,
  applicantName,
  arrive,
  expectSentOnce,
  fillToDeclaration,
  H1,
  outboxCount,
  pressSend,
  QUESTION_PAGES,
} from './support/offline';

// Offline failure modes 3, 8 and 10 (see offline-send.spec.ts): the draft survives a closed browser, a full disk
// and a reload on any page, and what was sent goes once.

test('3. the browser closed mid-typing and again mid-send: draft and outbox intact, then sent', async ({
  baseURL,
}, testInfo) => {
  const name = applicantName('关闭三', test.info());
  const dir = mkdtempSync(join(tmpdir(), 'kindly-profile-'));
  const launch = () =>
    chromium.launchPersistentContext(dir, {
      ...testInfo.project.use.launchOptions,
      baseURL,
      serviceWorkers: 'block',
    });
  try {
    // Closed mid-typing: the name was typed, Continue never pressed.
    let context = await launch();
    let page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/apply');
    for (const h1 of QUESTION_PAGES.slice(0, 4)) await answerPage(page, h1, name);
    await arrive(page, H1.about);
    await page.getByRole('textbox', { name: 'Full name' }).fill(name);
    await page.waitForTimeout(1_000);
    await context.close();

    context = await launch();
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await page.getByRole('link', { name: 'Continue your application' }).click();
    await arrive(page, H1.about);
    await expect(page.getByRole('textbox', { name: 'Full name' })).toHaveValue(name);

    // Closed mid-send: the server never answers before the browser goes.
    await fillToDeclaration(page, name);
    await context.route('**/api/applications', () => undefined);
    await pressSend(page);
    await expect.poll(() => outboxCount(page)).toBe(1);
    // Whether the post reached the server before the browser went (Playwright lets a
    // held request go on as the context closes) does not matter: the key makes it one.
    await context.close();

    // Opened again: the outbox sends it at start, and no draft is left to continue.
    context = await launch();
    page = context.pages()[0] ?? (await context.newPage());
    await page.goto('/');
    await expectSentOnce(page, name);
    await page.reload();
    await arrive(page, 'Apply for a small loan');
    await expect(page.getByRole('link', { name: 'Continue your application' })).toHaveCount(0);
    await context.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('8. storage full: a clear message, nothing on the page lost, and it is sent once', async ({
  page,
}) => {
  const name = applicantName('满盘八', test.info());
  // The browser refuses every IndexedDB write while window.isDiskFull is set, as it does
  // when the device is out of space.
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, ...args) {
      if ((window as { isDiskFull?: boolean }).isDiskFull) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      return put.apply(this, args);
    } as typeof put;
  });
  await page.goto('/apply');
  for (const h1 of QUESTION_PAGES.slice(0, 4)) await answerPage(page, h1, name);
  await page.evaluate(() => {
    (window as { isDiskFull?: boolean }).isDiskFull = true;
  });
  await page.getByRole('textbox', { name: 'Full name' }).fill(name);
  const full = page.getByRole('region', { name: 'This device is full' });
  await expect(full).toBeVisible();
  await expect(full).toContainText('Your answers are still on the screen');
  await expect(page.getByTestId('announcer')).toContainText('no space left');
  await expect(page.getByRole('textbox', { name: 'Full name' })).toHaveValue(name);

  // Space freed: the next save works and the message goes.
  await page.evaluate(() => {
    (window as { isDiskFull?: boolean }).isDiskFull = false;
  });
  await answerPage(page, H1.about, name);
  await expect(full).toHaveCount(0);
  for (const h1 of QUESTION_PAGES.slice(5)) await answerPage(page, h1, name);

  // Full again as Send is pressed: it cannot go in the outbox, so it is sent directly.
  await page.evaluate(() => {
    (window as { isDiskFull?: boolean }).isDiskFull = true;
  });
  await pressSend(page);
  await arrive(page, H1.sent);
  await expectSentOnce(page, name);
});

test('10. a reload on every page of the journey: answers intact, then sent once', async ({
  page,
}) => {
  const name = applicantName('重载十', test.info());
  await page.goto('/apply');
  for (const h1 of QUESTION_PAGES) {
    await arrive(page, h1);
    await page.reload();
    // A lost answer would send the page back to the first unanswered question.
    await arrive(page, h1);
    if (h1 === H1.about) {
      // Typed but not yet Continued: kept too.
      await page.getByRole('textbox', { name: 'Full name' }).fill(name);
      await page.getByRole('textbox', { name: 'Day' }).fill('27');
      await page.waitForTimeout(1_000);
      await page.reload();
      await arrive(page, h1);
      await expect(page.getByRole('textbox', { name: 'Full name' })).toHaveValue(name);
      await expect(page.getByRole('textbox', { name: 'Day' })).toHaveValue('27');
    }
    await answerPage(page, h1, name);
  }
  await arrive(page, H1.declare);
  await page.reload();
  await arrive(page, H1.declare);
  await pressSend(page);
  await arrive(page, H1.sent);
  await page.reload();
  await arrive(page, H1.sent);
  await expectSentOnce(page, name);
});
