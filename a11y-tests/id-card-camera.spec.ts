// The camera path of "Fill in from your ID card", keyboard only, in a Chromium whose camera is
// a video made here from test card pictures: too dark, an empty table, a card being moved,
// then a card held still.
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Browser, chromium, expect, type Page, test } from '@playwright/test';
import { CHROME_PATH, CHROMIUM_FLAGS } from './support/chromium';
import { type CardShot, cardPhoto, madeUpPeople } from './support/id-cards';
import { tabTo } from './support/keyboard';
import { PAGES, seedStorage, useLook } from './support/pages';

const ABOUT = PAGES.find((p) => p.name === 'about-you');
const WIDTH = 960;
const HEIGHT = 720;
const VIDEO = resolve('.kindly-tmp/id-card-camera.y4m');
const [PERSON] = madeUpPeople(1);

// The camera's picture, two frames a second: what a person does in front of it.
const FRAMES: { shot: CardShot; count: number }[] = [
  { shot: { tilt: 0, scale: 0.85, blur: 0, light: 0.12 }, count: 4 },
  { shot: { tilt: 0, scale: 0, blur: 0, light: 1 }, count: 6 },
  { shot: { tilt: -9, scale: 0.6, blur: 2, light: 1 }, count: 1 },
  { shot: { tilt: 7, scale: 0.75, blur: 2, light: 1 }, count: 1 },
  { shot: { tilt: -3, scale: 0.9, blur: 1, light: 1 }, count: 1 },
  { shot: { tilt: 0, scale: 0.85, blur: 0, light: 1 }, count: 20 },
];

/** Writes the frames as a Y4M video (YUV 4:2:0), the format Chromium's fake camera plays. */
async function writeVideo(page: Page): Promise<void> {
  if (!PERSON) throw new Error('no test person');
  mkdirSync('.kindly-tmp', { recursive: true });
  const file = openSync(VIDEO, 'w');
  writeSync(file, `YUV4MPEG2 W${WIDTH} H${HEIGHT} F2:1 Ip A1:1 C420jpeg\n`);
  for (const { shot, count } of FRAMES) {
    const png = await cardPhoto(page, PERSON, shot);
    const rgba = Buffer.from(
      await page.evaluate(
        async ({ b64, width, height }) => {
          const image = new Image();
          image.src = `data:image/png;base64,${b64}`;
          await image.decode();
          const canvas = document.createElement('canvas');
          canvas.width = width;
          canvas.height = height;
          const c = canvas.getContext('2d');
          c?.drawImage(image, 0, 0, width, height);
          const data = c?.getImageData(0, 0, width, height).data ?? new Uint8ClampedArray();
          let text = '';
          for (let i = 0; i < data.length; i += 0x8000) {
            text += String.fromCharCode(...data.subarray(i, i + 0x8000));
          }
          return btoa(text);
        },
        { b64: png.toString('base64'), width: WIDTH, height: HEIGHT },
      ),
      'base64',
    );
    const y = Buffer.alloc(WIDTH * HEIGHT);
    const u = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2));
    const v = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2));
    for (let row = 0; row < HEIGHT; row++) {
      for (let col = 0; col < WIDTH; col++) {
        const at = (row * WIDTH + col) * 4;
        const r = rgba[at] ?? 0;
        const g = rgba[at + 1] ?? 0;
        const b = rgba[at + 2] ?? 0;
        y[row * WIDTH + col] = 0.299 * r + 0.587 * g + 0.114 * b;
        if (row % 2 === 0 && col % 2 === 0) {
          const half = (row / 2) * (WIDTH / 2) + col / 2;
          u[half] = 128 - 0.168736 * r - 0.331264 * g + 0.5 * b;
          v[half] = 128 + 0.5 * r - 0.418688 * g - 0.081312 * b;
        }
      }
    }
    for (let i = 0; i < count; i++) {
      writeSync(file, 'FRAME\n');
      writeSync(file, y);
      writeSync(file, u);
      writeSync(file, v);
    }
  }
  closeSync(file);
}

let browser: Browser;

test.beforeAll(async ({ browser: plain }) => {
  test.setTimeout(120_000);
  const page = await plain.newPage();
  await page.goto('/');
  await writeVideo(page);
  await page.close();
  browser = await chromium.launch({
    executablePath: CHROME_PATH,
    args: [
      ...CHROMIUM_FLAGS,
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${VIDEO}`,
    ],
  });
});

test.afterAll(async () => {
  await browser?.close();
});

/** A tab on About you that records every request, what the live region says, and the camera
 *  tracks the page was given. */
async function aboutYou(lang: 'en' | 'zh-CN', camera: boolean) {
  if (!ABOUT) throw new Error('About you is not in the page list');
  const baseURL = test.info().project.use.baseURL ?? '';
  const context = await browser.newContext({
    baseURL,
    serviceWorkers: 'block',
    ...(camera ? { permissions: ['camera'] } : {}),
  });
  const page = await context.newPage();
  const requests: string[] = [];
  page.on('request', (request) => requests.push(`${request.method()} ${request.url()}`));
  await useLook(page, { lang, theme: 'light', textSize: '100' });
  await seedStorage(page, ABOUT);
  await page.addInitScript(() => {
    const said: string[] = [];
    const tracks: MediaStreamTrack[] = [];
    Object.assign(window, { kindlySaid: said, kindlyTracks: tracks });
    const getUserMedia = navigator.mediaDevices.getUserMedia.bind(navigator.mediaDevices);
    navigator.mediaDevices.getUserMedia = async (constraints) => {
      const stream = await getUserMedia(constraints);
      tracks.push(...stream.getTracks());
      return stream;
    };
    new MutationObserver(() => {
      const text = document.querySelector('[data-testid="announcer"]')?.textContent ?? '';
      if (text && said[said.length - 1] !== text) said.push(text);
    }).observe(document, { subtree: true, childList: true, characterData: true });
  });
  await page.goto(ABOUT.path);
  await expect(page.locator('main h1')).toHaveCount(1);
  return { page, context, requests };
}

const said = (page: Page) =>
  page.evaluate(() => (window as unknown as { kindlySaid: string[] }).kindlySaid);

test('reads the card with the camera, keyboard only: says why first, what it sees, then reads back', async () => {
  test.setTimeout(180_000);
  if (!PERSON) throw new Error('no test person');
  const { page, context, requests } = await aboutYou('en', true);
  await tabTo(page, page.getByRole('button', { name: 'Use the camera' }));
  await page.keyboard.press('Enter');
  // The plain explanation comes before any camera, and takes focus.
  await expect(page.getByRole('heading', { name: 'Before the camera starts' })).toBeFocused();
  await expect(page.getByText('The picture stays on this tablet')).toBeVisible();
  expect(
    await page.evaluate(
      () => (window as unknown as { kindlyTracks: unknown[] }).kindlyTracks.length,
    ),
  ).toBe(0);
  await tabTo(page, page.getByRole('button', { name: 'Start the camera' }));
  await page.keyboard.press('Enter');

  const result = page.getByTestId('card-result');
  await expect(result).toBeVisible({ timeout: 120_000 });
  await expect(result.getByRole('heading')).toBeFocused();

  const { year, month, day } = PERSON.birth;
  await expect(page.locator('#full-name')).toHaveValue(PERSON.name);
  await expect(page.locator('#dob')).toHaveValue(String(day));
  await expect(page.locator('#dob-month')).toHaveValue(String(month));
  await expect(page.locator('#dob-year')).toHaveValue(String(year));
  await expect(page.locator('#id-number')).toHaveValue(PERSON.id);
  // Each filled field says so in its hint, which the field's aria-describedby reads out.
  for (const id of ['#full-name', '#dob', '#id-number']) {
    await expect(page.locator(id)).toHaveAccessibleDescription(/Read from your card: please check/);
  }

  const lines = await said(page);
  expect(lines).toContain('Too dark. Move somewhere brighter.');
  expect(lines).toContain('Hold still.');
  expect(lines).toContain('Card read.');
  const spelled = [PERSON.id.slice(0, 6), PERSON.id.slice(6, 14), PERSON.id.slice(14)]
    .map((group) => [...group].join(' '))
    .join(', ');
  const readBack = lines.at(-1) ?? '';
  expect(readBack).toContain(`Full name: ${PERSON.name}`);
  expect(readBack).toContain(`ID card number: ${spelled}`);

  // The camera is off (every track ended), the page stayed where it was, nothing was sent,
  // and every request went to Kindly's own origin.
  expect(
    await page.evaluate(() =>
      (window as unknown as { kindlyTracks: MediaStreamTrack[] }).kindlyTracks.map(
        (t) => t.readyState,
      ),
    ),
  ).toEqual(['ended']);
  expect(new URL(page.url()).pathname).toBe('/apply/about-you');
  const origin = new URL(page.url()).origin;
  expect(requests.filter((r) => !r.split(' ')[1]?.startsWith(`${origin}/`))).toEqual([]);
  expect(requests.filter((r) => !r.startsWith('GET '))).toEqual([]);
  await context.close();
});

test('says kindly how to go on when the camera is not allowed, in Chinese', async () => {
  const { page, context } = await aboutYou('zh-CN', false);
  await tabTo(page, page.getByRole('button', { name: '用摄像头读卡' }));
  await page.keyboard.press('Enter');
  await tabTo(page, page.getByRole('button', { name: '打开摄像头' }));
  await page.keyboard.press('Enter');
  const refusal = page.getByRole('heading', { name: /Kindly 无法使用摄像头/ });
  await expect(refusal).toBeFocused();
  // Both other ways stay open: a photo, or typing.
  await expect(page.getByRole('button', { name: '选择一张照片' })).toBeVisible();
  await expect(page.locator('#full-name')).toBeEditable();
  await context.close();
});
