import { test } from '@playwright/test';
import { PAGES, seedStorage } from './support/pages';

for (const name of ['privacy', 'privacy-erase-question', 'privacy-erased']) {
  for (const lang of ['en', 'zh-CN']) {
    for (const theme of ['light', 'contrast']) {
      test(`${name} ${lang} ${theme}`, async ({ page }) => {
        const target = PAGES.find((p) => p.name === name);
        if (!target) throw new Error(name);
        await seedStorage(page, target);
        const look = JSON.stringify({ lang, theme, textSize: '200' });
        await page.addInitScript((l) => localStorage.setItem('kindly.settings', l), look);
        await page.setViewportSize({ width: 320, height: 800 });
        await page.goto(target.path);
        await page.locator('main h1').waitFor();
        await page.waitForTimeout(500);
        if (target.prepare) await target.prepare(page);
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        for (let y = 0, i = 0; y < height - 1; y += 1400, i++) {
          await page.screenshot({
            path: `/tmp/21p-shots/${name}-${lang}-${theme}-${i}.png`,
            fullPage: true,
            clip: { x: 0, y, width: 320, height: Math.max(1, Math.min(1400, height - y)) },
          });
        }
      });
    }
  }
}
