// Timings inside Chromium driven by Playwright: from a press to the next page's h1 having
// focus with the CPU slowed, and a repeat visit served by the service worker offline.
import { type Browser, chromium, type Page } from 'playwright-core';
import { CHROMIUM_FLAGS } from '../../a11y-tests/support/chromium';
import { PRELOAD_MARK } from '../../src/core/first-page';
import { CPU_SLOWDOWN, JOURNEY, type JourneyStep } from './config';
import { onStop } from './processes';

// The page scripts below are strings, not functions: tsx compiles this file with keepNames,
// and the __name() calls it adds to functions do not exist in the page.

// Records, inside the page, when a press starts (capture-phase pointerdown or keydown) and
// when an h1 gets focus; `arm` waits for the first h1 whose text matches.
const PRESS_TO_FOCUS = `(() => {
  const bench = { press: null, expected: null, resolve: null, done: null };
  bench.arm = (source, flags) => {
    bench.press = null;
    bench.expected = new RegExp(source, flags);
    bench.done = new Promise((resolve) => { bench.resolve = resolve; });
  };
  const onPress = () => { if (bench.press === null) bench.press = performance.now(); };
  addEventListener('pointerdown', onPress, true);
  addEventListener('keydown', onPress, true);
  addEventListener('focusin', (event) => {
    const at = performance.now();
    const target = event.target;
    if (!(target instanceof HTMLElement) || target.tagName !== 'H1') return;
    if (bench.press === null || !bench.expected) return;
    if (!bench.expected.test((target.textContent || '').trim())) return;
    bench.expected = null;
    bench.resolve(at - bench.press);
  }, true);
  window.__kindlyBench = bench;
})();`;

// Records the frame in which main's h1 is first rendered visible, counted from the start of
// the navigation (performance.now() is 0 there).
const H1_VISIBLE = `(() => {
  let resolve;
  window.__kindlyH1 = new Promise((r) => { resolve = r; });
  const observer = new MutationObserver(() => {
    const h1 = document.querySelector('main h1');
    if (!h1 || !h1.checkVisibility()) return;
    observer.disconnect();
    requestAnimationFrame(() => resolve(performance.now()));
  });
  observer.observe(document, { childList: true, subtree: true });
})();`;

/** Launches Debian's Chromium (headless) and registers it to be closed on the way out. */
export async function launch(chromePath: string): Promise<Browser> {
  // Playwright's own signal handlers would exit the process before the bench's stop
  // everything it started (the server included); the bench closes the browser itself.
  const browser = await chromium.launch({
    executablePath: chromePath,
    args: [...CHROMIUM_FLAGS],
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const remove = onStop(() => browser.close());
  browser.once('disconnected', () => remove());
  return browser;
}

function pattern(text: string | RegExp): { source: string; flags: string } {
  if (typeof text !== 'string') return { source: text.source, flags: text.flags };
  return { source: `^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`, flags: '' };
}

// Waits, as a person reading the page would, until the page has settled: no file has started
// loading for 500 ms and the main thread has had an idle moment (at most 10 s).
const SETTLED = `new Promise((resolve) => {
  const deadline = performance.now() + 10000;
  let count = -1;
  const check = () => {
    const now = performance.getEntriesByType('resource').length;
    if (now === count || performance.now() > deadline) {
      requestIdleCallback(() => resolve(), { timeout: 1000 });
      return;
    }
    count = now;
    setTimeout(check, 500);
  };
  check();
})`;

async function timeStep(page: Page, step: JourneyStep): Promise<number> {
  await page.evaluate(SETTLED);
  await step.prepare?.(page);
  const target = page.getByRole(step.press.role, {
    name: step.press.name,
    exact: step.press.exact,
  });
  await target.focus();
  const { source, flags } = pattern(step.arrives);
  await page.evaluate(
    `window.__kindlyBench.arm(${JSON.stringify(source)}, ${JSON.stringify(flags)})`,
  );
  await page.keyboard.press('Enter');
  let timer: NodeJS.Timeout | undefined;
  const ms = await Promise.race([
    page.evaluate('window.__kindlyBench.done') as Promise<number>,
    new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`"${step.name}": no h1 "${step.arrives}" got focus in 30 s`)),
        30_000,
      );
    }),
  ]).finally(() => clearTimeout(timer));
  return ms;
}

/** The scripts and stylesheets of Kindly a first visit to `/` fetches (service worker
 *  blocked, so its precache is not counted) until Welcome's h1 shows and the network has
 *  been quiet for 500 ms, as paths inside dist/: those the page fetched for itself, and those
 *  it loaded ahead for the pages likely next, from the PRELOAD_MARK on. */
export async function firstPageFiles(
  browser: Browser,
  origin: string,
): Promise<{ firstPage: string[]; loadedAhead: string[] }> {
  const context = await browser.newContext({ serviceWorkers: 'block', locale: 'en-GB' });
  try {
    const page = await context.newPage();
    const fetched = new Set<string>();
    page.on('request', (request) => {
      const type = request.resourceType();
      const url = new URL(request.url());
      if (url.origin === origin && (type === 'script' || type === 'stylesheet')) {
        fetched.add(url.pathname.slice(1));
      }
    });
    await page.goto(`${origin}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    // When each file started to load and when loading ahead began, on the page's own clock.
    const { starts, aheadFrom } = (await page.evaluate(`({
      starts: performance.getEntriesByType('resource').map((e) => [new URL(e.name).pathname.slice(1), e.startTime]),
      aheadFrom: performance.getEntriesByName(${JSON.stringify(PRELOAD_MARK)})[0]?.startTime ?? null,
    })`)) as { starts: [string, number][]; aheadFrom: number | null };
    const startOf = new Map(starts);
    const isAhead = (file: string) =>
      aheadFrom !== null && (startOf.get(file) ?? Number.NEGATIVE_INFINITY) >= aheadFrom;
    const files = [...fetched].sort();
    return {
      firstPage: files.filter((file) => !isAhead(file)),
      loadedAhead: files.filter(isAhead),
    };
  } finally {
    await context.close();
  }
}

/** Walks JOURNEY once in a fresh context (empty storage, no service worker, so every page's
 *  code is fetched over the network as on a first visit) with the CPU slowed CPU_SLOWDOWN×,
 *  letting each page settle before the press as a person reading it would;
 *  returns the milliseconds from press to the next h1 having focus, one per step. */
export async function timeJourney(browser: Browser, origin: string): Promise<number[]> {
  const context = await browser.newContext({ serviceWorkers: 'block', locale: 'en-GB' });
  try {
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.addInitScript(PRESS_TO_FOCUS);
    await page.goto(`${origin}/`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const times: number[] = [];
    for (const step of JOURNEY) times.push(await timeStep(page, step));
    return times;
  } finally {
    await context.close();
  }
}

/** Visits Welcome once online, waits until the service worker controls it, then reloads
 *  `runs` times with the network off; each figure is navigation start to the frame that
 *  shows main's h1, in ms. */
export async function timeOfflineRepeatVisit(
  browser: Browser,
  origin: string,
  runs: number,
): Promise<number[]> {
  const context = await browser.newContext({ serviceWorkers: 'allow', locale: 'en-GB' });
  try {
    const page = await context.newPage();
    await page.addInitScript(H1_VISIBLE);
    await page.goto(`${origin}/`);
    await page.evaluate(`(async () => {
      await navigator.serviceWorker.ready;
      if (!navigator.serviceWorker.controller) {
        await new Promise((resolve) =>
          navigator.serviceWorker.addEventListener('controllerchange', resolve, { once: true }));
      }
    })()`);
    await context.setOffline(true);
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      await page.reload();
      times.push((await page.evaluate('window.__kindlyH1')) as number);
      const isFromWorker = await page.evaluate('navigator.serviceWorker.controller !== null');
      if (!isFromWorker) throw new Error('the offline reload was not served by the service worker');
    }
    return times;
  } finally {
    await context.close();
  }
}
