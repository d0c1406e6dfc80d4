import { describe, expect, it } from 'vitest';
import { mobileWords, moneyWords, numberWords, percentWords, residentIdWords } from './numbers';
import { sentencesOf, sentencesToSay, spokenText } from './spoken-text';

// Each rule as a speaker of the language would state it, with the words a listener hears.

describe('Mandarin: 两 and 二', () => {
  it('says 两 before 千, 万 and 亿 at the head of a number', () => {
    expect(numberWords(2000, 'zh-CN')).toBe('两千');
    expect(numberWords(20_000, 'zh-CN')).toBe('两万');
    expect(numberWords(21_271, 'zh-CN')).toBe('两万一千二百七十一');
    expect(numberWords(200_000_000, 'zh-CN')).toBe('两亿');
    expect(moneyWords(200_000, 'CNY', 'zh-CN')).toBe('两千元');
    expect(moneyWords(2_000_000, 'CNY', 'zh-CN')).toBe('两万元');
  });
  it('keeps 二 inside a number and in tens', () => {
    expect(numberWords(12_000, 'zh-CN')).toBe('一万二千');
    expect(numberWords(12, 'zh-CN')).toBe('十二');
    expect(numberWords(22, 'zh-CN')).toBe('二十二');
    expect(numberWords(200, 'zh-CN')).toBe('二百');
  });
  it('says 两 before a measure word, 元 on its own included', () => {
    expect(moneyWords(200, 'CNY', 'zh-CN')).toBe('两元');
    expect(spokenText('并在 2 个工作日内给您打电话。', 'zh-CN')).toBe(
      '并在两个工作日内给您打电话。',
    );
    expect(spokenText('每期还款包含 ¥2.00 的费用。', 'zh-CN')).toBe('每期还款包含两元的费用。');
  });
  it('keeps 二 for an ordinal, a month, and the tens before a measure word', () => {
    expect(spokenText('第 2 个', 'zh-CN')).toBe('第二个。');
    expect(spokenText('2099年2月2日', 'zh-CN')).toBe('二零九九年二月二日。');
    expect(spokenText('12 个月', 'zh-CN')).toBe('十二个月。');
  });
});

describe('Mandarin: Chinese punctuation and no gaps', () => {
  it('turns ":" "." "," after Chinese text into ： 。 ，', () => {
    expect(spokenText('贷款: 小店经营周转贷.', 'zh-CN')).toBe('贷款：小店经营周转贷。');
    expect(spokenText('年化利率（含全部费用）: 4.90%.', 'zh-CN')).toBe(
      '年化利率（含全部费用）：百分之四点九。',
    );
    expect(spokenText('李明 (儿子), 13900139000', 'zh-CN')).toBe(
      '李明（儿子），幺三九，零零幺三，九零零零。',
    );
  });
  it('leaves no space between characters, so a figure is not said apart from its words', () => {
    expect(spokenText('可借 ¥5,000 至 ¥50,000', 'zh-CN')).toBe('可借五千元至五万元。');
  });
});

describe('every line is a sentence or ends with a pause mark', () => {
  it.each([
    ['Apply for a small loan', 'en', 'Apply for a small loan.'],
    ['Your reference number is:', 'en', 'Your reference number is:'],
    ['Is it yours?', 'en', 'Is it yours?'],
    ['申请小额贷款', 'zh-CN', '申请小额贷款。'],
    ['可以选择：', 'zh-CN', '可以选择：'],
    ['（2099年12月12日 之前）', 'zh-CN', '（二零九九年十二月十二日之前）。'],
  ] as const)('"%s" (%s) is said "%s"', (line, lang, said) => {
    expect(spokenText(line, lang)).toBe(said);
  });
});

describe('numbers said in the groups people check them in', () => {
  it('says a mobile number 3-4-4 with a pause between groups', () => {
    expect(mobileWords('13800138000', 'en')).toBe(
      'one three eight, zero zero one three, eight zero zero zero',
    );
    expect(spokenText('Mobile phone: 138 0013 8000.', 'en')).toBe(
      'Mobile phone: one three eight, zero zero one three, eight zero zero zero.',
    );
  });
  it('says 1 as 幺 in a phone or ID number in Mandarin', () => {
    expect(mobileWords('13800138000', 'zh-CN')).toBe('幺三八，零零幺三，八零零零');
    expect(spokenText('拨打 400-888-5566', 'zh-CN')).toBe('拨打四零零，八八八，五五六六。');
  });
  it('says an ID number 6-8-4: region, date of birth, sequence and check character', () => {
    expect(residentIdWords('11010519680327123X', 'en')).toBe(
      'one one zero one zero five, one nine six eight zero three two seven, one two three X',
    );
    expect(spokenText('身份证号码: 110105196803271235.', 'zh-CN')).toBe(
      '身份证号码：幺幺零幺零五，幺九六八零三二七，幺二三五。',
    );
  });
  it('says an emergency number digit by digit, not as an amount', () => {
    expect(spokenText('If you are in danger now, call the police on 110.', 'en')).toBe(
      'If you are in danger now, call the police on one one zero.',
    );
    expect(spokenText('如果您现在有危险，请拨打 110 报警。', 'zh-CN')).toBe(
      '如果您现在有危险，请拨打幺幺零报警。',
    );
  });
  it('pauses at least every four digits in any other long number', () => {
    expect(spokenText('12345678', 'en')).toBe('one two three four, five six seven eight.');
  });
  it('spells a code of capitals and digits', () => {
    expect(spokenText('for example S-7F3Q', 'en')).toBe('for example S. seven, F, three, Q.');
    expect(spokenText('例如 7F3 Q9C', 'zh-CN')).toBe('例如七，F，三。Q，九，C。');
  });
});

describe('rates and signs', () => {
  it('says the number of a rate, without a written trailing zero', () => {
    expect(percentWords('4.90', 'zh-CN')).toBe('百分之四点九');
    expect(percentWords('4.90', 'en')).toBe('four point nine percent');
    expect(percentWords('5.00', 'en')).toBe('five percent');
    expect(percentWords('10.05', 'zh-CN')).toBe('百分之十点零五');
  });
  it('says "×" as 乘以 and "times"', () => {
    expect(spokenText('按月利率 × 12 计算，已计入全部费用。', 'zh-CN')).toBe(
      '按月利率乘以十二计算，已计入全部费用。',
    );
    expect(spokenText('Worked out as the monthly rate × 12, with every fee counted.', 'en')).toBe(
      'Worked out as the monthly rate times twelve, with every fee counted.',
    );
  });
});

describe('sentencesOf after spokenText', () => {
  it('leaves every sentence with its pause mark', () => {
    for (const s of sentencesOf(spokenText('可借 ¥5,000 至 ¥50,000。年化利率：4.90%', 'zh-CN'))) {
      expect(s).toMatch(/[。：，！？]$/);
    }
  });
});

describe('a line before a spelled reference', () => {
  it('ends with a colon, the pause before something to write down', () => {
    expect(sentencesToSay(['Your reference number is', { spell: 'KND-7F3' }], 'en')).toEqual([
      'Your reference number is:',
      'K, N, D. seven, F, three.',
    ]);
    expect(sentencesToSay(['您的申请编号是', { spell: 'KND-7F3' }], 'zh-CN')).toEqual([
      '您的申请编号是：',
      'K，N，D。七，F，三。',
    ]);
  });
});
