import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  formatAmountForInput,
  formatMoney,
  formatPercent,
  minorUnitsOf,
  narrowCurrencySymbol,
  parseAmountInput,
} from './money';

describe('minorUnitsOf', () => {
  it('knows the decimals of each currency', () => {
    expect(minorUnitsOf('CNY')).toBe(2);
    expect(minorUnitsOf('USD')).toBe(2);
    expect(minorUnitsOf('JPY')).toBe(0);
    expect(minorUnitsOf('KWD')).toBe(3);
  });

  it('refuses a code that is not a currency', () => {
    expect(() => minorUnitsOf('yuan')).toThrow(RangeError);
  });
});

describe('formatMoney', () => {
  it('writes yuan in English and Chinese with the ¥ sign and the fen', () => {
    expect(formatMoney(1_250_050, 'CNY', 'en')).toBe('¥12,500.50');
    expect(formatMoney(1_250_050, 'CNY', 'zh-CN')).toBe('¥12,500.50');
    expect(formatMoney(200_000, 'CNY', 'en')).toBe('¥2,000.00');
    expect(formatMoney(5, 'CNY', 'zh-CN')).toBe('¥0.05');
    expect(formatMoney(0, 'CNY', 'en')).toBe('¥0.00');
    expect(formatMoney(1_250_000, 'CNY', 'en', { omitZeroFraction: true })).toBe('¥12,500');
    expect(formatMoney(1_250_050, 'CNY', 'zh-CN', { omitZeroFraction: true })).toBe('¥12,500.50');
    expect(formatMoney(-530_727, 'CNY', 'en')).toBe('-¥5,307.27');
  });

  it('follows the currency’s minor unit', () => {
    expect(formatMoney(1250, 'JPY', 'en')).toBe('¥1,250');
    expect(formatMoney(1_234_567, 'KWD', 'en')).toBe('KWD\u00a01,234.567');
    expect(formatMoney(1999, 'USD', 'en')).toBe('$19.99');
  });

  it('prints exactly the minor units given, for any safe amount', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }), (minor) => {
        const digitsOnly = formatMoney(minor, 'CNY', 'en').replace(/[^\d]/g, '');
        expect(BigInt(digitsOnly)).toBe(BigInt(minor));
      }),
      { numRuns: 5000 },
    );
  });

  it('prints the largest safe amount exactly', () => {
    expect(formatMoney(Number.MAX_SAFE_INTEGER, 'CNY', 'en')).toBe('¥90,071,992,547,409.91');
    expect(formatMoney(-Number.MAX_SAFE_INTEGER, 'JPY', 'zh-CN')).toBe('-¥9,007,199,254,740,991');
  });

  it('refuses amounts that are not whole minor units', () => {
    expect(() => formatMoney(12.5, 'CNY', 'en')).toThrow(RangeError);
    expect(() => formatMoney(Number.NaN, 'CNY', 'en')).toThrow(RangeError);
  });
});

describe('formatPercent', () => {
  it('shows two decimals in English and Chinese', () => {
    expect(formatPercent(4.35, 'en')).toBe('4.35%');
    expect(formatPercent(15.4, 'zh-CN')).toBe('15.40%');
    expect(formatPercent(6.434412, 'en')).toBe('6.43%');
    expect(formatPercent(0, 'zh-CN')).toBe('0.00%');
  });

  it('rounds half up on the decimal written, not on a binary neighbour', () => {
    expect(formatPercent(4.355, 'en')).toBe('4.36%');
    expect(formatPercent(0.125, 'en')).toBe('0.13%');
    expect(formatPercent(12.8049999, 'en')).toBe('12.80%');
  });

  it('groups large rates', () => {
    expect(formatPercent(1283.6851, 'en')).toBe('1,283.69%');
  });
});

// money.ts writes Kindly's own languages and currency itself rather than asking Intl each
// time (see its top). These check that what it writes is what Intl writes, in Node's ICU.
describe('written as Intl writes them', () => {
  const LOCALES = ['en', 'zh-CN'] as const;
  const intlMoney = (locale: string, digits: number) =>
    new Intl.NumberFormat(locale, {
      style: 'currency',
      currency: 'CNY',
      currencyDisplay: 'narrowSymbol',
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    });
  const asDecimal = (minor: bigint, digits: number) => {
    const sign = minor < 0n ? '-' : '';
    const text = (minor < 0n ? -minor : minor).toString().padStart(digits + 1, '0');
    return digits === 0
      ? `${sign}${text}`
      : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
  };
  // Amounts of every length, small ones and round ones more often than chance would give.
  const amounts = fc.oneof(
    fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
    fc.integer({ min: -100_000, max: 100_000 }),
    fc.integer({ min: 0, max: 10_000_000 }).map((n) => n * 100),
  );
  const format = (f: Intl.NumberFormat, text: string) =>
    (f.format as unknown as (value: string) => string)(text);

  it('money, with and without a zero fraction', () => {
    fc.assert(
      fc.property(amounts, fc.constantFrom(...LOCALES), fc.boolean(), (minor, locale, omit) => {
        const digits = omit && minor % 100 === 0 ? 0 : 2;
        const expected = format(
          intlMoney(locale, digits),
          asDecimal(BigInt(minor) / (digits === 0 ? 100n : 1n), digits),
        );
        expect(formatMoney(minor, 'CNY', locale, { omitZeroFraction: omit })).toBe(expected);
      }),
      { numRuns: 5000 },
    );
  });

  it('amounts for a text field', () => {
    fc.assert(
      fc.property(amounts, fc.constantFrom(...LOCALES), (minor, locale) => {
        const digits = minor % 100 === 0 ? 0 : 2;
        const intl = new Intl.NumberFormat(locale, {
          minimumFractionDigits: digits,
          maximumFractionDigits: digits,
        });
        const expected = format(
          intl,
          asDecimal(BigInt(minor) / (digits === 0 ? 100n : 1n), digits),
        );
        expect(formatAmountForInput(minor, 'CNY', locale)).toBe(expected);
      }),
      { numRuns: 3000 },
    );
  });

  it('rates, including halves, negatives, -0 and values that round to nothing', () => {
    const intl = (locale: string) =>
      new Intl.NumberFormat(locale, {
        style: 'unit',
        unit: 'percent',
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      });
    const rates = fc.oneof(
      fc.double({ min: -1e7, max: 1e7, noNaN: true }),
      fc.double({ min: 0, max: 100, noNaN: true }),
      // Exact halves at the third decimal, written in decimal: 4.355, 0.125.
      fc.integer({ min: -200_000, max: 200_000 }).map((n) => Number(`${n * 10 + 5}e-3`)),
      fc.constantFrom(0, -0, 1e-7, -1e-7, 0.004999, 0.005, -0.005, 999.995, 1.005),
    );
    fc.assert(
      fc.property(rates, fc.constantFrom(...LOCALES), (rate, locale) => {
        expect(formatPercent(rate, locale)).toBe(intl(locale).format(rate));
      }),
      { numRuns: 5000 },
    );
  });

  it('the yuan: its minor unit, its narrow symbol, and every symbol typed text may carry', () => {
    expect(minorUnitsOf('CNY')).toBe(
      new Intl.NumberFormat('en', { style: 'currency', currency: 'CNY' }).resolvedOptions()
        .maximumFractionDigits,
    );
    for (const locale of LOCALES) {
      for (const currencyDisplay of ['symbol', 'narrowSymbol'] as const) {
        const symbol = new Intl.NumberFormat(locale, {
          style: 'currency',
          currency: 'CNY',
          currencyDisplay,
        })
          .formatToParts(1)
          .find((part) => part.type === 'currency')?.value;
        expect(symbol).toBeDefined();
        expect(parseAmountInput(`${symbol}12.50`, 'CNY')).toEqual({ ok: true, minor: 1250 });
        if (currencyDisplay === 'narrowSymbol') {
          expect(narrowCurrencySymbol('CNY', locale)).toBe(symbol);
        }
      }
    }
  });

  it('other languages and currencies still go to Intl', () => {
    expect(formatMoney(1_234_567, 'CNY', 'de')).toBe(
      format(
        new Intl.NumberFormat('de', {
          style: 'currency',
          currency: 'CNY',
          currencyDisplay: 'narrowSymbol',
        }),
        '12345.67',
      ),
    );
    expect(formatPercent(4.355, 'de')).toBe('4,36\u00a0%');
    expect(formatAmountForInput(1_234_550, 'CNY', 'de')).toBe('12.345,50');
    expect(narrowCurrencySymbol('USD', 'en')).toBe('$');
  });
});

describe('parseAmountInput', () => {
  const ok = (minor: number) => ({ ok: true, minor });
  const problem = (reason: string) => ({ ok: false, reason });

  const cases: [string, object][] = [
    ['12500', ok(1_250_000)],
    ['12,500', ok(1_250_000)],
    ['12 500', ok(1_250_000)],
    ['1 000 000', ok(100_000_000)],
    ['12,500.50', ok(1_250_050)],
    ['12,500.5', ok(1_250_050)],
    ['¥12,500', ok(1_250_000)],
    ['￥12,500', ok(1_250_000)],
    ['CN¥12,500', ok(1_250_000)],
    ['RMB 12,500', ok(1_250_000)],
    ['12500元', ok(1_250_000)],
    ['¥ 12,500.00 元', ok(1_250_000)],
    ['1.25万', ok(1_250_000)],
    ['1.25万元', ok(1_250_000)],
    ['3千', ok(300_000)],
    ['5百', ok(50_000)],
    ['2萬', ok(2_000_000)],
    ['1万2千', ok(1_200_000)],
    ['1万2千5百', ok(1_250_000)],
    ['１２５００', ok(1_250_000)],
    ['１２，５００．５０', ok(1_250_050)],
    ['12500。5', ok(1_250_050)],
    ['  12500\u3000', ok(1_250_000)],
    ['.5', ok(50)],
    ['12.', ok(1200)],
    ['007', ok(700)],
    ['0', ok(0)],
    ['', problem('empty')],
    ['   ', problem('empty')],
    ['¥', problem('empty')],
    ['12abc', problem('not-a-number')],
    ['abc', problem('not-a-number')],
    ['1,2,3.4.5', problem('not-a-number')],
    ['12.5.0', problem('not-a-number')],
    ['12,50', problem('not-a-number')],
    ['12,500 000', problem('not-a-number')],
    ['1万2', problem('not-a-number')],
    ['2千1万', problem('not-a-number')],
    ['1万12千', problem('not-a-number')],
    ['万', problem('not-a-number')],
    ['.', problem('not-a-number')],
    ['$12', problem('not-a-number')],
    ['1e5', problem('not-a-number')],
    ['99999999999999999999', problem('not-a-number')],
    ['-5', problem('negative')],
    ['−5', problem('negative')],
    ['－５', problem('negative')],
    ['-¥5', problem('negative')],
    ['¥-5', problem('negative')],
    ['12.505', problem('too-many-decimals')],
    ['1.2345678万', problem('too-many-decimals')],
  ];
  for (const [text, expected] of cases) {
    it(`${JSON.stringify(text)} → ${JSON.stringify(expected)}`, () => {
      expect(parseAmountInput(text, 'CNY')).toEqual(expected);
    });
  }

  it('follows the currency: no decimals for yen, $ for dollars only', () => {
    expect(parseAmountInput('1.5', 'JPY')).toEqual(problem('too-many-decimals'));
    expect(parseAmountInput('1.5万', 'JPY')).toEqual(ok(15_000));
    expect(parseAmountInput('$12.50', 'USD')).toEqual(ok(1250));
    expect(parseAmountInput('12.500', 'KWD')).toEqual(ok(12_500));
  });

  it('reads back every amount it formats, exactly', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER }),
        fc.constantFrom('en', 'zh-CN'),
        (minor, locale) => {
          expect(parseAmountInput(formatMoney(minor, 'CNY', locale), 'CNY')).toEqual(ok(minor));
        },
      ),
      { numRuns: 3000 },
    );
  });
});
