// Real voices: Debian's Chromium with --enable-speech-dispatcher lists espeak-ng's voices
// (about 2 s after the first getVoices()); Kindly must offer those of the page's language.
import { existsSync } from 'node:fs';
import { expect, type Page, test } from '@playwright/test';
import { CHROME_PATH, CHROMIUM_FLAGS } from './support/chromium';

test.skip(
  !existsSync('/usr/bin/speech-dispatcher'),
  'speech-dispatcher is not installed (apt-get install -y speech-dispatcher espeak-ng)',
);

async function useVoiceSettings(page: Page, settings: { lang: string; voiceGuidance: boolean }) {
  await page.addInitScript((saved) => {
    localStorage.setItem('kindly.settings', saved);
  }, JSON.stringify(settings));
}

const readButton = (page: Page, lang: 'en' | 'zh-CN') =>
  page.getByRole('button', { name: lang === 'en' ? 'Read this page' : '朗读本页', exact: true });

test.use({
  launchOptions: {
    executablePath: CHROME_PATH,
    args: [...CHROMIUM_FLAGS, '--enable-speech-dispatcher'],
  },
});
for (const lang of ['en', 'zh-CN'] as const) {
  test(`the device's ${lang} voices are listed and offered in Settings`, async ({ page }) => {
    await useVoiceSettings(page, { lang, voiceGuidance: true });
    await page.goto('/settings');
    await expect(readButton(page, lang)).toBeVisible({ timeout: 20_000 });
    const voices = await page.evaluate(() =>
      speechSynthesis.getVoices().map((v) => ({ name: v.name, lang: v.lang })),
    );
    expect(voices.length).toBeGreaterThan(0);
    const ours = voices.filter((v) =>
      lang === 'en' ? /^en(-|$)/i.test(v.lang) : /^(zh(-CN)?|cmn.*)$/i.test(v.lang),
    );
    expect(ours.length, JSON.stringify(voices.slice(0, 20))).toBeGreaterThan(0);
    const group = page.getByRole('group', { name: lang === 'en' ? 'Voice' : '声音' });
    // One radio for "the device's usual voice" plus one per voice of the language.
    await expect(group.getByRole('radio')).toHaveCount(ours.length + 1);
    for (const v of ours.slice(0, 3)) {
      await expect(group.getByRole('radio', { name: v.name, exact: true })).toBeAttached();
    }
  });
}
