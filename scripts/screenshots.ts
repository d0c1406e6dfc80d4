// Takes screenshots of pages for a person to look at:
//   npx tsx scripts/screenshots.ts [baseURL] [path ...]
// Writes .kindly-tmp/shots/<page>-<lang>-<theme>-<size>-<width>.png for each combination.
import { mkdirSync } from 'node:fs';
import { chromium } from 'playwright-core';

const [base = 'http://127.0.0.1:8080', ...paths] = process.argv.slice(2);
const pages = paths.length > 0 ? paths : ['/', '/settings'];
const out = '.kindly-tmp/shots';
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
  args: ['--disable-gpu', '--disable-quic', '--disable-background-networking'],
});
const combos = (process.env.SHOTS ?? 'en:light:100:1024,en:contrast:200:320,zh-CN:dark:200:320')
  .split(',')
  .map((c) => c.split(':'));
for (const [lang, theme, textSize, width] of combos) {
  const context = await browser.newContext({
    viewport: { width: Number(width), height: 900 },
    serviceWorkers: 'block',
  });
  await context.addInitScript(
    (s) => localStorage.setItem('kindly.settings', s),
    JSON.stringify({ lang, theme, textSize }),
  );
  const page = await context.newPage();
  for (const path of pages) {
    await page.goto(base + path);
    await page.locator('main h1').waitFor();
    const name = path.replace(/\//g, '_') || '_';
    await page.screenshot({
      path: `${out}/${name}-${lang}-${theme}-${textSize}-${width}.png`,
      fullPage: true,
    });
  }
  await context.close();
}
await browser.close();
