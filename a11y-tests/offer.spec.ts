import { mkdirSync, readFileSync } from 'node:fs';
import { type APIRequestContext, expect, type Page, test } from '@playwright/test';
import { parseCatalog } from '../src/loan';
import { figuresFor } from '../src/loan/application';
import { formatDate } from '../src/loan/dates';
import { formatMoney, formatPercent } from '../src/loan/money';
import { sentencesOf, spokenText } from '../src/voice/spoken-text';
import { axeViolations } from './support/axe';
import { layoutProblems } from './support/checks';
import { tabTo } from './support/keyboard';
import { addStaff as addHeadOfficeStaff, openByReference, signInReviewer } from './support/office';
import { applicantName, arrive, fillToDeclaration, H1, pressSend } from './support/offline';
import { type Look, SENT_OFFERED, seedStorage, useLook } from './support/pages';
import { addStaff, STAFF_PASSCODE } from './support/staff';
import { serverStoreEnv } from './support/stored';

// The applicant's side of the lender's answer, on the real server: an offer made by a reviewer
// in the back office, seen with the loan engine's figures for the offered terms, accepted offline
// and sent once back online, then withdrawn within 14 days; a decline shown with its reason
// and heard. And the offer page as a person uses it: keyboard only, both languages, at 320 px
// and 200% text, in light and high contrast.

const DAY_MS = 86_400_000;
const homeRepair = parseCatalog(
  JSON.parse(readFileSync('src/loan/catalog/products.json', 'utf8')),
).products.find((p) => p.id === 'home-repair');

/** Makes a reviewer in the test server's database with the real script; a signed-in token. */
async function reviewer(request: APIRequestContext): Promise<string> {
  const staffId = addStaff(serverStoreEnv(), 'Gao Lan', 'Head office', 'reviewer');
  const signedIn = await request.post('/api/staff/sessions', {
    data: { staffId, passcode: STAFF_PASSCODE },
  });
  expect(signedIn.status()).toBe(201);
  return ((await signedIn.json()) as { token: string }).token;
}

/** A reviewer's decision on an application, through the reviewers' API. */
async function decide(
  request: APIRequestContext,
  token: string,
  id: string,
  decision: Record<string, unknown>,
): Promise<void> {
  const answer = await request.post(`/api/office/applications/${id}/decision`, {
    headers: { Authorization: `Bearer ${token}` },
    data: decision,
  });
  expect(answer.status(), await answer.text()).toBe(200);
}

/** What the server says of an application now, with the applicant's token. */
async function serverView(request: APIRequestContext, sent: Sent) {
  const answer = await request.get(`/api/applications/${sent.id}`, {
    headers: { Authorization: `Bearer ${sent.accessToken}` },
  });
  return (await answer.json()) as {
    status: string;
    withdrawableUntil: string;
    answer: { agreedAt?: string } | null;
  };
}

interface Sent {
  id: string;
  reference: string;
  accessToken: string;
}

/** Sends an application through the journey; what this device remembers of it. */
async function sendApplication(page: Page, name: string): Promise<Sent> {
  await fillToDeclaration(page, name);
  await pressSend(page);
  await arrive(page, H1.sent);
  return page.evaluate(() => JSON.parse(localStorage.getItem('kindly.sent') ?? '[]')[0]);
}

/** The figure shown beside a key fact's label. */
function fact(page: Page, label: string) {
  return page.locator('dt', { hasText: label }).locator('xpath=following-sibling::dd[1]');
}

test('the whole loop: sent through the journey, offered less over a shorter term in the back office, new figures, accepted offline, agreement made, then withdrawn', async ({
  page,
  context,
  browser,
  request,
}) => {
  if (!homeRepair) throw new Error('the sample catalog has the home repair loan');
  const sent = await sendApplication(page, applicantName('方案接受', test.info()));
  const offer = { amount: 1_000_000, months: 6 };
  const engine = figuresFor(homeRepair, {
    principal: offer.amount,
    months: offer.months,
    method: 'annuity',
  });

  // The reviewer, on a computer of their own: signs in, finds it, offers less over fewer
  // months, and sees what the applicant would pay before sending.
  const office = await browser.newContext();
  const desk = await office.newPage();
  await signInReviewer(desk, addHeadOfficeStaff('Gao Lan', 'reviewer'));
  await openByReference(desk, sent.reference);
  await desk.getByRole('radio', { name: 'Make an offer' }).check();
  await desk.getByRole('textbox', { name: 'Amount to offer' }).fill('10,000');
  await desk.getByRole('radio', { name: '6 months', exact: true }).check();
  const before = desk.getByRole('region', { name: 'What the applicant would pay' });
  await expect(before).toContainText(formatMoney(engine.monthlyPayment, 'CNY', 'en'));
  await expect(before).toContainText(formatMoney(engine.totalPayable, 'CNY', 'en'));
  await desk.getByRole('button', { name: 'Send the decision' }).click();
  await expect(desk.locator('main :focus')).toContainText('Offer sent: the applicant will see it.');
  await office.close();

  await page.goto('/applications');
  await arrive(page, 'My applications');
  await expect(
    page.getByText(`Your application ${sent.reference} has an answer.`, { exact: true }).first(),
  ).toBeVisible();
  await page.getByRole('link', { name: `See the offer ${sent.reference}` }).click();
  await arrive(page, 'Your offer from the lender');

  await expect(fact(page, 'Annual rate, including all fees')).toHaveText(
    formatPercent(engine.annualRatePercent, 'en'),
  );
  // Level payments: the first is the monthly figure, the last takes up the rounding.
  await expect(fact(page, 'Each month you pay')).toContainText(
    formatMoney(engine.monthlyPayment, 'CNY', 'en'),
  );
  await expect(fact(page, 'Each month you pay')).not.toContainText('smaller');
  await expect(fact(page, 'In total you repay')).toHaveText(
    formatMoney(engine.totalPayable, 'CNY', 'en'),
  );
  await expect(fact(page, 'Number of payments')).toHaveText('6 payments, one a month');
  await expect(fact(page, 'Your right to change your mind')).toContainText('14 days');
  await expect(
    page.getByText(/not quite what you asked for \(¥12,500 over 12 months\)/),
  ).toBeVisible();

  await context.setOffline(true);
  await page.getByRole('button', { name: 'Accept this offer' }).click();
  await arrive(page, 'Acceptance saved, not sent yet');
  expect((await serverView(request, sent)).status).toBe('offered');

  await context.setOffline(false);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await arrive(page, 'Agreement made');
  await expect(page.locator('main h1')).toBeFocused();
  const agreed = await serverView(request, sent);
  expect(agreed.status).toBe('accepted');
  const agreedAt = new Date(agreed.answer?.agreedAt ?? NaN);
  expect(Date.parse(agreed.withdrawableUntil) - agreedAt.getTime()).toBe(14 * DAY_MS);
  await expect(fact(page, 'Agreement made on')).toHaveText(formatDate(agreedAt, 'en'));
  await expect(fact(page, 'Last day to withdraw')).toHaveText(
    formatDate(new Date(agreed.withdrawableUntil), 'en'),
  );

  await page.getByRole('link', { name: 'Go to My applications' }).click();
  await arrive(page, 'My applications');
  await expect(page.getByText('Offer accepted: agreement made')).toBeVisible();
  await page.getByRole('button', { name: `Withdraw ${sent.reference}` }).click();
  await page.getByRole('button', { name: 'Yes, withdraw it' }).click();
  await expect(page.getByText(`Application ${sent.reference} is withdrawn.`)).toBeVisible();
  expect((await serverView(request, sent)).status).toBe('withdrawn');
});

test('declined with a reason: shown, with free debt advice and the phone, and heard with voice guidance', async ({
  page,
  request,
}) => {
  // Every utterance voice guidance asks for, kept for the test to read; each ends by itself.
  await page.addInitScript(() => {
    const said: string[] = [];
    (window as unknown as { __said: string[] }).__said = said;
    class Utterance extends EventTarget {
      lang = '';
      rate = 1;
      pitch = 1;
      volume = 1;
      voice: unknown = null;
      onend: ((e: Event) => void) | null = null;
      onerror: ((e: Event) => void) | null = null;
      onstart: ((e: Event) => void) | null = null;
      constructor(public text = '') {
        super();
      }
    }
    const events = new EventTarget();
    const voice = {
      name: 'Test',
      lang: 'en-GB',
      voiceURI: 'test',
      localService: true,
      default: true,
    };
    Object.defineProperty(window, 'speechSynthesis', {
      configurable: true,
      value: {
        speaking: false,
        pending: false,
        paused: false,
        onvoiceschanged: null,
        getVoices: () => [voice],
        speak(u: Utterance) {
          said.push(u.text);
          setTimeout(() => u.onend?.(new Event('end')), 5);
        },
        cancel() {},
        pause() {},
        resume() {},
        addEventListener: events.addEventListener.bind(events),
        removeEventListener: events.removeEventListener.bind(events),
        dispatchEvent: events.dispatchEvent.bind(events),
      },
    });
    Object.defineProperty(window, 'SpeechSynthesisUtterance', {
      configurable: true,
      value: Utterance,
    });
  });
  const sent = await sendApplication(page, applicantName('方案拒绝', test.info()));
  const token = await reviewer(request);
  await decide(request, token, sent.id, {
    kind: 'decline',
    from: 'received',
    reason: 'other-debts',
  });
  await page.evaluate(() => {
    const saved = JSON.parse(localStorage.getItem('kindly.settings') ?? '{}');
    localStorage.setItem('kindly.settings', JSON.stringify({ ...saved, voiceGuidance: true }));
  });
  await page.goto('/applications');
  await arrive(page, 'My applications');
  const reason =
    'We are sorry: with what you already repay on other loans, another loan now could make things harder for you.';
  await expect(page.getByText('Not approved', { exact: true })).toBeVisible();
  await expect(page.getByText(reason)).toBeVisible();
  await expect(
    page.locator('main').getByText(/Free, confidential advice about money and debt.*400-888-5566/),
  ).toBeVisible();
  await page.getByRole('button', { name: 'Read this page', exact: true }).click();
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { __said: string[] }).__said))
    .toEqual(
      expect.arrayContaining([...sentencesOf(spokenText(reason, 'en')), 'Status: Not approved.']),
    );
});

const LOOKS: Look[] = [
  { lang: 'en', theme: 'light', textSize: '200' },
  { lang: 'en', theme: 'contrast', textSize: '200' },
  { lang: 'zh-CN', theme: 'light', textSize: '200' },
  { lang: 'zh-CN', theme: 'contrast', textSize: '200' },
];

for (const look of LOOKS) {
  test(`the offer page, keyboard only, at 320 px and 200% text (${look.lang}, ${look.theme})`, async ({
    page,
  }) => {
    const target = { name: 'offer', path: '/applications/offer?id=app-1', sent: [SENT_OFFERED] };
    await seedStorage(page, target);
    await useLook(page, look);
    // The lender answers the acceptance as the real server would (the application is made up).
    await page.route('**/api/applications/app-1/acceptance', (route) =>
      route.fulfill({
        json: {
          ...SENT_OFFERED,
          withdrawnAt: null,
          keptUntil: '2099-12-31T00:00:00.000Z',
          status: 'accepted',
          withdrawableUntil: '2099-12-21T10:00:00.000Z',
          answer: { ...SENT_OFFERED.answer, agreedAt: '2099-12-07T10:00:00.000Z' },
        },
      }),
    );
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto(target.path);
    const isEn = look.lang === 'en';
    await arrive(page, isEn ? 'Your offer from the lender' : '贷款机构给您的方案');
    const shots = '.kindly-tmp/shots/offer';
    mkdirSync(shots, { recursive: true });
    await page.screenshot({
      path: `${shots}/offer-${look.lang}-${look.theme}.png`,
      fullPage: true,
    });
    expect(await axeViolations(page)).toEqual([]);
    const layout = await layoutProblems(page);
    expect(Object.values(layout).flat()).toEqual([]);

    // The schedule opens from the keyboard, then Accept is reached and pressed, from a fresh
    // load (the checks above move focus about).
    await page.reload();
    await arrive(page, isEn ? 'Your offer from the lender' : '贷款机构给您的方案');
    const schedule = page.locator('details.schedule summary');
    await tabTo(page, schedule);
    await page.keyboard.press('Enter');
    await expect(page.locator('details.schedule')).toHaveAttribute('open', '');
    await expect(page.locator('.schedule tbody tr')).toHaveCount(6);
    const accept = page.getByRole('button', { name: isEn ? 'Accept this offer' : '接受这个方案' });
    await tabTo(page, accept);
    await page.keyboard.press('Enter');
    const agreed = page.getByRole('heading', {
      level: 1,
      name: isEn ? 'Agreement made' : '合同已订立',
    });
    await expect(agreed).toBeVisible();
    await expect(agreed).toBeFocused();
    await page.screenshot({
      path: `${shots}/agreed-${look.lang}-${look.theme}.png`,
      fullPage: true,
    });
    expect(await axeViolations(page)).toEqual([]);
  });
}
