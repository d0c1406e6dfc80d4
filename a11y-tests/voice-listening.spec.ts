import { expect, type Page, test } from '@playwright/test';
import { mobileWords, residentIdWords } from '../src/voice/numbers';
import { sentencesOf, spokenText } from '../src/voice/spoken-text';
import { fakeSpeech, speechLog } from './support/fake-speech';
import { H1, ID_NUMBER } from './support/offline';

// Listens to the journey as a person with spoken guidance on would hear it, through a
// speechSynthesis replaced before the page loads, and holds what is said to the rules of
// each language.

type Lang = 'en' | 'zh-CN';

/** Fakes speechSynthesis with two voices, whose utterances take msPerCharacter to say. */
async function listen(page: Page, msPerCharacter: number): Promise<void> {
  await fakeSpeech(page, {
    voices: [
      { name: 'Test English', lang: 'en-GB', voiceURI: 'en', default: true },
      { name: 'Test Mandarin', lang: 'zh-CN', voiceURI: 'zh' },
    ],
    duration: { ms: 0, msPerCharacter },
  });
}

async function spokenSince(page: Page, from: number): Promise<string[]> {
  return (await speechLog(page))
    .slice(from)
    .filter((e) => e.type === 'speak')
    .map((e) => e.text ?? '');
}

/** What the voice says for text shown on the page. */
function said(text: string, lang: Lang): string[] {
  return sentencesOf(spokenText(text.replace(/\s+/g, ' ').trim(), lang));
}

const APPLICANT = {
  en: { name: 'Ada Green', contact: 'Sam Green', relationship: 'my son' },
  'zh-CN': { name: '王秀英', contact: '李明', relationship: '儿子' },
} as const;
const PHONE = '13800138000';
const CONTACT_PHONE = '13900139000';

const TEXT = {
  en: {
    start: 'Start an application',
    loan: /Home repair loan/,
    months: /^12 months/,
    continue: 'Continue',
    fullName: 'Full name',
    day: 'Day',
    month: 'Month',
    year: 'Year',
    id: 'ID card number',
    phone: 'Mobile phone number',
    band: /^¥6,000(\.00)? to ¥9,999/,
    repayments: 'How much do you already repay each month on other loans and credit cards?',
    contactName: 'Their full name',
    contactPhone: 'Their mobile phone number',
    relationship: 'How do you know them?',
    no: 'No',
    h1: H1,
    welcome: 'Apply for a small loan',
    settings: 'Settings',
    privacyOn: 'On: blur amounts and details',
    resume: 'Continue your application',
    read: 'Read this page',
    hidden: 'hidden while privacy mode is on',
    hear: 'Read aloud Mobile phone',
  },
  'zh-CN': {
    start: '开始申请',
    loan: /房屋修缮贷/,
    months: /^12 个月/,
    continue: '继续',
    fullName: '姓名',
    day: '日',
    month: '月',
    year: '年',
    id: '身份证号码',
    phone: '手机号码',
    band: /^¥6,000(\.00)? 至 ¥9,999/,
    repayments: '您现在每月要还其他贷款和信用卡多少钱？',
    contactName: '对方的姓名',
    contactPhone: '对方的手机号码',
    relationship: '您和对方是什么关系？',
    no: '没有',
    h1: {
      choose: '您想申请哪种贷款？',
      amount: '您想借多少钱？',
      term: '您想分多长时间还清？',
      repay: '您要还多少钱',
      about: '您的基本信息',
      income: '您的收入',
      contact: '如果我们担心您，可以联系谁吗？',
      safety: '有没有人让您替他借这笔钱，或者让您对这笔贷款保密？',
      check: '发送前请检查您的回答',
    },
    welcome: '申请小额贷款',
    settings: '设置',
    privacyOn: '开启：模糊显示金额和信息',
    resume: '继续填写您的申请',
    read: '朗读本页',
    hidden: '隐私模式开启时不读出',
    hear: '朗读 手机号码',
  },
} as const;

const DIGIT_EN = '(?:zero|one|two|three|four|five|six|seven|eight|nine)';

/** The rules a listener holds the voice to; each broken one is named with its line. */
function brokenRules(lines: readonly string[], lang: Lang): string[] {
  const broken: string[] = [];
  const idGroups = residentIdWords(ID_NUMBER, lang).split(lang === 'en' ? ', ' : '，');
  for (const line of lines) {
    const flag = (rule: string) => broken.push(`${rule}: ${line}`);
    if (!/[.!?。！？:：,，;；…]["”’)）」]*$/.test(line)) flag('no pause mark at the end');
    if (line.includes('×')) flag('a sign left to the voice');
    // The ID number's region (6) and date of birth (8) are the only longer groups said.
    const rest = idGroups.reduce((text, group) => text.replaceAll(group, '#'), line);
    if (lang === 'zh-CN') {
      if (/[\u3400-\u9fff）][:.,;]/.test(line)) flag('ASCII punctuation after Chinese');
      if (/(?<![零一二三四五六七八九十百千万亿点第两幺])二(?=[千万亿]|个|元|位|天|年)/.test(line)) {
        flag('二 where 两 is said');
      }
      if (/[零幺一二三四五六七八九]{5,}/.test(rest)) flag('more than four digits in one breath');
      if (
        /百分之[零一二三四五六七八九十百点]*点[零一二三四五六七八九]*零(?![零一二三四五六七八九])/.test(
          line,
        )
      ) {
        flag('a rate with a trailing zero');
      }
      if (/\d/.test(line)) flag('a figure left to the voice');
    } else {
      if (new RegExp(`\\b${DIGIT_EN}(?: ${DIGIT_EN}){4,}\\b`).test(rest)) {
        flag('more than four digits in one breath');
      }
      if (/point(?: [a-z]+)* zero percent/.test(line)) flag('a rate with a trailing zero');
      if (/\d/.test(line.replace(/\b\d{1,2}(?=\s|$)/g, ''))) flag('a figure left to the voice');
    }
  }
  return broken;
}

/** Presses Continue (or a link) and waits until the next page has been read to its end. */
async function goOn(page: Page, lang: Lang, press: () => Promise<void>, h1: string) {
  const from = (await speechLog(page)).length;
  await press();
  const heading = page.getByRole('heading', { level: 1, name: h1 });
  await expect(heading).toBeVisible();
  const title = ((await heading.textContent()) ?? '').trim();
  await expect
    .poll(async () => (await spokenSince(page, from)).join(' '))
    .toContain(said(title, lang)[0]?.replace(/[.。]$/, ''));
  // Settled: the last utterance has ended and nothing new began for a moment.
  let count = -1;
  await expect
    .poll(async () => {
      const events = await speechLog(page);
      const isQuiet = events.length === count && events.at(-1)?.type !== 'speak';
      count = events.length;
      return isQuiet;
    })
    .toBe(true);
  return spokenSince(page, from);
}

for (const lang of ['en', 'zh-CN'] as const) {
  test(`listening to the journey in ${lang}: every line a sentence, numbers in breaths, privacy kept`, async ({
    page,
  }) => {
    test.setTimeout(180_000);
    const x = TEXT[lang];
    const who = APPLICANT[lang];
    const main = page.locator('main');
    await listen(page, 1);
    await page.addInitScript(
      (saved) => localStorage.setItem('kindly.settings', saved),
      JSON.stringify({ lang, voiceGuidance: true }),
    );
    await page.goto('/');
    const cont = () => main.getByRole('button', { name: x.continue, exact: true }).click();
    const pages: Record<string, string[]> = {};
    pages.choose = await goOn(
      page,
      lang,
      () => main.getByRole('link', { name: x.start }).click(),
      x.h1.choose,
    );
    await main.getByRole('radio', { name: x.loan }).check();
    pages.amount = await goOn(page, lang, cont, x.h1.amount);
    await main.getByRole('textbox', { name: x.h1.amount }).fill('12,500');
    pages.term = await goOn(page, lang, cont, x.h1.term);
    await main.getByRole('radio', { name: x.months }).check();
    pages.repay = await goOn(page, lang, cont, x.h1.repay);
    // Every figure of the plain sentence and the rate box is said as shown.
    for (const shown of [
      (await main.locator('.summary-sentence').textContent()) ?? '',
      (await main.locator('.rate-box__value').textContent()) ?? '',
    ]) {
      for (const s of said(shown, lang)) {
        expect.soft(pages.repay.join(' ')).toContain(s.slice(0, -1));
      }
    }
    pages.about = await goOn(page, lang, cont, x.h1.about);
    await main.getByRole('textbox', { name: x.fullName }).fill(who.name);
    await main.getByRole('textbox', { name: x.day, exact: true }).fill('27');
    await main.getByRole('textbox', { name: x.month, exact: true }).fill('3');
    await main.getByRole('textbox', { name: x.year, exact: true }).fill('1958');
    await main.getByRole('textbox', { name: x.id }).fill(ID_NUMBER);
    await main.getByRole('textbox', { name: x.phone }).fill('138 0013 8000');
    pages.income = await goOn(page, lang, cont, x.h1.income);
    await main.getByRole('radio', { name: x.band }).check();
    await main.getByRole('textbox', { name: x.repayments }).fill('0');
    pages.contact = await goOn(page, lang, cont, x.h1.contact);
    await main.getByRole('textbox', { name: x.contactName }).fill(who.contact);
    await main.getByRole('textbox', { name: x.contactPhone }).fill(CONTACT_PHONE);
    await main.getByRole('textbox', { name: x.relationship }).fill(who.relationship);
    pages.safety = await goOn(page, lang, cont, x.h1.safety);
    await main.getByRole('radio', { name: x.no, exact: true }).check();
    pages.check = await goOn(page, lang, cont, x.h1.check);

    const mobile = mobileWords(PHONE, lang);
    const id = residentIdWords(ID_NUMBER, lang);
    expect.soft(pages.check.join(' ')).toContain(mobile);
    expect.soft(pages.check.join(' ')).toContain(id);

    // Privacy mode on in Settings, then back by "Continue your application" on Welcome:
    // it leads to the page the applicant left, where nothing personal is said aloud.
    await goOn(
      page,
      lang,
      () => page.getByRole('link', { name: x.settings, exact: true }).click(),
      x.settings,
    );
    await main.getByRole('radio', { name: x.privacyOn }).check();
    await goOn(page, lang, () => page.locator('header a[href="/"]').click(), x.welcome);
    await main.getByRole('link', { name: x.resume }).click();
    const h1 = page.getByRole('heading', { level: 1 });
    await expect.soft(h1, 'Continue leads back to the page left').toHaveText(x.h1.check);
    if ((await h1.textContent()) !== x.h1.check) await page.goto('/apply/check');
    pages.checkPrivate = await goOn(
      page,
      lang,
      () => page.getByRole('button', { name: x.read, exact: true }).click(),
      x.h1.check,
    );
    const privateText = pages.checkPrivate.join(' ');
    for (const secret of [
      who.name,
      who.contact,
      mobile,
      mobileWords(CONTACT_PHONE, lang),
      id,
      ...id.split(lang === 'en' ? ', ' : '，'),
      lang === 'en' ? 'nineteen fifty-eight' : '一九五八',
      spokenText('¥12,500', lang).slice(0, -1),
    ]) {
      expect.soft(privateText, `said in privacy mode: ${secret}`).not.toContain(secret);
    }
    expect
      .soft(pages.checkPrivate.filter((s) => s.includes(x.hidden)).length)
      .toBeGreaterThanOrEqual(9);
    for (const [name, lines] of Object.entries(pages)) {
      expect.soft(brokenRules(lines, lang), name).toEqual([]);
    }
    // One row, asked for from its own control, is said, and only that row.
    const from = (await speechLog(page)).length;
    await main.getByRole('button', { name: x.hear }).click({ timeout: 10_000 });
    await expect.poll(async () => (await spokenSince(page, from)).join(' ')).toContain(mobile);
    expect((await spokenSince(page, from)).join(' ')).not.toContain(id);
  });
}

for (const lang of ['en', 'zh-CN'] as const) {
  test(`"Spoken guidance is on" is heard to its end before the page is read, ${lang}`, async ({
    page,
  }) => {
    const x = {
      en: ['Back', 'On: read each page aloud', 'Spoken guidance is on.'],
      'zh-CN': ['返回', '开启：朗读每一页', '语音朗读已开启。'],
    }[lang];
    // About as long as a voice takes to say it.
    await listen(page, 80);
    await page.addInitScript(
      (saved) => localStorage.setItem('kindly.settings', saved),
      JSON.stringify({ lang, voiceGuidance: false }),
    );
    // Welcome reached by the person's own navigation, so guidance will read it.
    await page.goto('/apply');
    await page.getByRole('link', { name: x[0] as string }).click();
    await page.getByRole('radio', { name: x[1] as string }).check();
    await expect
      .poll(async () => (await speechLog(page)).filter((e) => e.type === 'speak').length, {
        timeout: 15_000,
      })
      .toBeGreaterThan(1);
    const events = await speechLog(page);
    const said = events.findIndex((e) => e.type === 'speak' && e.text === x[2]);
    expect(said).toBeGreaterThanOrEqual(0);
    expect(events[said + 1], 'the confirmation ends before anything else').toMatchObject({
      type: 'end',
      text: x[2],
    });
  });
}
