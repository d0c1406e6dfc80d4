// Draws Kindly's app icons with Chromium so they can be remade without an image editor:
// `npx tsx scripts/make-icons.ts`. The PNGs are committed; this runs only when the mark changes.
import { chromium } from 'playwright-core';

const mark = (size: number, isMaskable: boolean) => `<!doctype html><html><body style="margin:0">
<div style="width:${size}px;height:${size}px;background:#0b3d62;display:flex;align-items:center;
justify-content:center;border-radius:${isMaskable ? 0 : size * 0.18}px">
<span style="font:700 ${size * (isMaskable ? 0.42 : 0.56)}px system-ui,sans-serif;color:#ffd23f">K</span>
</div></body></html>`;

const browser = await chromium.launch({
  executablePath: process.env.CHROME_PATH ?? '/usr/bin/chromium',
});
const page = await browser.newPage();
for (const [size, isMaskable, name] of [
  [192, false, 'icon-192.png'],
  [512, false, 'icon-512.png'],
  [512, true, 'icon-512-maskable.png'],
] as const) {
  await page.setViewportSize({ width: size, height: size });
  await page.setContent(mark(size, isMaskable));
  await page.screenshot({ path: `public/icons/${name}`, omitBackground: true });
}
await browser.close();
