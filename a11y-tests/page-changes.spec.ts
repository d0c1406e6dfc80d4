import { expect, type Page, test } from '@playwright/test';
import { useLook } from './support/pages';

// What a keyboard or screen-reader user meets as pages change: the page pressed from stays
// until the next one can show, a slow load is said once, focus moved to a heading or a
// summary lasts one visit, and links opened another way are left to the browser.

test.beforeEach(async ({ page }) => {
  await useLook(page, { lang: 'en', theme: 'light', textSize: '100' });
});

/** Records every text the polite live region is given, in order. */
async function recordAnnouncements(page: Page): Promise<void> {
  await page.evaluate(() => {
    const region = document.querySelector('[data-testid="announcer"]') as HTMLElement;
    const said: string[] = [];
    (window as unknown as { said: string[] }).said = said;
    new MutationObserver(() => {
      const text = region.textContent?.trim() ?? '';
      if (text) said.push(text);
    }).observe(region, { childList: true, characterData: true, subtree: true });
  });
}

function announcements(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { said: string[] }).said);
}

test('while the next page loads, the page pressed from stays, and a slow load is said once', async ({
  page,
}) => {
  // Settings' code arrives only when the test lets it: the load ahead and the press wait.
  let release: () => void = () => undefined;
  const released = new Promise<void>((done) => {
    release = done;
  });
  await page.route(/\/assets\/SettingsPage-[^/]+\.js$/, async (route) => {
    await released;
    await route.continue();
  });
  await page.goto('/');
  const welcome = page.getByRole('heading', { level: 1, name: 'Apply for a small loan' });
  await expect(welcome).toBeVisible();
  await recordAnnouncements(page);

  const settingsLink = page.getByRole('link', { name: 'Settings', exact: true });
  await settingsLink.focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/settings$/);
  // Well past the moment the loading is said: Welcome is still there, whole, not an empty main.
  await expect.poll(() => announcements(page)).toEqual(['Loading the next page…']);
  await page.waitForTimeout(1500);
  await expect(welcome).toBeVisible();
  await expect(page.getByRole('link', { name: 'Start an application' })).toBeVisible();
  // Welcome neither took focus back nor announced itself again while held.
  await expect(settingsLink).toBeFocused();
  expect(await announcements(page)).toEqual(['Loading the next page…']);

  release();
  const settings = page.getByRole('heading', { level: 1, name: 'Settings' });
  await expect(settings).toBeFocused();
  await expect(welcome).toHaveCount(0);
  await expect
    .poll(() => announcements(page))
    .toEqual(['Loading the next page…', 'Settings – Kindly']);
});

test('a page that is ready at once shows without any loading said', async ({ page }) => {
  await page.goto('/');
  await recordAnnouncements(page);
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeFocused();
  await expect.poll(() => announcements(page)).toEqual(['Settings – Kindly']);
  await page.waitForTimeout(1200);
  expect(await announcements(page)).toEqual(['Settings – Kindly']);
});

test('a heading focused on arrival gives up its tabindex when focus leaves, so a click leaves it alone', async ({
  page,
}) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Start an application' }).focus();
  await page.keyboard.press('Enter');
  const h1 = page.getByRole('heading', { level: 1 });
  await expect(h1).toBeFocused();
  await expect(h1).toHaveAttribute('tabindex', '-1');
  await page.keyboard.press('Tab');
  await expect(h1).not.toBeFocused();
  await expect(h1).not.toHaveAttribute('tabindex');
  await h1.click();
  await expect(h1).not.toBeFocused();
});

test('the error summary gives up its tabindex too: a later click draws no focus ring', async ({
  page,
}) => {
  await page.goto('/apply');
  await expect(
    page.getByRole('heading', { level: 1, name: 'Which loan do you want to apply for?' }),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Continue' }).focus();
  await page.keyboard.press('Enter');
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  // Its link takes focus to the answers it is about.
  await page.keyboard.press('Tab');
  await page.keyboard.press('Enter');
  await expect(summary).not.toBeFocused();
  await expect(summary).not.toHaveAttribute('tabindex');
  await summary.click({ position: { x: 8, y: 8 } });
  await expect(summary).not.toBeFocused();
  expect(await summary.evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('none');
});

test('the skip link moves focus to main for one visit', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await page.keyboard.press('Enter');
  const main = page.locator('main');
  await expect(main).toBeFocused();
  // The next Tab starts inside main, and main is no longer focusable.
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Start an application' })).toBeFocused();
  await expect(main).not.toHaveAttribute('tabindex');
  await page.getByRole('heading', { level: 1 }).click();
  await expect(main).not.toBeFocused();
});

test('a link opened in a new tab is left to the browser; this tab stays where it was', async ({
  page,
  context,
}) => {
  await page.goto('/');
  const opened = context.waitForEvent('page');
  await page.getByRole('link', { name: 'Settings', exact: true }).click({ modifiers: ['Control'] });
  const other = await opened;
  await other.waitForLoadState();
  expect(new URL(other.url()).pathname).toBe('/settings');
  await expect(page).toHaveURL(/\/$/);
  await expect(
    page.getByRole('heading', { level: 1, name: 'Apply for a small loan' }),
  ).toBeVisible();
});
