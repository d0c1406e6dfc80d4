// The back office as reviewers use it: signing in (and branch staff kept out), the queue, an
// application's page, deciding (an offer's figures from the loan engine shown before it is
// sent), four eyes, a withdrawn application, the keyboard alone, and every page through axe,
// the project's layout checks and screenshots in each look.
import { mkdirSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { figuresFor } from '../src/loan/application';
import { formatMoney } from '../src/loan/money';
import { axeViolations } from './support/axe';
import { layoutProblems } from './support/checks';
import { chooseRadio, pressButton, tabTo, typeInto } from './support/keyboard';
import {
  addStaff,
  applicantView,
  openByReference,
  PASSCODE,
  productOf,
  sendApplication,
  signInReviewer,
} from './support/office';
import type { Look } from './support/pages';

const h1 = (page: Page) => page.getByRole('heading', { level: 1 });
const send = (page: Page) => page.getByRole('button', { name: 'Send the decision' });
/** The element with focus holds this text (a message focus was moved to). */
const expectFocusOn = (page: Page, text: string | RegExp) =>
  expect(page.locator('main :focus')).toContainText(text);

test('a reviewer finds an application in the queue and offers a smaller amount, its figures shown before sending', async ({
  page,
  request,
}) => {
  const reviewer = addStaff('Gao Lan', 'reviewer');
  const receipt = await sendApplication(request, 'shop-working-capital', {
    amount: 2_000_000,
    months: 12,
    method: 'annuity',
  });
  await signInReviewer(page, reviewer);
  // The queue of applications waiting, oldest first, a page at a time by the API's cursor. The
  // other tests' applications come before this one, so the reviewer finds it by its reference.
  await page.getByRole('radio', { name: 'Waiting: not decided yet' }).check();
  const pageOf = (n: number) =>
    page.getByRole('table', { name: `Waiting: not decided yet, oldest first: page ${n}` });
  await expect(pageOf(1)).toBeVisible();
  const next = page.getByRole('button', { name: 'Next page' });
  if (await next.isVisible()) {
    await next.click();
    await expect(pageOf(2)).toBeFocused();
    await page.getByRole('button', { name: 'Previous page' }).click();
    await expect(pageOf(1)).toBeFocused();
  }
  await page.getByRole('textbox', { name: 'Find by reference' }).fill(receipt.reference);
  await page.getByRole('button', { name: 'Find', exact: true }).click();
  const found = page.getByRole('row').filter({ hasText: receipt.reference });
  await expect(found).toContainText('Waiting: not decided yet');
  await found.getByRole('link', { name: receipt.reference }).click();
  await expect(h1(page)).toHaveText(`Application ${receipt.reference}`);
  await expect(page.getByRole('region', { name: 'Pre-assessment' })).toContainText(
    'Meets every rule',
  );
  await expect(page.getByRole('region', { name: 'What the applicant entered' })).toContainText(
    '王小明',
  );

  await page.getByRole('radio', { name: 'Make an offer' }).check();
  const amount = page.getByRole('textbox', { name: 'Amount to offer' });
  await expect(amount).toHaveValue('20,000');
  await amount.fill('15,000');
  await page.getByRole('radio', { name: '18 months' }).check();
  const expected = figuresFor(productOf('shop-working-capital'), {
    principal: 1_500_000,
    months: 18,
    method: 'annuity',
  });
  const figures = page.getByRole('region', { name: 'What the applicant would pay' });
  await expect(figures).toContainText(formatMoney(expected.monthlyPayment, 'CNY', 'en'));
  await expect(figures).toContainText(formatMoney(expected.totalPayable, 'CNY', 'en'));
  await expect(figures).toContainText(`${expected.annualRatePercent.toFixed(2)}%`);
  await send(page).click();

  await expectFocusOn(page, 'Offer sent: the applicant will see it.');
  await expect(page.getByText('State: Offered: waiting for the applicant')).toBeVisible();
  const seen = await applicantView(request, receipt);
  expect(seen.status).toBe('offered');
  expect(seen.answer?.offer).toMatchObject({
    amount: 1_500_000,
    months: 18,
    method: 'annuity',
    monthlyPayment: expected.monthlyPayment,
    totalPayable: expected.totalPayable,
  });
  const history = page.getByRole('table', { name: /Every look/ });
  await expect(history).toContainText('Looked at the personal details');
  await expect(history).toContainText(`${reviewer}Offered ¥15,000.00 over 18 monthly payments`);
});

test('four eyes: an offer above the product’s amount waits for a second reviewer, never its proposer', async ({
  page,
  request,
}) => {
  const first = addStaff('Gao Lan', 'reviewer');
  const second = addStaff('Zhou Min', 'reviewer');
  const receipt = await sendApplication(request, 'shop-working-capital', { amount: 4_000_000 });
  await signInReviewer(page, first);
  await openByReference(page, receipt.reference);
  await page.getByRole('radio', { name: 'Make an offer' }).check();
  await expect(
    page.getByText('This offer is above ¥30,000.00: a second reviewer must agree'),
  ).toBeVisible();
  await send(page).click();
  await expectFocusOn(page, 'Offer proposed: it waits for a second reviewer to agree.');
  expect((await applicantView(request, receipt)).status).toBe('awaiting-approval');

  await page.getByRole('button', { name: 'Agree to this offer' }).click();
  await expectFocusOn(page, 'You proposed this offer, so another reviewer must agree to it.');
  expect((await applicantView(request, receipt)).status).toBe('awaiting-approval');

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(h1(page)).toHaveText('Back office: reviewer sign-in');
  await expect(h1(page)).toBeFocused();
  await signInReviewer(page, second);
  await openByReference(page, receipt.reference);
  const proposed = figuresFor(productOf('shop-working-capital'), {
    principal: 4_000_000,
    months: 6,
    method: 'annuity',
  });
  await expect(
    page.getByRole('region', { name: 'An offer waiting for a second reviewer' }),
  ).toContainText(formatMoney(proposed.monthlyPayment, 'CNY', 'en'));
  await page.getByRole('button', { name: 'Agree to this offer' }).click();
  await expectFocusOn(page, 'You agreed: the offer is sent to the applicant.');
  const seen = await applicantView(request, receipt);
  expect(seen.status).toBe('offered');
  expect(seen.answer?.offer).toMatchObject({ amount: 4_000_000 });
  await expect(page.getByRole('table', { name: /Every look/ })).toContainText(
    `${second}Agreed to the offer`,
  );
});

test('branch staff are told they are not reviewers and do not get in', async ({ page }) => {
  const branch = addStaff('Li Wei', 'branch');
  await page.goto('/office');
  await page.getByRole('textbox', { name: 'Staff ID' }).fill(branch);
  await page.getByLabel('Passcode').fill(PASSCODE);
  await page.getByRole('button', { name: 'Sign in' }).click();
  const summary = page.locator('.error-summary');
  await expect(summary).toBeFocused();
  await expect(summary).toContainText('Li Wei is branch staff, not a reviewer');
  await expect(h1(page)).toHaveText('Back office: reviewer sign-in');
  await page.reload();
  await expect(h1(page)).toHaveText('Back office: reviewer sign-in');
});

test('a withdrawn application cannot be decided; an error keeps what was typed', async ({
  page,
  request,
}) => {
  const reviewer = addStaff('Gao Lan', 'reviewer');
  const gone = await sendApplication(request, 'home-repair', { amount: 1_000_000 });
  const open = await sendApplication(request, 'home-repair', { amount: 1_000_000 });
  const withdraw = (receipt: typeof gone) =>
    request.post(`/api/applications/${receipt.id}/withdraw`, {
      headers: { Authorization: `Bearer ${receipt.accessToken}` },
    });
  expect((await withdraw(gone)).status()).toBe(200);
  await signInReviewer(page, reviewer);
  await openByReference(page, gone.reference);
  await expect(page.getByText(/withdrew this application on .* cannot be decided/)).toBeVisible();
  await expect(send(page)).toHaveCount(0);

  await page.getByRole('link', { name: 'Back to the queue' }).click();
  await openByReference(page, open.reference);
  await page.getByRole('radio', { name: 'Make an offer' }).check();
  const amount = page.getByRole('textbox', { name: 'Amount to offer' });
  await amount.fill('60,000');
  await send(page).click();
  await expect(page.locator('.error-summary')).toBeFocused();
  await expect(page.locator('.error-summary')).toContainText(
    'Offer the amount applied for or less',
  );
  await expect(amount).toHaveValue('60,000');
  await expect(amount).toHaveAttribute('aria-invalid', 'true');

  // The applicant withdraws while the reviewer decides: nothing is sent, and the reviewer is
  // told and sees the application as it now is.
  expect((await withdraw(open)).status()).toBe(200);
  await page.getByRole('radio', { name: 'Decline' }).check();
  await page.getByRole('radio', { name: /other loans/ }).check();
  await send(page).click();
  await expectFocusOn(page, /changed since you opened it/);
  await expect(page.getByText('State: Withdrawn by the applicant')).toBeVisible();
  expect((await applicantView(request, open)).status).toBe('withdrawn');
});

test('by keyboard alone: sign in, find an application, ask for a call first with a note', async ({
  page,
  request,
}) => {
  const reviewer = addStaff('Gao Lan', 'reviewer');
  const receipt = await sendApplication(request, 'emergency', { amount: 300_000 });
  await page.goto('/office');
  await typeInto(page, page.getByRole('textbox', { name: 'Staff ID' }), reviewer);
  await typeInto(page, page.getByLabel('Passcode'), PASSCODE);
  await pressButton(page, page.getByRole('button', { name: 'Sign in' }));
  await expect(h1(page)).toHaveText('Applications to review');
  await expect(h1(page)).toBeFocused();
  await typeInto(page, page.getByRole('textbox', { name: 'Find by reference' }), receipt.reference);
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('table', { name: `Application with the reference ${receipt.reference}` }),
  ).toBeVisible();
  const link = page.getByRole('link', { name: receipt.reference });
  await tabTo(page, link);
  await page.keyboard.press('Enter');
  await expect(h1(page)).toHaveText(`Application ${receipt.reference}`);
  await expect(h1(page)).toBeFocused();
  await chooseRadio(page, page.getByRole('radio', { name: /Call the applicant first/ }));
  const note = 'Ask who suggested the loan.';
  await typeInto(page, page.getByRole('textbox', { name: 'What to ask on the call' }), note);
  await pressButton(page, send(page));
  await expectFocusOn(page, 'Recorded: the applicant is told the lender will call.');
  expect((await applicantView(request, receipt)).status).toBe('call-first');
  await expect(page.getByRole('table', { name: /Every look/ })).toContainText(`Note: ${note}`);
});

// Every office page in each language, theme and text size: axe (AA with AAA contrast), 48 px
// targets, reflow, clipping and focus rings; and screenshots at 1024 and 768 px and at 320 px
// with 200% text, light and high contrast, to look at.
const SHOTS = '.kindly-tmp/office-shots';
const LOOKS: { theme: Look['theme']; textSize: Look['textSize']; width: number }[] = [
  { theme: 'light', textSize: '100', width: 1024 },
  { theme: 'light', textSize: '100', width: 768 },
  { theme: 'light', textSize: '200', width: 320 },
  { theme: 'dark', textSize: '100', width: 1024 },
  { theme: 'dark', textSize: '200', width: 320 },
  { theme: 'contrast', textSize: '100', width: 1024 },
  { theme: 'contrast', textSize: '100', width: 768 },
  { theme: 'contrast', textSize: '200', width: 320 },
];

type OfficePage = 'sign-in' | 'queue' | 'application' | 'decline';

// What each page is opened with: the offer's part of the form open with its figures, or the
// reasons for declining, each in the applicant's words in both languages. By keyboard, as
// after a click Chromium shows no focus ring on what focus is moved to.
async function prepare(page: Page, name: OfficePage): Promise<void> {
  if (name === 'application' || name === 'decline') {
    const kind = name === 'application' ? 'offer' : 'decline';
    await page.locator(`input[name="decision-kind"][value="${kind}"]`).focus();
    await page.keyboard.press('Space');
    await expect(
      page.locator(name === 'application' ? '.office-figures dl' : 'input[name="decline-reason"]'),
    ).not.toHaveCount(0);
  }
}

for (const lang of ['en', 'zh-CN'] as const) {
  for (const name of ['sign-in', 'queue', 'application', 'decline'] as const) {
    test(`office ${name} page in ${lang}: axe, targets, reflow, clipping, focus, screenshots`, async ({
      page,
      request,
    }) => {
      mkdirSync(SHOTS, { recursive: true });
      let path = '/office';
      if (name !== 'sign-in') {
        const reviewer = addStaff('Gao Lan', 'reviewer');
        const receipt = await sendApplication(request, 'shop-working-capital', {
          amount: 2_000_000,
        });
        await signInReviewer(page, reviewer);
        if (name !== 'queue') path = `/office/application?id=${receipt.id}`;
      }
      await page.addInitScript(() => {
        const look = sessionStorage.getItem('kindly.test.look');
        if (look) localStorage.setItem('kindly.settings', look);
      });
      const problems: string[] = [];
      for (const { theme, textSize, width } of LOOKS) {
        await page.setViewportSize({ width, height: 900 });
        await page.goto('/no-such-page');
        await page.evaluate(
          (saved) => sessionStorage.setItem('kindly.test.look', saved),
          JSON.stringify({ lang, theme, textSize }),
        );
        await page.goto(path);
        await expect(page.locator('main h1')).toHaveCount(1);
        await expect(page.locator('html')).toHaveAttribute('lang', lang);
        await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
        await expect(page.locator('main table, main form').first()).toBeVisible();
        await prepare(page, name);
        const where = `${theme} ${textSize}% ${width}px`;
        for (const v of await axeViolations(page)) problems.push(`${where} axe ${v}`);
        for (const [kind, list] of Object.entries(await layoutProblems(page))) {
          for (const p of list) problems.push(`${where} ${kind}: ${p}`);
        }
        if (theme !== 'dark') {
          await page.screenshot({
            path: `${SHOTS}/${name}-${lang}-${theme}-${width}.png`,
            fullPage: true,
          });
        }
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });
  }
}
