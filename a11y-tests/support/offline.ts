import { expect, type Page, type TestInfo } from '@playwright/test';
import { buildSchedule, formatMoney } from '../../src/loan';
import { residentIdCheckCharacter } from '../../src/loan/applicant';
import { storedApplications } from './stored';

export { DB_PATH } from './stored';

const first17 = '11010519580327123';
/** A valid mainland resident ID number (born 27 March 1958) the tests' applicants give. */
export const ID_NUMBER = first17 + residentIdCheckCharacter(first17);

/** The first monthly payment of the application the helpers fill in (home repair, 12 500
 *  over 12 months), as the teach-back question shows it. */
export const MONTHLY = formatMoney(
  buildSchedule({
    principal: 1_250_000,
    annualRatePercent: 6,
    months: 12,
    method: 'annuity',
    upfrontFee: 3000,
  }).instalments[0]?.payment ?? 0,
  'CNY',
  'en',
);

/** The journey's pages in order, by the h1 each shows (English). */
export const H1 = {
  choose: 'Which loan do you want to apply for?',
  amount: 'How much do you want to borrow?',
  term: 'How long do you want to repay it over?',
  repay: 'What you will repay',
  about: 'About you',
  income: 'Your income',
  contact: 'Is there someone we can contact if we are worried about you?',
  safety: 'Has anyone asked you to take this loan for them, or told you to keep it secret?',
  check: 'Check your answers before sending',
  understand: 'How much will you pay each month?',
  declare: 'Send your application',
  sent: 'Application sent',
  pending: 'Not sent yet',
} as const;

/** The applicant's name for one run of a test: the base name marks the test's rows in the
 *  shared database, and two letters tell its runs apart (--repeat-each, retries), so a
 *  repeated test counts only its own application. */
export function applicantName(base: string, info: TestInfo): string {
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  const run = info.repeatEachIndex + 100 * info.retry;
  return `${base} ${letters[Math.floor(run / 26) % 26]}${letters[run % 26]}`;
}

/** Waits for the page whose h1 is this. */
export async function arrive(page: Page, h1: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: h1 })).toBeVisible();
}

async function next(page: Page, h1: string): Promise<void> {
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await arrive(page, h1);
}

/** Fills one page of the journey (the page with this h1) and presses Continue. The
 *  applicant's name marks this test's rows in the shared database. */
export async function answerPage(page: Page, h1: string, name: string): Promise<void> {
  const main = page.locator('main');
  switch (h1) {
    case H1.choose:
      await main.getByRole('radio', { name: /Home repair loan/ }).check();
      return next(page, H1.amount);
    case H1.amount:
      await main.getByRole('textbox', { name: H1.amount }).fill('12,500');
      return next(page, H1.term);
    case H1.term:
      await main.getByRole('radio', { name: /^12 months/ }).check();
      return next(page, H1.repay);
    case H1.repay:
      return next(page, H1.about);
    case H1.about:
      await main.getByRole('textbox', { name: 'Full name' }).fill(name);
      await main.getByRole('textbox', { name: 'Day' }).fill('27');
      await main.getByRole('textbox', { name: 'Month' }).fill('3');
      await main.getByRole('textbox', { name: 'Year' }).fill('1958');
      await main.getByRole('textbox', { name: 'ID card number' }).fill(ID_NUMBER);
      await main.getByRole('textbox', { name: 'Mobile phone number' }).fill('138 0013 8000');
      return next(page, H1.income);
    case H1.income:
      await main.getByRole('radio', { name: /^¥6,000(\.00)? to ¥9,999/ }).check();
      await main
        .getByRole('textbox', {
          name: 'How much do you already repay each month on other loans and credit cards?',
        })
        .fill('0');
      return next(page, H1.contact);
    case H1.contact:
      await main.getByRole('button', { name: 'Skip this question' }).click();
      return arrive(page, H1.safety);
    case H1.safety:
      await main.getByRole('radio', { name: 'No', exact: true }).check();
      return next(page, H1.check);
    case H1.check:
      return next(page, H1.understand);
    case H1.understand:
      await main.getByRole('radio', { name: MONTHLY }).check();
      return next(page, H1.declare);
    default:
      throw new Error(`answerPage: no answers for "${h1}"`);
  }
}

/** The question pages from choosing a loan to the declaration, in order. */
export const QUESTION_PAGES = [
  H1.choose,
  H1.amount,
  H1.term,
  H1.repay,
  H1.about,
  H1.income,
  H1.contact,
  H1.safety,
  H1.check,
  H1.understand,
] as const;

/** Goes from the first question to the declaration page, answering everything. */
export async function fillToDeclaration(page: Page, name: string): Promise<void> {
  await page.goto('/apply');
  await arrive(page, H1.choose);
  for (const h1 of QUESTION_PAGES) await answerPage(page, h1, name);
}

/** Presses Send on the declaration page. */
export async function pressSend(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Send my application' }).click();
}

/** How many applications the server stored for this applicant. */
export function serverRows(name: string): number {
  return storedApplications().filter((app) => app.body.includes(name)).length;
}

/** How many applications wait in this device's outbox (read straight from IndexedDB). */
export function outboxCount(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const open = indexedDB.open('kindly');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('outbox')) {
            db.close();
            resolve(0);
            return;
          }
          const count = db.transaction('outbox').objectStore('outbox').count();
          count.onsuccess = () => {
            db.close();
            resolve(count.result);
          };
          count.onerror = () => reject(count.error);
        };
      }),
  );
}

/** The ending every failure mode must reach: one application on the server, nothing left
 *  waiting on the device. */
export async function expectSentOnce(page: Page, name: string): Promise<void> {
  await expect.poll(() => serverRows(name), { timeout: 30_000 }).toBe(1);
  await expect.poll(() => outboxCount(page), { timeout: 30_000 }).toBe(0);
  // And it stays that way: no late duplicate from a retry still in flight.
  await page.waitForTimeout(1_000);
  expect(serverRows(name)).toBe(1);
}

/** Waits until the service worker controls the page (it claims the first page it sees). */
export async function waitForServiceWorker(page: Page): Promise<void> {
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready;
    if (!navigator.serviceWorker.controller) {
      await new Promise((resolve) =>
        navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }),
      );
    }
  });
}
