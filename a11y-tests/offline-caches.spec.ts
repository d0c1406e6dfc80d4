import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { waitForServiceWorker } from './support/offline';

test.use({ serviceWorkers: 'allow' });

const DIST = process.env.KINDLY_DIST ?? 'dist';

test('a new worker removes a precache an older Workbox left, and keeps the catalog', async ({
  page,
  context,
}) => {
  const worker = readFileSync(join(DIST, 'sw.js'), 'utf8');
  let version = 1;
  // Each "deployment" is the built worker with a different last line.
  await context.route('**/sw.js', (route) =>
    route.fulfill({
      contentType: 'text/javascript',
      body: `${worker}\n// deployment ${version}\n`,
    }),
  );
  await page.goto('/');
  await waitForServiceWorker(page);
  // What a worker of an older Workbox leaves behind: a precache under its own name, and a
  // cache of some other kind that is not the worker's to remove.
  const outdated = await page.evaluate(async () => {
    const name = `workbox-precache-${location.origin}/`;
    await (await caches.open(name)).put('/old.js', new Response('old'));
    await (await caches.open('not-a-precache')).put('/x', new Response('x'));
    return name;
  });

  version = 2;
  const names = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    await registration?.update();
    for (let i = 0; i < 100 && !registration?.waiting; i++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const waiting = registration?.waiting;
    if (!waiting) return null;
    const activated = new Promise((resolve) =>
      waiting.addEventListener('statechange', () => {
        if (waiting.state === 'activated') resolve(undefined);
      }),
    );
    waiting.postMessage({ type: 'SKIP_WAITING' });
    await activated;
    return caches.keys();
  });
  expect(names).not.toBeNull();
  expect(names).not.toContain(outdated);
  expect(names).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^workbox-precache-v2-/),
      'kindly-catalog',
      'not-a-precache',
    ]),
  );
});
