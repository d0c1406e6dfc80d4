// The ID card reader in the bench: what it downloads the first time a person uses it, and how
// long it takes to read one test card from a photo with the CPU slowed as on an old tablet.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { cardPhoto, madeUpPeople } from '../../a11y-tests/support/id-cards';
import { PAGES } from '../../a11y-tests/support/pages';
import { ID_READER_BASE, ID_READER_FILES } from '../../src/core/id-reader-files';
import { CPU_SLOWDOWN } from './config';

/** Bytes the reader's files take on the wire: the Brotli copy where the build wrote one (the
 *  server sends it to browsers that accept it), else the file itself; and the reader's own
 *  chunk of the app (gzip -9, as the bench weighs the app). */
export function readerDownloadBytes(dist: string): { files: number; chunk: number } {
  let files = 0;
  for (const { name } of ID_READER_FILES) {
    const path = join(dist, ID_READER_BASE, name);
    files += statSync(existsSync(`${path}.br`) ? `${path}.br` : path).size;
  }
  const assets = join(dist, 'assets');
  const chunk = readdirSync(assets).find((f) => /^card-reader-[\w-]+\.js$/.test(f));
  return {
    files,
    chunk: chunk ? gzipSync(readFileSync(join(assets, chunk)), { level: 9 }).length : 0,
  };
}

/** Reads a test card from a photo `runs` + 1 times on About you with the CPU slowed
 *  CPU_SLOWDOWN×: the first includes getting the reader ready; the rest are with it ready.
 *  Each figure is from choosing the photo to the filled-in fields shown, in ms. */
export async function timeCardReads(
  browser: Browser,
  origin: string,
  runs: number,
): Promise<{ first: number; ready: number[] }> {
  const about = PAGES.find((p) => p.name === 'about-you');
  const [person] = madeUpPeople(1);
  if (!about || !person) throw new Error('About you or the test person is missing');
  const context = await browser.newContext({ serviceWorkers: 'block', locale: 'en-GB' });
  try {
    const page = await context.newPage();
    await page.addInitScript(
      (draft) => sessionStorage.setItem('kindly.draft', draft),
      JSON.stringify(about.draft),
    );
    await page.goto(`${origin}${about.path}`);
    await page.getByRole('heading', { level: 1 }).waitFor();
    const cdp = await context.newCDPSession(page);
    const photo = await cardPhoto(page, person, {
      tilt: 2,
      scale: 0.8,
      blur: 0.5,
      light: 0.9,
    });
    const times: number[] = [];
    for (let i = 0; i <= runs; i++) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
      const result = page.getByTestId('card-result');
      const chooser = page.waitForEvent('filechooser');
      await page.getByRole('button', { name: 'Choose a photo' }).click();
      const started = Date.now();
      await (await chooser).setFiles({ name: 'card.png', mimeType: 'image/png', buffer: photo });
      await result.waitFor({ state: 'hidden' });
      await result.waitFor({ timeout: 300_000 });
      times.push(Date.now() - started);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    }
    const [first = 0, ...ready] = times;
    return { first, ready };
  } finally {
    await context.close();
  }
}
