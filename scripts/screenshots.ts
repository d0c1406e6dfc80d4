// Takes screenshots of pages for a person to look at:
//   npx tsx scripts/screenshots.ts [baseURL] [page-name ...]   (no names: every page)
// Page names are those of a11y-tests/support/pages.ts (welcome, amount-error, check, ...);
// each is shown with the answers it needs. Writes .kindly-tmp/shots/<name>-<lang>-<theme>-
// <size>-<width>.png for each combination in SHOTS (lang:theme:size:width, comma-separated).
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROME_PATH, CHROMIUM_FLAGS } from '../a11y-tests/support/chromium';
import { type Look, PAGES, seedStorage, useLook } from '../a11y-tests/support/pages';

const [base = 'http://127.0.0.1:8080', ...names] = process.argv.slice(2);
const targets = names.length > 0 ? PAGES.filter((p) => names.includes(p.name)) : PAGES;
const out = '.kindly-tmp/shots';
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: CHROME_PATH,
  args: [...CHROMIUM_FLAGS],
});
const combos = (process.env.SHOTS ?? 'en:light:100:1024,en:contrast:200:320,zh-CN:dark:200:320')
  .split(',')
  .map((c) => c.split(':'));
for (const [lang, theme, textSize, width] of combos) {
  for (const target of targets) {
    const context = await browser.newContext({
      viewport: { width: Number(width), height: 900 },
      serviceWorkers: 'block',
    });
    const page = await context.newPage();
    // The look asked for, and the page's answers and staff session, as the browser tests
    // set them.
    await useLook(page, { lang, theme, textSize } as Look);
    await seedStorage(page, target);
    await page.goto(base + target.path);
    await page.locator('main h1').waitFor();
    if (target.prepare) await target.prepare(page);
    await page.screenshot({
      path: `${out}/${target.name}-${lang}-${theme}-${textSize}-${width}.png`,
      fullPage: process.env.FULL !== '0',
    });
    await context.close();
  }
}
await browser.close();
