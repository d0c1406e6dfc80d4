import { describe, expect, it } from 'vitest';
import {
  dateWords,
  digitsWords,
  moneyWords,
  numberWords,
  percentWords,
  spellReference,
} from './numbers';
import { sentencesOf, spokenText } from './spoken-text';

describe('numberWords', () => {
  const cases: [number, string, string][] = [
    [0, 'zero', '零'],
    [1, 'one', '一'],
    [10, 'ten', '十'],
    [11, 'eleven', '十一'],
    [20, 'twenty', '二十'],
    [21, 'twenty-one', '二十一'],
    [101, 'one hundred one', '一百零一'],
    [110, 'one hundred ten', '一百一十'],
    [1_001, 'one thousand one', '一千零一'],
    [1_010, 'one thousand ten', '一千零一十'],
    [10_000, 'ten thousand', '一万'],
    [10_010, 'ten thousand ten', '一万零一十'],
    [12_500, 'twelve thousand five hundred', '一万二千五百'],
    [100_000, 'one hundred thousand', '十万'],
    [101_000, 'one hundred one thousand', '十万一千'],
    [1_000_001, 'one million one', '一百万零一'],
    [100_000_000, 'one hundred million', '一亿'],
    [100_010_000, 'one hundred million ten thousand', '一亿零一万'],
    [110_000_000, 'one hundred ten million', '一亿一千万'],
  ];
  it.each(cases)('%d is "%s" and "%s"', (n, en, zh) => {
    expect(numberWords(n, 'en')).toBe(en);
    expect(numberWords(n, 'zh-CN')).toBe(zh);
  });

  it('says decimals digit by digit after the point', () => {
    expect(numberWords(4.35, 'en')).toBe('four point three five');
    expect(numberWords(4.35, 'zh-CN')).toBe('四点三五');
    expect(numberWords(0.5, 'zh-CN')).toBe('零点五');
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60])('refuses %d', (n) => {
    expect(() => numberWords(n, 'en')).toThrow(RangeError);
    expect(() => numberWords(n, 'zh-CN')).toThrow(RangeError);
  });
});

describe('moneyWords (integer minor units)', () => {
  const cases: [number, string, string][] = [
    [1_250_050, 'twelve thousand five hundred yuan and fifty fen', '一万二千五百元五角'],
    [1_250_000, 'twelve thousand five hundred yuan', '一万二千五百元'],
    [1_250_005, 'twelve thousand five hundred yuan and five fen', '一万二千五百元零五分'],
    [107_843, 'one thousand seventy-eight yuan and forty-three fen', '一千零七十八元四角三分'],
    [0, 'zero yuan', '零元'],
    [50, 'fifty fen', '五角'],
    [1, 'one fen', '一分'],
    [100, 'one yuan', '一元'],
    [1_001_000, 'ten thousand ten yuan', '一万零一十元'],
    // The largest amount in the sample catalog: ¥50,000.00.
    [5_000_000, 'fifty thousand yuan', '五万元'],
    [10_000_000_000, 'one hundred million yuan', '一亿元'],
  ];
  it.each(cases)('%d fen is "%s" and "%s"', (minor, en, zh) => {
    expect(moneyWords(minor, 'CNY', 'en')).toBe(en);
    expect(moneyWords(minor, 'CNY', 'zh-CN')).toBe(zh);
  });

  it.each([-100, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses %d', (minor) => {
    expect(() => moneyWords(minor, 'CNY', 'en')).toThrow(RangeError);
    expect(() => moneyWords(minor, 'CNY', 'zh-CN')).toThrow(RangeError);
  });

  it('refuses a currency it has no names for rather than guess', () => {
    expect(() => moneyWords(100, 'EUR', 'en')).toThrow(RangeError);
  });
});

describe('dateWords', () => {
  it('says dates as people do in each language', () => {
    expect(dateWords(2099, 12, 12, 'en')).toBe('the twelfth of December, twenty ninety-nine');
    expect(dateWords(2099, 12, 12, 'zh-CN')).toBe('二零九九年十二月十二日');
    expect(dateWords(1968, 3, 27, 'en')).toBe('the twenty-seventh of March, nineteen sixty-eight');
    expect(dateWords(1968, 3, 27, 'zh-CN')).toBe('一九六八年三月二十七日');
    expect(dateWords(2026, 11, 1, 'en')).toBe('the first of November, twenty twenty-six');
    expect(dateWords(2005, 2, 3, 'en')).toBe('the third of February, two thousand five');
    expect(dateWords(1905, 5, 20, 'en')).toBe('the twentieth of May, nineteen oh five');
    expect(dateWords(2026, 1, 10, 'zh-CN')).toBe('二零二六年一月十日');
  });
  it('refuses a date that does not exist', () => {
    expect(() => dateWords(2026, 2, 30, 'en')).toThrow(RangeError);
  });
});

describe('spellReference', () => {
  it('spells a reference character by character with pauses', () => {
    expect(spellReference('KND-7F3-Q9C', 'en')).toBe('K, N, D. seven, F, three. Q, nine, C.');
    expect(spellReference('KND-7F3-Q9C', 'zh-CN')).toBe('K，N，D。七，F，三。Q，九，C。');
  });
});

describe('digitsWords', () => {
  it('reads phone numbers digit by digit', () => {
    expect(digitsWords('400-888-5566', 'en')).toBe(
      'four zero zero, eight eight eight, five five six six',
    );
    expect(digitsWords('400-888-5566', 'zh-CN')).toBe('四零零，八八八，五五六六');
  });
});

describe('spokenText', () => {
  it('turns figures in a sentence into words', () => {
    expect(spokenText('You will repay ¥1,078.43 a month for 12 months.', 'en')).toBe(
      'You will repay one thousand seventy-eight yuan and forty-three fen a month for twelve months.',
    );
    expect(spokenText('每月还 ¥1,078.43，共 12 个月。', 'zh-CN')).toBe(
      '每月还一千零七十八元四角三分，共十二个月。',
    );
    expect(spokenText('¥12,500.50', 'zh-CN')).toBe('一万二千五百元五角。');
  });
  it('reads rates, dates and phone numbers', () => {
    expect(spokenText('Annual rate 4.35%', 'en')).toBe(
      'Annual rate four point three five percent.',
    );
    expect(spokenText('年利率 4.35%', 'zh-CN')).toBe('年利率百分之四点三五。');
    expect(spokenText('until December 12, 2099, at no cost', 'en')).toBe(
      'until the twelfth of December, twenty ninety-nine, at no cost.',
    );
    expect(spokenText('until 12 December 2099.', 'en')).toBe(
      'until the twelfth of December, twenty ninety-nine.',
    );
    expect(spokenText('（2099年12月12日 之前）', 'zh-CN')).toBe('（二零九九年十二月十二日之前）。');
    expect(spokenText('Call 400-888-5566', 'en')).toBe(
      'Call four zero zero, eight eight eight, five five six six.',
    );
  });
  it('leaves text without figures alone', () => {
    expect(spokenText('How much do you want to borrow?', 'en')).toBe(
      'How much do you want to borrow?',
    );
  });
});

describe('sentencesOf', () => {
  it('cuts a line into sentences in both languages', () => {
    expect(sentencesOf('One. Two? Three!')).toEqual(['One.', 'Two?', 'Three!']);
    expect(sentencesOf('第一句。第二句？')).toEqual(['第一句。', '第二句？']);
  });
});

describe('percentWords', () => {
  it('refuses what is not a number', () => {
    expect(percentWords('abc', 'en')).toBeNull();
  });
});
