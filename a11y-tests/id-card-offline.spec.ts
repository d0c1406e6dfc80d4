import { expect, test } from '@playwright/test';
import { cardPhoto, madeUpPeople } from './support/id-cards';
import { waitForServiceWorker } from './support/offline';
import { PAGES, seedStorage } from './support/pages';

test.use({ serviceWorkers: 'allow' });

test('the service worker keeps the card reader after its first use: it reads again offline', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  const about = PAGES.find((p) => p.name === 'about-you');
  const [person] = madeUpPeople(1);
  if (!about || !person) throw new Error('About you or the test person is missing');
  await seedStorage(page, about);
  await page.goto(about.path);
  await waitForServiceWorker(page);
  // The reader is not in the precache: nothing of it is kept before it is used.
  const before = await page.evaluate(async () => caches.keys());
  expect(before.filter((name) => name.startsWith('kindly-id-reader-'))).toEqual([]);

  const photo = await cardPhoto(page, person, { tilt: 0, scale: 0.9, blur: 0, light: 1 });
  const read = async () => {
    const result = page.getByTestId('card-result');
    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Choose a photo' }).click();
    await (await chooser).setFiles({ name: 'card.png', mimeType: 'image/png', buffer: photo });
    await expect(result).toBeVisible({ timeout: 90_000 });
    await expect(page.locator('#id-number')).toHaveValue(person.id);
  };
  await read();
  const kept = await page.evaluate(async () => {
    const name = (await caches.keys()).find((key) => key.startsWith('kindly-id-reader-'));
    if (!name) return [];
    const requests = await (await caches.open(name)).keys();
    return requests.map((request) => new URL(request.url).pathname.split('/').pop());
  });
  expect(kept.sort()).toEqual([
    'chi_sim.traineddata.gz',
    'tesseract-core-simd-lstm.js',
    'tesseract-core-simd-lstm.wasm',
    'worker.min.js',
  ]);

  // Offline, in a fresh page (a new worker of the reader), the card is read all the same.
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('main h1')).toHaveCount(1);
  await page.locator('#id-number').fill('');
  await read();
});
