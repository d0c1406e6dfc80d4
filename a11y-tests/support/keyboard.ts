import { expect, type Locator, type Page } from '@playwright/test';

/** Moves focus to an element the way a keyboard user does: pressing Tab until it has focus
 *  (never clicking, never calling focus()). Fails if it is not reachable within `limit`. */
export async function tabTo(page: Page, target: Locator, limit = 80): Promise<void> {
  const handle = await target.elementHandle();
  if (!handle) throw new Error('tabTo: element not found');
  for (let i = 0; i < limit; i++) {
    if (await handle.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
    const onBody = await page.evaluate(() => document.activeElement === document.body);
    expect(onBody, 'focus was lost to the page body').toBe(false);
  }
  throw new Error(`tabTo: not reached within ${limit} Tab presses`);
}

/** Types into a field reached by Tab. */
export async function typeInto(page: Page, field: Locator, text: string): Promise<void> {
  await tabTo(page, field);
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/** Chooses a radio reached by Tab: Tab lands on the group, arrows move, Space selects. */
export async function chooseRadio(page: Page, radio: Locator): Promise<void> {
  const name = (await radio.getAttribute('name')) ?? '';
  const count = await page.locator(`input[type="radio"][name="${name}"]`).count();
  await tabToGroup(page, name);
  for (let i = 0; i < count; i++) {
    if (await radio.evaluate((el) => el === document.activeElement)) break;
    await page.keyboard.press('ArrowDown');
  }
  await page.keyboard.press('Space');
  await expect(radio).toBeChecked();
}

async function isFocusedInGroup(page: Page, name: string | null): Promise<boolean> {
  return page.evaluate(
    (n) => (document.activeElement as HTMLInputElement | null)?.name === n,
    name,
  );
}

async function tabToGroup(page: Page, name: string, limit = 80): Promise<void> {
  for (let i = 0; i < limit; i++) {
    if (await isFocusedInGroup(page, name)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`radio group ${name} not reached by Tab`);
}

/** Presses the page's main button (Continue, Send) by Tab and Enter. */
export async function pressButton(page: Page, button: Locator): Promise<void> {
  await tabTo(page, button);
  await page.keyboard.press('Enter');
}
