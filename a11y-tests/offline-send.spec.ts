import { expect, type Page, test } from '@playwright/test';
import {
  applicantName,
  arrive,
  expectSentOnce,
  fillToDeclaration,
  H1,
  outboxCount,
  pressSend,
  serverRows,
  waitForServiceWorker,
} from './support/offline';

// Whatever happens to the network or the server while sending, the server ends with exactly
// one application and the device with nothing waiting. The tests are numbered by Kindly's ten
// offline failure modes; the draft's are in offline-draft.spec.ts, the update's in
// offline-update.spec.ts. Each test's applicant has their own name, which marks their rows.

const API = '**/api/applications';

/** The connection coming back, as the browser reports it: the outbox tries again at once. */
async function backOnline(page: Page): Promise<void> {
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
}

/** The edge of the panel that heads the confirmation page, and the theme's success colour. */
async function panelEdge(page: Page) {
  return page.locator('main h1').evaluate((h1) => {
    const panel = getComputedStyle(h1.parentElement as Element);
    const probe = document.createElement('span');
    probe.style.color = 'var(--success)';
    document.body.append(probe);
    const success = getComputedStyle(probe).color;
    probe.remove();
    return {
      style: panel.borderTopStyle,
      color: panel.borderTopColor,
      success,
      hasIcon: h1.querySelector('svg.status-icon') !== null,
    };
  });
}

/** The page shows that the application is saved here and will be sent later. */
async function expectWaiting(page: Page, name: string): Promise<void> {
  await arrive(page, H1.pending);
  await expect.poll(() => outboxCount(page)).toBe(1);
  expect(serverRows(name)).toBe(0);
}

test.describe('with the service worker', () => {
  test.use({ serviceWorkers: 'allow' });

  test('1. filled in and sent entirely offline, then online: sent once, and the page says so', async ({
    page,
    context,
  }) => {
    const name = applicantName('离线一', test.info());
    await page.goto('/');
    await waitForServiceWorker(page);
    // The worker fetched the catalog as it installed: nothing else was visited online.
    await expect
      .poll(() => page.evaluate(async () => Boolean(await caches.match('/api/products'))))
      .toBe(true);
    await context.setOffline(true);
    // setOffline does not cut the worker's own requests; the server is unreachable anyway.
    await context.route(API, (route) => route.abort('internetdisconnected'));
    await fillToDeclaration(page, name);
    await pressSend(page);
    await expectWaiting(page, name);
    await expect(page.locator('main')).toContainText('Kindly will send it by itself');
    // Not the look of "sent": a dashed edge that is not the success colour, a clock, and
    // words saying the lender does not have it.
    await expect(page.locator('main')).toContainText(
      'The lender has not received your application yet.',
    );
    const waiting = await panelEdge(page);
    expect(waiting).toMatchObject({ style: 'dashed', hasIcon: true });
    expect(waiting.color).not.toBe(waiting.success);

    await context.unroute(API);
    await context.setOffline(false);
    await arrive(page, H1.sent);
    const reference = (await page.locator('.reference').textContent())?.trim() ?? '';
    await expect(page.getByTestId('announcer')).toHaveText(
      `Your application has been sent. Your reference number is ${reference}.`,
    );
    const sent = await panelEdge(page);
    expect(sent).toMatchObject({ style: 'solid', hasIcon: true });
    expect(sent.color).toBe(sent.success);
    await expectSentOnce(page, name);
  });
});

test('2. the server stores it but the answer is lost: the retry gets the original receipt', async ({
  page,
}) => {
  const name = applicantName('回执二', test.info());
  let posts = 0;
  await page.route(API, async (route) => {
    posts++;
    if (posts === 1) {
      await route.fetch(); // the server commits the application...
      await route.abort('connectionreset'); // ...and the answer never arrives
      return;
    }
    await route.continue();
  });
  await fillToDeclaration(page, name);
  await pressSend(page);
  await arrive(page, H1.pending);
  expect(serverRows(name)).toBe(1);
  await expect.poll(() => outboxCount(page)).toBe(1);

  await backOnline(page);
  await arrive(page, H1.sent);
  expect(posts).toBe(2);
  await expectSentOnce(page, name);
});

test('5. the connection flapping every 200 ms while sending: one application', async ({
  page,
  context,
}) => {
  const name = applicantName('闪断五', test.info());
  await fillToDeclaration(page, name);
  let isFlapping = true;
  const flapping = (async () => {
    let isOffline = false;
    while (isFlapping) {
      isOffline = !isOffline;
      await context.setOffline(isOffline);
      await page.waitForTimeout(200);
    }
    await context.setOffline(false);
  })();
  await pressSend(page);
  await page.waitForTimeout(4_000);
  isFlapping = false;
  await flapping;
  await backOnline(page);
  await arrive(page, H1.sent);
  await expectSentOnce(page, name);
});

// The cause of mode 5's trouble: the connection dropping just as Send is pressed, before the
// confirmation page's code was fetched (no service worker yet). The person gets a page that
// says so, with Try again, instead of an empty one; and the confirmation once back online.
test('5, its cause: the next page cannot be fetched as Send is pressed: a clear page, then the confirmation', async ({
  page,
  context,
}) => {
  const name = applicantName('缺页五', test.info());
  let isCut = true;
  await context.route('**/assets/ConfirmationPage-*.js', (route) =>
    isCut ? route.abort('internetdisconnected') : route.continue(),
  );
  await fillToDeclaration(page, name);
  await pressSend(page);
  const h1 = page.getByRole('heading', { level: 1, name: 'This page could not be opened' });
  await expect(h1).toBeFocused();
  await expect(page.getByTestId('announcer')).toHaveText('This page could not be opened – Kindly');
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByTestId('announcer')).toHaveText(
    'The page still could not be opened. Check that Wi-Fi or mobile data is on, then press Try again.',
  );
  await expect(h1).toBeVisible();

  isCut = false;
  await backOnline(page);
  await expect(page.getByRole('heading', { level: 1, name: H1.sent })).toBeFocused();
  await expectSentOnce(page, name);
});

test('6. two tabs sending the same application at once: one application', async ({
  page,
  context,
}) => {
  const name = applicantName('双页六', test.info());
  await fillToDeclaration(page, name);
  const other = await context.newPage();
  await other.goto('/apply/declaration');
  await arrive(other, H1.declare);
  // A slow server widens the window in which both tabs are sending. Whichever tab posts,
  // it posts the draft's one key: should the second tab not yet see the first's receipt,
  // the server answers it with the same application.
  const keys = new Set<string>();
  await context.route(API, async (route) => {
    keys.add(route.request().headers()['idempotency-key'] ?? '');
    await new Promise((resolve) => setTimeout(resolve, 500));
    await route.continue();
  });
  await Promise.all([pressSend(page), pressSend(other)]);
  await arrive(page, H1.sent);
  await arrive(other, H1.sent);
  await expect(other.locator('.reference')).toHaveText(
    (await page.locator('.reference').textContent()) ?? '',
  );
  expect(keys.size).toBe(1);
  expect([...keys][0]).toMatch(/^[0-9a-f-]{36}$/);
  await expectSentOnce(page, name);
});

test('7. a 500, a 401 and a captive portal page: kept, then sent', async ({ page }) => {
  const name = applicantName('门户七', test.info());
  const answers = [
    { status: 500, contentType: 'application/json', body: '{"error":{"code":"internal"}}' },
    { status: 401, contentType: 'application/json', body: '{"error":{"code":"unauthorised"}}' },
    { status: 200, contentType: 'text/html', body: '<html><h1>Log in to Free WiFi</h1></html>' },
  ];
  let posts = 0;
  await page.route(API, async (route) => {
    const answer = answers[posts++];
    if (answer) await route.fulfill(answer);
    else await route.continue();
  });
  await fillToDeclaration(page, name);
  await pressSend(page);
  await expectWaiting(page, name);
  for (const seen of [2, 3]) {
    await backOnline(page);
    await expect.poll(() => posts).toBe(seen);
    await arrive(page, H1.pending);
    expect(await outboxCount(page)).toBe(1);
  }
  await backOnline(page);
  await arrive(page, H1.sent);
  await expectSentOnce(page, name);
});

test('9. the device clock 8 days ahead: a queued application is still sent', async ({
  page,
  context,
}) => {
  const name = applicantName('时钟九', test.info());
  await context.route(API, (route) => route.abort('internetdisconnected'));
  await fillToDeclaration(page, name);
  await pressSend(page);
  await expectWaiting(page, name);
  await page.close();

  await context.unroute(API);
  const later = await context.newPage();
  await later.clock.install({ time: Date.now() + 8 * 24 * 60 * 60 * 1000 });
  await later.goto('/applications');
  await arrive(later, 'My applications');
  await expectSentOnce(later, name);
  await expect(later.locator('main')).toContainText('Received, being looked at');
});
