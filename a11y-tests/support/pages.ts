import type { Page } from '@playwright/test';
import { SENT_APPLICATION as SENT } from './sent';

/** A page of Kindly as the a11y matrix visits it: where it is, and how to get there when it
 *  needs answers first. */
export interface PageUnderTest {
  name: string;
  path: string;
  /** Answers already given, put in the tab's saved draft before the page loads. */
  draft?: Record<string, unknown>;
  /** Applications this device has sent (for My applications and Confirmation). */
  sent?: readonly object[];
  /** Runs after the page has loaded, e.g. to press Continue and show the error state. */
  prepare?: (page: Page) => Promise<void>;
  /** Branch staff are signed in on this tab (assisted mode: the banner shows). */
  isAssisted?: boolean;
  /** Requests (a URL glob) that find no connection, as if the device were offline for them. */
  unreachable?: string;
}

/** A staff session as the server gives it, for pages seen in assisted mode. */
export const STAFF_SESSION = {
  token: 'not-a-real-token',
  staff: { id: 'S-7F3Q', name: 'Li Wei', branch: 'Pudong 3' },
  expiresAt: '2099-12-31T09:00:00.000Z',
  attestation: 'not-a-real-attestation',
  issuedAt: '2026-01-01T09:00:00.000Z',
};

/** A complete application up to check-your-answers: every earlier step answered. */
export const FULL_DRAFT = {
  productId: 'shop-working-capital',
  amountText: '20,000',
  amount: 2_000_000,
  months: 12,
  method: 'annuity',
  fullName: '王秀英',
  dobDay: '27',
  dobMonth: '3',
  dobYear: '1968',
  idNumber: '110105196803271235',
  phone: '13800138000',
  incomeBand: '6000-9999',
  repaymentsText: '0',
  existingRepayments: 0,
  contactChoice: 'add',
  contactName: '李明',
  contactPhone: '13900139000',
  contactRelationship: '儿子',
  pressured: 'no',
};

/** An application the lender answered with an offer: less, over a shorter term, than asked
 *  for, repaid more at first then less each month. */
export const SENT_OFFERED = {
  ...SENT,
  productId: 'shop-working-capital',
  amount: 1_200_000,
  status: 'offered',
  answer: {
    kind: 'offer',
    offer: {
      amount: 800_000,
      months: 6,
      method: 'equal-principal',
      expiresAt: '2099-12-20T09:00:00.000Z',
    },
  },
  checkedAt: '2026-11-29T09:30:00.000Z',
};

/** The same application once the offer is accepted: the agreement and 14 days to withdraw. */
const SENT_AGREED = {
  ...SENT_OFFERED,
  status: 'accepted',
  withdrawableUntil: '2099-12-21T10:00:00.000Z',
  answer: { ...SENT_OFFERED.answer, agreedAt: '2099-12-07T10:00:00.000Z' },
};

/** Presses "No thank you" (from the keyboard), to show the question. */
async function askToRefuse(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^(No thank you|不用了，谢谢)$/ }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.tagName === 'FIELDSET');
}

/** Presses Continue (from the keyboard) with the page as it is, to show its error state. */
async function continueEmpty(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^(Continue|继续)$/ }).focus();
  await page.keyboard.press('Enter');
  await page.locator('.error-summary').waitFor();
}

const step = (keys: (keyof typeof FULL_DRAFT)[]) =>
  Object.fromEntries(keys.map((k) => [k, FULL_DRAFT[k]]));
const upToTerm = step(['productId', 'amountText', 'amount']);
const upToAbout = step(['productId', 'amountText', 'amount', 'months', 'method']);

/** Presses a form's submit button (from the keyboard) with nothing filled in. */
function submitEmpty(name: RegExp): (page: Page) => Promise<void> {
  return async (page) => {
    await page.getByRole('button', { name }).focus();
    await page.keyboard.press('Enter');
    await page.locator('.error-summary').waitFor();
  };
}

/** Follows Welcome's link to My applications with that page's code unreachable (offline
 *  before the service worker had it), to show "This page could not be opened". */
async function failToOpenMyApplications(page: Page): Promise<void> {
  await page.route('**/assets/MyApplicationsPage-*.js', (route) =>
    route.abort('internetdisconnected'),
  );
  // From the keyboard, as the other error states: a click would hide focus rings after it.
  await page.locator('main a[href="/applications"]').focus();
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: /^(Try again|再试一次)$/ }).waitFor();
}

/** Presses Send with the lender out of reach, to show the page where the application waits
 *  on the device. */
async function sendWithoutConnection(page: Page): Promise<void> {
  await page.route('**/api/applications', (route) => route.abort('internetdisconnected'));
  await page.getByRole('button', { name: /^(Send my application|发送我的申请)$/ }).focus();
  await page.keyboard.press('Enter');
  await page.locator('.waiting-panel').waitFor();
}

/** Presses Withdraw on My applications (from the keyboard), to show the question. */
async function askToWithdraw(page: Page): Promise<void> {
  await page.getByRole('button', { name: /^(Withdraw|撤回) KND-/ }).focus();
  await page.keyboard.press('Enter');
  // The question takes focus a frame after it shows.
  await page.waitForFunction(() => document.activeElement?.tagName === 'FIELDSET');
}

/** Withdraws on My applications, the lender's answers stood in for (the sample application
 *  is not on the test server), to show the result. */
async function withdraw(page: Page): Promise<void> {
  await page.route('**/api/applications/app-1**', (route) => {
    const status = route.request().method() === 'POST' ? 'withdrawn' : 'received';
    return route.fulfill({ json: { status, withdrawableUntil: SENT.withdrawableUntil } });
  });
  await askToWithdraw(page);
  await page.getByRole('button', { name: /^(Yes, withdraw it|是的，撤回)$/ }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    () => document.activeElement?.matches('main section[tabindex="-1"]') === true,
  );
  await page.getByText(/^(Application KND-\S+ is withdrawn\.|申请 KND-\S+ 已撤回。)$/).waitFor();
}

/** Presses "Erase what this tablet keeps" (from the keyboard), to show the question. */
async function askToEraseTablet(page: Page): Promise<void> {
  await page
    .getByRole('button', { name: /^(Erase what this tablet keeps|删除这台平板保存的信息)$/ })
    .focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(() => document.activeElement?.tagName === 'FIELDSET');
}

/** Erases what the tablet keeps, to show the result. */
async function eraseTablet(page: Page): Promise<void> {
  await askToEraseTablet(page);
  await page.getByRole('button', { name: /^(Yes, erase it|是的，删除)$/ }).focus();
  await page.keyboard.press('Enter');
  await page.waitForFunction(
    () => document.activeElement?.matches('main section[tabindex="-1"]') === true,
  );
}

/** One application withdrawn (its personal details can be erased now) beside one still being
 *  considered. */
const SENT_FOR_PRIVACY = [
  { ...SENT, id: 'app-2', reference: 'KND-8G4-R2D', status: 'withdrawn' },
  SENT,
];

/** Every page of the app; the matrix, the keyboard tests and the screenshots use this list. */
export const PAGES: PageUnderTest[] = [
  { name: 'welcome', path: '/' },
  { name: 'settings', path: '/settings' },
  { name: 'not-found', path: '/no-such-page' },
  { name: 'page-load-failed', path: '/', prepare: failToOpenMyApplications },
  { name: 'choose-loan', path: '/apply' },
  { name: 'choose-loan-error', path: '/apply', prepare: continueEmpty },
  { name: 'amount', path: '/apply/amount', draft: { productId: 'home-repair' } },
  {
    name: 'amount-error',
    path: '/apply/amount',
    draft: { productId: 'home-repair', amountText: '12,345' },
    prepare: continueEmpty,
  },
  { name: 'term', path: '/apply/term', draft: upToTerm },
  { name: 'term-error', path: '/apply/term', draft: upToTerm, prepare: continueEmpty },
  { name: 'repayment', path: '/apply/repayment', draft: upToAbout },
  { name: 'about-you', path: '/apply/about-you', draft: upToAbout },
  { name: 'about-you-error', path: '/apply/about-you', draft: upToAbout, prepare: continueEmpty },
  {
    name: 'about-you-card-explain',
    path: '/apply/about-you',
    draft: upToAbout,
    prepare: async (page) => {
      // From the keyboard, as a mouse click would leave the page without focus rings.
      await page.locator('.card-fill .button-row button').first().focus();
      await page.keyboard.press('Enter');
      await page.locator('.card-fill h3').waitFor();
    },
  },
  { name: 'income', path: '/apply/income', draft: { ...FULL_DRAFT, incomeBand: null } },
  {
    name: 'income-error',
    path: '/apply/income',
    draft: { ...FULL_DRAFT, incomeBand: 'rather-not-say', repaymentsText: '' },
    prepare: continueEmpty,
  },
  {
    name: 'affordability',
    path: '/apply/affordability',
    draft: { ...FULL_DRAFT, incomeBand: 'under-2000' },
  },
  { name: 'trusted-contact', path: '/apply/trusted-contact', draft: FULL_DRAFT },
  {
    name: 'trusted-contact-error',
    path: '/apply/trusted-contact',
    draft: { ...FULL_DRAFT, contactPhone: '123' },
    prepare: continueEmpty,
  },
  { name: 'safety', path: '/apply/safety', draft: { ...FULL_DRAFT, pressured: null } },
  {
    name: 'safety-error',
    path: '/apply/safety',
    draft: { ...FULL_DRAFT, pressured: null },
    prepare: continueEmpty,
  },
  { name: 'safety-stop', path: '/apply/safety-stop', draft: { ...FULL_DRAFT, pressured: 'yes' } },
  { name: 'check', path: '/apply/check', draft: FULL_DRAFT },
  { name: 'understand', path: '/apply/understand', draft: FULL_DRAFT },
  {
    name: 'understand-error',
    path: '/apply/understand',
    draft: FULL_DRAFT,
    prepare: continueEmpty,
  },
  {
    name: 'declaration',
    path: '/apply/declaration',
    draft: { ...FULL_DRAFT, teachBackCorrect: true, teachBackAttempts: 1 },
  },
  {
    name: 'confirmation-waiting',
    path: '/apply/declaration',
    draft: { ...FULL_DRAFT, teachBackCorrect: true, teachBackAttempts: 1 },
    prepare: sendWithoutConnection,
  },
  { name: 'confirmation', path: '/apply/confirmation?id=app-1', sent: [SENT] },
  { name: 'my-applications', path: '/applications', sent: [SENT] },
  {
    name: 'my-applications-declined',
    path: '/applications',
    sent: [
      {
        ...SENT,
        status: 'declined',
        answer: { kind: 'decline', reason: 'other-debts' },
        checkedAt: '2026-11-29T09:30:00.000Z',
      },
      { ...SENT, id: 'app-2', reference: 'KND-9K4-T2M', status: 'call-first' },
    ],
  },
  {
    name: 'my-applications-ended',
    path: '/applications',
    sent: [{ ...SENT, isAccessEnded: true }],
  },
  {
    name: 'my-applications-withdraw',
    path: '/applications',
    sent: [SENT],
    prepare: askToWithdraw,
  },
  {
    name: 'my-applications-withdrawn',
    path: '/applications',
    sent: [SENT],
    prepare: withdraw,
  },
  { name: 'my-applications-offered', path: '/applications', sent: [SENT_OFFERED] },
  { name: 'offer', path: '/applications/offer?id=app-1', sent: [SENT_OFFERED] },
  {
    name: 'offer-refuse-question',
    path: '/applications/offer?id=app-1',
    sent: [SENT_OFFERED],
    prepare: askToRefuse,
  },
  {
    name: 'offer-waiting',
    path: '/applications/offer?id=app-1',
    unreachable: '**/api/applications/*/acceptance',
    sent: [
      {
        ...SENT_OFFERED,
        pendingAcceptance: {
          idempotencyKey: '6f1c2f0e-8a4b-4c1e-9d2a-3b5e7f9a1c2d',
          at: '2026-11-29T09:40:00.000Z',
        },
      },
    ],
  },
  { name: 'offer-agreed', path: '/applications/offer?id=app-1', sent: [SENT_AGREED] },
  {
    name: 'offer-lapsed',
    path: '/applications/offer?id=app-1',
    sent: [{ ...SENT_OFFERED, status: 'lapsed' }],
  },
  { name: 'privacy', path: '/privacy', sent: SENT_FOR_PRIVACY },
  {
    name: 'privacy-erase-question',
    path: '/privacy',
    sent: SENT_FOR_PRIVACY,
    prepare: askToEraseTablet,
  },
  { name: 'privacy-erased', path: '/privacy', sent: SENT_FOR_PRIVACY, prepare: eraseTablet },
  { name: 'staff-sign-in', path: '/settings/staff' },
  {
    name: 'staff-sign-in-error',
    path: '/settings/staff',
    prepare: submitEmpty(/^(Sign in|登录)$/),
  },
  { name: 'staff-signed-in', path: '/settings/staff', isAssisted: true },
  { name: 'about-you-assisted', path: '/apply/about-you', draft: upToAbout, isAssisted: true },
  {
    name: 'about-you-assisted-staff',
    path: '/apply/about-you',
    draft: upToAbout,
    isAssisted: true,
    // Staff answering (chosen by keyboard): the box takes the banner's colours, its hint
    // says so.
    prepare: async (page) => {
      await page.locator('.answering-toggle input[value="applicant"]').focus();
      await page.keyboard.press('ArrowRight');
      await page.locator('.answering-toggle--staff').waitFor();
    },
  },
  { name: 'check-assisted', path: '/apply/check', draft: FULL_DRAFT, isAssisted: true },
  { name: 'hand-over', path: '/apply/hand-over', draft: FULL_DRAFT, isAssisted: true },
  { name: 'end-session', path: '/settings/staff/end', isAssisted: true },
  {
    name: 'end-session-unfinished',
    path: '/settings/staff/end',
    draft: upToAbout,
    isAssisted: true,
  },
  { name: 'session-ended', path: '/settings/staff/ended' },
  { name: 'resume-new', path: '/resume/new', draft: FULL_DRAFT },
  { name: 'resume-redeem', path: '/resume' },
  {
    name: 'resume-redeem-error',
    path: '/resume',
    prepare: submitEmpty(/^(Continue my application|继续我的申请)$/),
  },
];

/** The settings a page is checked under. */
export interface Look {
  lang: 'en' | 'zh-CN';
  theme: 'light' | 'dark' | 'contrast';
  textSize: '100' | '200';
}

/** Puts a page's draft and sent applications in storage before any of its scripts run. */
export async function seedStorage(page: Page, target: PageUnderTest): Promise<void> {
  await page.addInitScript(
    ({ draft, sent, staff }) => {
      if (draft) sessionStorage.setItem('kindly.draft', draft);
      if (sent) localStorage.setItem('kindly.sent', sent);
      if (staff) sessionStorage.setItem('kindly.staffSession', staff);
    },
    {
      draft: target.draft ? JSON.stringify(target.draft) : null,
      sent: target.sent ? JSON.stringify(target.sent) : null,
      staff: target.isAssisted ? JSON.stringify(STAFF_SESSION) : null,
    },
  );
  if (target.unreachable) await page.route(target.unreachable, (route) => route.abort());
  if (target.isAssisted) {
    // The app asks the server whether a kept staff session still stands; this one is made
    // up for the page's looks, so the server's answer is stood in for (End session's DELETE
    // still goes to the server).
    await page.route('**/api/staff/sessions/current', (route) =>
      route.request().method() === 'GET'
        ? route.fulfill({
            json: { staff: STAFF_SESSION.staff, expiresAt: STAFF_SESSION.expiresAt },
          })
        : route.continue(),
    );
  }
}

/** Makes the page start with these settings, as if the person had chosen them before; a
 *  choice made during the test (and kept over a reload) is left alone. */
export async function useLook(page: Page, look: Look): Promise<void> {
  await page.addInitScript((saved) => {
    if (!localStorage.getItem('kindly.settings')) localStorage.setItem('kindly.settings', saved);
  }, JSON.stringify(look));
}
