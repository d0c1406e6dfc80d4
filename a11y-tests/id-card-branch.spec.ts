import { expect, type Page, test } from '@playwright/test';
import { cardPhoto, madeUpPeople } from './support/id-cards';
import { waitForServiceWorker } from './support/offline';
import { PAGES, seedStorage } from './support/pages';

test.use({ serviceWorkers: 'allow' });

const about = PAGES.find((p) => p.name === 'about-you');

/** The names of the files in the service worker's reader cache (none when it has none). */
function keptReaderFiles(page: Page): Promise<string[]> {
  return page.evaluate(async () => {
    const name = (await caches.keys()).find((key) => key.startsWith('kindly-id-reader-'));
    if (!name) return [];
    const requests = await (await caches.open(name)).keys();
    return requests.map((request) => new URL(request.url).pathname.split('/').pop() ?? '').sort();
  });
}

const READER_FILES = [
  'chi_sim.traineddata.gz',
  'tesseract-core-simd-lstm.js',
  'tesseract-core-simd-lstm.wasm',
  'worker.min.js',
];

test('an ordinary device (an applicant’s own phone) does not fetch the card reader ahead', async ({
  page,
}) => {
  if (!about) throw new Error('About you is missing');
  await seedStorage(page, about);
  await page.goto(about.path);
  await waitForServiceWorker(page);
  // Longer than a branch tablet takes to start (idle, or a second at most) and to fetch the
  // files from the local server.
  await page.waitForTimeout(5000);
  expect(await keptReaderFiles(page)).toEqual([]);
});

test('a branch tablet keeps the card reader before it is first opened, and reads a card offline', async ({
  page,
  context,
}) => {
  test.setTimeout(180_000);
  const [person] = madeUpPeople(1);
  if (!about || !person) throw new Error('About you or the test person is missing');
  await page.addInitScript(() => localStorage.setItem('kindly.branchDevice', 'yes'));
  await seedStorage(page, about);
  await page.goto(about.path);
  await waitForServiceWorker(page);
  await expect.poll(() => keptReaderFiles(page), { timeout: 60_000 }).toEqual(READER_FILES);
  // Nothing of the reader has been opened on the page: the files came ahead of need.
  await expect(page.getByTestId('card-result')).toHaveCount(0);
  await expect(page.locator('.card-fill h3')).toHaveCount(0);

  const photo = await cardPhoto(page, person, { tilt: 0, scale: 0.9, blur: 0, light: 1 });
  await context.setOffline(true);
  await page.reload();
  await expect(page.locator('main h1')).toHaveCount(1);
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Choose a photo' }).click();
  await (await chooser).setFiles({ name: 'card.png', mimeType: 'image/png', buffer: photo });
  await expect(page.getByTestId('card-result')).toBeVisible({ timeout: 90_000 });
  await expect(page.locator('#id-number')).toHaveValue(person.id);
});
