import type { Page } from '@playwright/test';

/** A page of Kindly as the a11y matrix visits it: where it is, and how to get there when it
 *  needs answers first. */
export interface PageUnderTest {
  name: string;
  path: string;
  /** Runs after the page has loaded, e.g. to press Continue and show the error state. */
  prepare?: (page: Page) => Promise<void>;
}

/** Every page of the app; the matrix, the keyboard tests and the screenshots use this list. */
export const PAGES: PageUnderTest[] = [
  { name: 'welcome', path: '/' },
  { name: 'settings', path: '/settings' },
  { name: 'not-found', path: '/no-such-page' },
];

/** The settings a page is checked under. */
export interface Look {
  lang: 'en' | 'zh-CN';
  theme: 'light' | 'dark' | 'contrast';
  textSize: '100' | '200';
}

/** Makes the page start with these settings, as if the person had chosen them before. */
export async function useLook(page: Page, look: Look): Promise<void> {
  await page.addInitScript((saved) => {
    localStorage.setItem('kindly.settings', saved);
  }, JSON.stringify(look));
}
