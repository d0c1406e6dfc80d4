import { expect, type Page, test } from '@playwright/test';
import { useLook } from './support/pages';

/** Presses Tab and says what took focus, by role and accessible name. */
async function tabTo(page: Page): Promise<string> {
  await page.keyboard.press('Tab');
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return 'BODY';
    const role =
      el.getAttribute('role') ??
      (el.tagName === 'A'
        ? 'link'
        : el.tagName === 'INPUT'
          ? (el as HTMLInputElement).type
          : el.tagName.toLowerCase());
    const label = el.closest('label')?.innerText ?? el.innerText ?? '';
    return `${role}:${label.trim().replace(/\s+/g, ' ')}`;
  });
}

test.beforeEach(async ({ page }) => {
  await useLook(page, { lang: 'en', theme: 'light', textSize: '100' });
});

test('Tab reaches every control on Welcome in reading order, never the body', async ({ page }) => {
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Apply for a small loan');
  const order: string[] = [];
  for (let i = 0; i < 13; i++) order.push(await tabTo(page));
  expect(order).toEqual([
    'link:Skip to main content',
    'link:Kindly',
    'button:Get help',
    'button:Privacy',
    'link:What we keep',
    'link:Settings',
    'link:Start an application',
    'link:See applications you have sent',
    'link:I have a code to continue an application',
    'radio:English',
    'radio:Large',
    'radio:Off',
    'link:More settings: colours, motion and voice speed',
  ]);
});

test('Enter and Space work the controls; focus moves to the new h1', async ({ page }) => {
  await page.goto('/');
  const help = page.getByRole('button', { name: 'Get help' });
  await help.focus();
  await page.keyboard.press('Enter');
  await expect(help).toHaveAttribute('aria-expanded', 'true');
  await expect(page.getByRole('link', { name: /Call/ })).toBeVisible();
  await page.keyboard.press('Space');
  await expect(help).toHaveAttribute('aria-expanded', 'false');

  // Arrow keys move within a radio group and choose; the page grows at once.
  await page.getByRole('radio', { name: 'Large', exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByRole('radio', { name: 'Larger' })).toBeChecked();
  await expect(page.locator('html')).toHaveAttribute('data-text-size', '150');

  // Following a link moves focus to the new page's h1, and the live region names the page.
  await page.getByRole('link', { name: 'Settings', exact: true }).focus();
  await page.keyboard.press('Enter');
  const h1 = page.getByRole('heading', { level: 1, name: 'Settings' });
  await expect(h1).toBeFocused();
  await expect(page).toHaveTitle('Settings – Kindly');
  await expect(page.getByTestId('announcer')).toHaveText('Settings – Kindly');

  // The skip link takes keyboard users past the header.
  await page.goto('/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to main content' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toBeFocused();
});

test('changing language on Welcome switches the whole page and <html lang>', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('radio', { name: '简体中文' }).focus();
  await page.keyboard.press('Space');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('申请小额贷款');
  await expect(page.getByRole('radio', { name: '简体中文' })).toBeFocused();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('申请小额贷款');
  await expect(page).toHaveTitle('申请小额贷款 – Kindly');
});
