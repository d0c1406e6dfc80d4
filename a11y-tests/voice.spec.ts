import { expect, type Page, test } from '@playwright/test';
import { sentencesOf, spokenText } from '../src/voice/spoken-text';
import { axeViolations } from './support/axe';
import { layoutProblems } from './support/checks';
import { type FakeVoice, fakeSpeech as fakeDeviceSpeech, speechLog } from './support/fake-speech';
import { PAGES, seedStorage } from './support/pages';

type Lang = 'en' | 'zh-CN';

interface FakeOptions {
  /** The voices the device has (VOICES unless given). */
  voices?: FakeVoice[];
  /** Whether each utterance ends by itself after a moment (false: it speaks until cancelled). */
  autoEnd?: boolean;
  /** No speech synthesis at all, as in Android WebView. */
  isMissing?: boolean;
}

const VOICES = [
  { name: 'Test English', lang: 'en-GB', voiceURI: 'test-en', default: true },
  { name: 'Test Mandarin', lang: 'zh-CN', voiceURI: 'test-zh' },
  { name: 'Test Cantonese', lang: 'zh-HK', voiceURI: 'test-yue' },
];

/** Replaces speechSynthesis with a recorder before the app's scripts run. */
function fakeSpeech(page: Page, options: FakeOptions = {}): Promise<void> {
  return fakeDeviceSpeech(page, {
    voices: options.voices ?? VOICES,
    duration: (options.autoEnd ?? true) ? { ms: 5, msPerCharacter: 0 } : null,
    isMissing: options.isMissing,
  });
}

/** Starts with guidance on (or off), as if chosen on an earlier visit. */
async function useVoiceSettings(
  page: Page,
  settings: { lang: Lang; voiceGuidance: boolean; voiceRate?: number },
): Promise<void> {
  await page.addInitScript((saved) => {
    localStorage.setItem('kindly.settings', saved);
  }, JSON.stringify(settings));
}

async function spoken(page: Page): Promise<string[]> {
  return (await speechLog(page)).filter((e) => e.type === 'speak').map((e) => e.text ?? '');
}

/** What the voice should say for a piece of on-screen text: its figures as words. */
function said(text: string, lang: Lang): string[] {
  return sentencesOf(spokenText(text.replace(/\s+/g, ' ').trim(), lang));
}

const TEXT = {
  en: {
    read: 'Read this page',
    stop: 'Stop',
    on: 'On: read each page aloud',
    noVoice: 'this device has no English voice',
    noSpeech: 'this browser cannot speak',
  },
  'zh-CN': {
    read: '朗读本页',
    stop: '停止朗读',
    on: '开启：朗读每一页',
    noVoice: '这台设备没有中文语音',
    noSpeech: '这个浏览器不能发声',
  },
} as const;

const readButton = (page: Page, lang: Lang) =>
  page.getByRole('button', { name: TEXT[lang].read, exact: true });

for (const lang of ['en', 'zh-CN'] as const) {
  test(`every page is read in ${lang}: title and question, and the errors after Continue`, async ({
    browser,
  }) => {
    test.setTimeout(240_000);
    for (const target of PAGES) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await fakeSpeech(page);
      await seedStorage(page, target);
      await useVoiceSettings(page, { lang, voiceGuidance: true });
      await page.goto(target.path);
      await expect(readButton(page, lang), target.name).toBeVisible();
      if (target.prepare) await target.prepare(page);
      // After prepare: it may lead to another page ('This page could not be opened').
      const h1 = (await page.locator('main h1').first().innerText()).trim();
      if (target.name.endsWith('-error')) {
        const errors = await page.locator('.error-summary a').allInnerTexts();
        expect(errors.length, target.name).toBeGreaterThan(0);
        for (const error of errors) {
          for (const sentence of said(error, lang)) {
            await expect
              .poll(async () => (await spoken(page)).join(' '), `${target.name}: ${sentence}`)
              .toContain(sentence);
          }
        }
      }
      await readButton(page, lang).click();
      for (const sentence of said(h1, lang)) {
        await expect
          .poll(async () => (await spoken(page)).join(' '), `${target.name}: ${sentence}`)
          .toContain(sentence);
      }
      const log = (await speechLog(page)).filter((e) => e.type === 'speak');
      for (const e of log) {
        expect(e.lang, target.name).toBe(lang === 'en' ? 'en-GB' : 'zh-CN');
        expect(e.rate, target.name).toBe(0.85);
      }
      // A reference number is spelled, and on the confirmation page it is read twice.
      if (target.name === 'confirmation') {
        const spelled =
          lang === 'en'
            ? 'K, N, D. seven, F, three. Q, nine, C.'
            : 'K，N，D。七，F，三。Q，九，C。';
        await expect
          .poll(async () => (await spoken(page)).filter((s) => s === spelled).length)
          .toBeGreaterThanOrEqual(2);
      }
      await context.close();
    }
  });
}

test('arriving on a page by the person’s own navigation reads it; navigating away cancels', async ({
  page,
}) => {
  await fakeSpeech(page, { autoEnd: false });
  await useVoiceSettings(page, { lang: 'en', voiceGuidance: true });
  await page.goto('/');
  await expect(readButton(page, 'en')).toBeVisible();
  // Loading a page does not start talking by itself; the person's own navigation does.
  expect(await spoken(page)).toEqual([]);
  await page.getByRole('link', { name: 'Start an application' }).click();
  await expect
    .poll(async () => (await spoken(page)).join(' '))
    .toContain('Which loan do you want to apply for?');
  const before = (await speechLog(page)).length;
  await page.getByRole('link', { name: 'Back' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Apply for a small loan' }),
  ).toBeVisible();
  await expect.poll(async () => (await spoken(page)).join(' ')).toContain('Apply for a small loan');
  const after = (await speechLog(page)).slice(before);
  expect(after[0]?.type, 'speech is cancelled first on navigation').toBe('cancel');
  // Nothing more of the loan page is said once the person has left it.
  expect(after.filter((e) => e.type === 'speak').map((e) => e.text)).not.toContainEqual(
    expect.stringContaining('Which loan'),
  );
});

test('typing stops the voice; Stop stops it', async ({ page }) => {
  await fakeSpeech(page, { autoEnd: false });
  await seedStorage(page, {
    name: 'amount',
    path: '/apply/amount',
    draft: { productId: 'home-repair' },
  });
  await useVoiceSettings(page, { lang: 'en', voiceGuidance: true });
  await page.goto('/apply/amount');
  await readButton(page, 'en').click();
  await expect.poll(async () => (await spoken(page)).length).toBeGreaterThan(0);
  let count = (await speechLog(page)).length;
  await page.getByRole('textbox', { name: 'How much do you want to borrow?' }).fill('12');
  await expect
    .poll(async () => (await speechLog(page)).slice(count).map((e) => e.type))
    .toContain('cancel');
  await readButton(page, 'en').click();
  count = (await speechLog(page)).length;
  await page.getByRole('button', { name: 'Stop', exact: true }).click();
  expect((await speechLog(page)).slice(count).map((e) => e.type)).toContain('cancel');
});

test('the speed setting reaches every utterance, and Settings offers voices of the page’s language', async ({
  page,
}) => {
  await fakeSpeech(page);
  await useVoiceSettings(page, { lang: 'zh-CN', voiceGuidance: true, voiceRate: 1.2 });
  await page.goto('/settings');
  await readButton(page, 'zh-CN').click();
  await expect.poll(async () => (await spoken(page)).length).toBeGreaterThan(1);
  for (const e of await speechLog(page)) if (e.type === 'speak') expect(e.rate).toBe(1.2);
  // Choosing a speed is heard at once, at that speed.
  await page.getByRole('radio', { name: /0\.6/ }).check();
  await expect.poll(async () => (await speechLog(page)).at(-1)?.rate).toBe(0.6);
  // Only Mandarin voices are offered on a Chinese page: not the English or Cantonese one.
  const voices = page.getByRole('group', { name: '声音' });
  await expect(voices.getByRole('radio', { name: 'Test Mandarin', exact: true })).toBeVisible();
  await expect(voices.getByRole('radio')).toHaveCount(2);
  await voices.getByRole('radio', { name: 'Test Mandarin', exact: true }).check();
  await expect.poll(async () => (await speechLog(page)).at(-1)?.voice).toBe('Test Mandarin');
});

test('turning guidance on in Welcome speaks inside the tap; off, no voice code is loaded', async ({
  page,
}) => {
  await fakeSpeech(page);
  const scripts: string[] = [];
  page.on('request', (r) => scripts.push(r.url()));
  await useVoiceSettings(page, { lang: 'en', voiceGuidance: false });
  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  expect(scripts.filter((u) => /guidance-/.test(u))).toEqual([]);
  await expect(readButton(page, 'en')).toHaveCount(0);
  await page.getByRole('radio', { name: TEXT.en.on }).check();
  expect(await spoken(page)).toEqual(['Spoken guidance is on.']);
  await expect(readButton(page, 'en')).toBeVisible();
});

for (const lang of ['en', 'zh-CN'] as const) {
  test(`with no voice for ${lang}, the page says plainly that guidance is unavailable`, async ({
    page,
  }) => {
    await fakeSpeech(page, {
      voices:
        lang === 'en'
          ? [VOICES[1] as (typeof VOICES)[number]]
          : [VOICES[0] as (typeof VOICES)[number], VOICES[2] as (typeof VOICES)[number]],
    });
    await useVoiceSettings(page, { lang, voiceGuidance: true });
    await page.goto('/');
    await expect(page.locator('header')).toContainText(TEXT[lang].noVoice);
    await expect(page.locator('main')).toContainText(TEXT[lang].noVoice);
    await expect(readButton(page, lang)).toHaveCount(0);
  });
}

test('with no voices at all, or no speech synthesis, guidance says it is unavailable', async ({
  browser,
}) => {
  for (const options of [{ voices: [] }, { isMissing: true }] as FakeOptions[]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await fakeSpeech(page, options);
    await useVoiceSettings(page, { lang: 'en', voiceGuidance: true });
    await page.goto('/apply');
    const message = options.isMissing ? TEXT.en.noSpeech : TEXT.en.noVoice;
    await expect(page.locator('header')).toContainText(message);
    // Nothing else changes: the page works as usual.
    await expect(
      page.getByRole('heading', { level: 1, name: 'Which loan do you want to apply for?' }),
    ).toBeVisible();
    await context.close();
  }
});

for (const lang of ['en', 'zh-CN'] as const) {
  test(`with guidance on, the controls pass axe and Kindly's own checks at 200% and 320 px, ${lang}`, async ({
    page,
  }) => {
    await fakeSpeech(page);
    await page.setViewportSize({ width: 320, height: 800 });
    await page.addInitScript(
      (saved) => {
        localStorage.setItem('kindly.settings', saved);
      },
      JSON.stringify({ lang, voiceGuidance: true, textSize: '200', theme: 'contrast' }),
    );
    for (const path of ['/', '/settings']) {
      await page.goto(path);
      await expect(readButton(page, lang)).toBeVisible();
      expect(await axeViolations(page), path).toEqual([]);
      expect(await layoutProblems(page), path).toEqual({
        targets: [],
        reflow: [],
        clipping: [],
        focus: [],
      });
    }
  });
}
