import { expect, test } from '@playwright/test';
import { axeViolations } from './support/axe';
import { layoutProblems } from './support/checks';
import { type Look, PAGES, seedStorage } from './support/pages';

const THEMES: Look['theme'][] = ['light', 'dark', 'contrast'];
const SIZES: Look['textSize'][] = ['100', '200'];
const LANGS: Look['lang'][] = ['en', 'zh-CN'];

// One test per page and language; inside it every theme and text size, reusing one browser
// page. At 100% the page is checked on a tablet (1024 px), at 200% at 320 px wide: the
// hardest case for reflow.
for (const target of PAGES) {
  for (const lang of LANGS) {
    test(`${target.name} in ${lang}: axe, targets, reflow, clipping, focus`, async ({ page }) => {
      const problems: string[] = [];
      await seedStorage(page, target);
      // Each look is put in sessionStorage and copied into the saved settings before the
      // page's own scripts run, so one load per look is enough.
      await page.addInitScript(() => {
        const look = sessionStorage.getItem('kindly.test.look');
        if (look) localStorage.setItem('kindly.settings', look);
      });
      await page.goto('/no-such-page');
      for (const theme of THEMES) {
        for (const textSize of SIZES) {
          const look = JSON.stringify({ lang, theme, textSize });
          await page.setViewportSize({ width: textSize === '200' ? 320 : 1024, height: 800 });
          await page.evaluate((saved) => sessionStorage.setItem('kindly.test.look', saved), look);
          await page.goto(target.path);
          await expect(page.locator('main h1')).toHaveCount(1);
          await expect(page.locator('html')).toHaveAttribute('lang', lang);
          await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
          if (target.prepare) await target.prepare(page);
          const where = `${lang} ${theme} ${textSize}%`;
          for (const v of await axeViolations(page)) problems.push(`${where} axe ${v}`);
          const layout = await layoutProblems(page);
          for (const [kind, list] of Object.entries(layout)) {
            for (const p of list) problems.push(`${where} ${kind}: ${p}`);
          }
        }
      }
      expect(problems, problems.join('\n')).toEqual([]);
    });
  }
}
