// What `npm run bench` measures and the budgets it holds Kindly to. The pages,
// the journey and the budgets live here, in one place, so they grow with the app.
import type { Page } from 'playwright-core';

/** Pages Lighthouse audits: Welcome and one question page (the first, Choose a loan, which a
 *  fresh device can open directly; later questions send it back there). */
export const LIGHTHOUSE_PAGES: readonly string[] = ['/', '/apply'];

/** Something a person presses, found the way they find it: by role and accessible name. */
export interface Target {
  role: 'link' | 'button';
  name: string | RegExp;
  exact?: boolean;
}

/** One move through the app: answer the page (not timed), press, arrive at the next page. */
export interface JourneyStep {
  /** Names the move in the report. */
  name: string;
  /** Answers the page before the timed press (choosing a radio, typing an amount). */
  prepare?: (page: Page) => Promise<void>;
  /** What the person presses (focused, then Enter: the time starts at its keydown). */
  press: Target;
  /** The h1 of the page the press should lead to; the time stops when it has focus. */
  arrives: string | RegExp;
}

const CONTINUE: Target = { role: 'button', name: 'Continue', exact: true };

/** The journey timed from press to the next page's h1 having focus, starting on Welcome in
 *  English with an empty device. Extend it to the whole loan application step by step. */
export const JOURNEY: readonly JourneyStep[] = [
  {
    name: 'Welcome → Settings',
    press: { role: 'link', name: 'Settings', exact: true },
    arrives: 'Settings',
  },
  {
    name: 'Settings → Welcome (header "Kindly")',
    press: { role: 'link', name: 'Kindly', exact: true },
    arrives: 'Apply for a small loan',
  },
  {
    name: 'Welcome → Choose a loan (Start)',
    press: { role: 'link', name: 'Start an application' },
    arrives: 'Which loan do you want to apply for?',
  },
  {
    name: 'Choose a loan → Amount',
    prepare: (page) => page.getByRole('radio', { name: /Home repair loan/ }).check(),
    press: CONTINUE,
    arrives: 'How much do you want to borrow?',
  },
  {
    name: 'Amount → Term',
    prepare: (page) =>
      page.getByRole('textbox', { name: 'How much do you want to borrow?' }).fill('12,500'),
    press: CONTINUE,
    arrives: 'How long do you want to repay it over?',
  },
  {
    name: 'Term → What you will repay',
    prepare: (page) => page.getByRole('radio', { name: /^12 months/ }).check(),
    press: CONTINUE,
    arrives: 'What you will repay',
  },
];

/** The language whose strings the first page loads (a new device starts in English). */
export const FIRST_PAGE_LANGUAGE = 'en';

/** How many times each thing is measured; the report shows medians. */
export const RUNS = { lighthouse: 3, journey: 3, offline: 5, cardReader: 5 } as const;

/** The CPU slowdown for the journey, as an old tablet (Chrome DevTools' 4×). */
export const CPU_SLOWDOWN = 4;

/** The budgets (docs/performance.md). Sizes are gzipped kB (1 kB = 1000 bytes), times milliseconds. */
export const BUDGETS = {
  firstPageKb: 35,
  performance: 98,
  accessibility: 100,
  lcpMs: 1500,
  tbtMs: 50,
  cls: 0,
  continueMs: 100,
  offlineMs: 500,
} as const;
