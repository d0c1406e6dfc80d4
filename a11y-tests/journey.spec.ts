import { expect, type Page, test } from '@playwright/test';
import { buildSchedule, formatMoney } from '../src/loan';
import { chooseRadio, pressButton, tabTo, typeInto } from './support/keyboard';
import { answerPage, arrive, H1, ID_NUMBER, QUESTION_PAGES } from './support/offline';
import { useLook } from './support/pages';
import { storedApplications } from './support/stored';

const TEXT = {
  en: {
    start: 'Start an application',
    loan: 'Home repair loan',
    continue: 'Continue',
    months: '12 months',
    h1: H1,
    fullName: 'Full name',
    day: 'Day',
    month: 'Month',
    year: 'Year',
    id: 'ID card number',
    phone: 'Mobile phone number',
    band: '¥6,000 to ¥9,999',
    repayments: 'How much do you already repay each month on other loans and credit cards?',
    skip: 'Skip this question',
    no: 'No',
    send: 'Send my application',
    errorTitle: 'Error: About you – Kindly',
    nameError: 'Enter your full name',
  },
  'zh-CN': {
    start: '开始申请',
    loan: '房屋修缮贷',
    continue: '继续',
    months: '12 个月',
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
      understand: '您每月要还多少钱？',
      declare: '发送您的申请',
      sent: '申请已发送',
    },
    fullName: '姓名',
    day: '日',
    month: '月',
    year: '年',
    id: '身份证号码',
    phone: '手机号码',
    band: '¥6,000 至 ¥9,999',
    repayments: '您现在每月要还其他贷款和信用卡多少钱？',
    skip: '跳过这个问题',
    no: '没有',
    send: '发送我的申请',
    errorTitle: '错误：您的基本信息 – Kindly',
    nameError: '请填写您的姓名',
  },
} as const;

/** After each Continue, the new page's h1 has focus: the contract for screen-reader users. */
async function expectArrived(page: Page, h1: string): Promise<void> {
  await expect(page.getByRole('heading', { level: 1, name: h1 })).toBeFocused();
}

for (const lang of ['en', 'zh-CN'] as const) {
  test(`keyboard only, ${lang}: from Start to a reference number the server stored`, async ({
    page,
  }) => {
    const x = TEXT[lang];
    await useLook(page, { lang, theme: 'light', textSize: '100' });
    await page.goto('/');
    const cont = page.getByRole('button', { name: x.continue });

    await pressButton(page, page.getByRole('link', { name: x.start }));
    await expectArrived(page, x.h1.choose);
    await chooseRadio(page, page.getByRole('radio', { name: new RegExp(x.loan) }));
    await pressButton(page, cont);

    await expectArrived(page, x.h1.amount);
    await typeInto(page, page.getByRole('textbox', { name: x.h1.amount }), '12,500');
    await pressButton(page, cont);

    await expectArrived(page, x.h1.term);
    await chooseRadio(page, page.getByRole('radio', { name: new RegExp(`^${x.months}`) }));
    await pressButton(page, cont);

    await expectArrived(page, x.h1.repay);
    const schedule = buildSchedule({
      principal: 1_250_000,
      annualRatePercent: 6,
      months: 12,
      method: 'annuity',
      upfrontFee: 3000,
    });
    const monthly = formatMoney(schedule.instalments[0]?.payment ?? 0, 'CNY', lang);
    await expect(page.locator('main')).toContainText(monthly);
    await pressButton(page, cont);

    // Continue with nothing filled in: the error summary takes focus, the title says Error.
    await expectArrived(page, x.h1.about);
    await pressButton(page, cont);
    await expect(page.locator('.error-summary')).toBeFocused();
    await expect(page).toHaveTitle(x.errorTitle);
    await expect(page.locator('.error-summary')).toContainText(x.nameError);
    await typeInto(page, page.getByRole('textbox', { name: x.fullName }), '王秀英');
    await typeInto(page, page.getByRole('textbox', { name: x.day }), '27');
    await typeInto(page, page.getByRole('textbox', { name: x.month }), '3');
    await typeInto(page, page.getByRole('textbox', { name: x.year }), '1958');
    await typeInto(page, page.getByRole('textbox', { name: x.id }), ID_NUMBER);
    await typeInto(page, page.getByRole('textbox', { name: x.phone }), '138 0013 8000');
    await pressButton(page, cont);

    await expectArrived(page, x.h1.income);
    await chooseRadio(page, page.getByRole('radio', { name: x.band }));
    await typeInto(page, page.getByRole('textbox', { name: x.repayments }), '0');
    await pressButton(page, cont);

    await expectArrived(page, x.h1.contact);
    await pressButton(page, page.getByRole('button', { name: x.skip }));

    await expectArrived(page, x.h1.safety);
    await chooseRadio(page, page.getByRole('radio', { name: x.no, exact: true }));
    await pressButton(page, cont);

    await expectArrived(page, x.h1.check);
    await expect(page.locator('main')).toContainText('王秀英');
    await pressButton(page, cont);

    await expectArrived(page, x.h1.understand);
    await chooseRadio(page, page.getByRole('radio', { name: monthly }));
    await pressButton(page, cont);

    await expectArrived(page, x.h1.declare);
    await pressButton(page, page.getByRole('button', { name: x.send }));

    await expectArrived(page, x.h1.sent);
    const reference = (await page.locator('.reference').textContent())?.trim() ?? '';
    expect(reference).toMatch(/^KND-[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$/);

    const rows = storedApplications().filter((app) => app.reference === reference);
    expect(rows).toHaveLength(1);
    expect(rows[0]?.body).toContain('home-repair');
    expect(rows[0]?.body).toContain(ID_NUMBER);
    await tabTo(
      page,
      page.getByRole('link', {
        name: new RegExp(lang === 'en' ? 'See my applications' : '查看我的申请'),
      }),
    );
  });
}

test('a new page is at its top at once: it never scrolls into place under a finger', async ({
  page,
}) => {
  // At 320 px the check page is long and Continue is far down it; the teach-back page after
  // it is taller than the screen too, so a smooth scroll would still be moving its answers.
  await page.setViewportSize({ width: 320, height: 640 });
  await page.goto('/apply');
  await arrive(page, H1.choose);
  for (const h1 of QUESTION_PAGES.slice(0, QUESTION_PAGES.indexOf(H1.check))) {
    await answerPage(page, h1, '滚动');
  }
  await arrive(page, H1.check);
  const cont = page.getByRole('button', { name: 'Continue', exact: true });
  await cont.scrollIntoViewIfNeeded();
  const start = await page.evaluate(() => window.scrollY);
  expect(start).toBeGreaterThan(500);
  await page.evaluate(() => {
    const seen: number[] = [];
    (window as unknown as { seenScroll: number[] }).seenScroll = seen;
    window.addEventListener('scroll', () => seen.push(window.scrollY));
  });
  await cont.click();
  await expect(page.getByRole('heading', { level: 1, name: H1.understand })).toBeFocused();
  // Long enough for any smooth scroll to have run its course.
  await page.waitForTimeout(1000);
  const seen = await page.evaluate(
    () => (window as unknown as { seenScroll: number[] }).seenScroll,
  );
  // The page was where Continue is, then at its top: nothing in between (a scroll event
  // from before the press may still arrive, with the old position).
  expect(seen).toContain(0);
  expect(seen.filter((y) => y !== 0 && y !== start)).toEqual([]);
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
});
