// The one place amounts and rates become text, and typed text becomes an amount.
// Amounts stay integers of minor units until the last step here.
//
// The languages and the currency Kindly shows are written out here (WRITTEN_LOCALES,
// WRITTEN_CURRENCIES) rather than asked of Intl.NumberFormat: a page's first
// Intl.NumberFormat loads the browser's number data in one long task that no page can split
// (docs/decisions/money-formatting.md). How CLDR writes these numbers is simple and fixed;
// money.test.ts checks what is written here against Intl for every shape of amount and rate.
// Any other language or currency goes to Intl.

/** How a language writes numbers, as CLDR has it. */
interface NumberSymbols {
  group: string;
  decimal: string;
  minus: string;
}

const LATIN_DIGITS_GROUPED_BY_THREE: NumberSymbols = { group: ',', decimal: '.', minus: '-' };

/** Languages whose numbers, money (sign, then symbol, then digits, no space) and percentages
 *  (digits then %) are written here. */
const WRITTEN_LOCALES: Readonly<Record<string, NumberSymbols>> = {
  en: LATIN_DIGITS_GROUPED_BY_THREE,
  'zh-CN': LATIN_DIGITS_GROUPED_BY_THREE,
};

/** Currencies written here: their minor unit, narrow symbol, and symbol in each language of
 *  WRITTEN_LOCALES (CLDR's, as Intl gives them). */
const WRITTEN_CURRENCIES: Readonly<
  Record<string, { digits: number; narrowSymbol: string; symbols: readonly string[] }>
> = {
  CNY: { digits: 2, narrowSymbol: '¥', symbols: ['CN¥', '¥'] },
};

const formatters = new Map<string, Intl.NumberFormat>();

function formatter(key: string, make: () => Intl.NumberFormat): Intl.NumberFormat {
  let found = formatters.get(key);
  if (!found) {
    found = make();
    formatters.set(key, found);
  }
  return found;
}

const minorUnitCache = new Map<string, number>();

/** How many decimal places the currency's minor unit has (CNY 2, JPY 0, KWD 3), from Intl's ISO 4217 data. */
export function minorUnitsOf(currency: string): number {
  const written = WRITTEN_CURRENCIES[currency];
  if (written) return written.digits;
  let digits = minorUnitCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits as number;
    minorUnitCache.set(currency, digits);
  }
  return digits;
}

/** The narrow symbol of a currency in a language (¥ for yuan), as money is written with it. */
export function narrowCurrencySymbol(currency: string, locale: string): string {
  const written = WRITTEN_CURRENCIES[currency];
  if (written && WRITTEN_LOCALES[locale]) return written.narrowSymbol;
  const part = formatter(`symbol|${locale}|${currency}`, () =>
    currencyFormat(locale, currency, 'narrowSymbol'),
  )
    .formatToParts(0)
    .find((p) => p.type === 'currency');
  return part?.value ?? currency;
}

function currencyFormat(
  locale: string,
  currency: string,
  currencyDisplay: 'symbol' | 'narrowSymbol',
  digits?: number,
): Intl.NumberFormat {
  return new Intl.NumberFormat(locale, {
    style: 'currency',
    currency,
    currencyDisplay,
    ...(digits === undefined
      ? {}
      : { minimumFractionDigits: digits, maximumFractionDigits: digits }),
  });
}

/** Whole digits grouped in threes: "1234567" is "1,234,567". */
function grouped(whole: string, symbols: NumberSymbols): string {
  let out = '';
  for (let end = whole.length; end > 0; end -= 3) {
    const part = whole.slice(Math.max(0, end - 3), end);
    out = out === '' ? part : `${part}${symbols.group}${out}`;
  }
  return out;
}

/** An unsigned decimal of digit strings as a language writes it. */
function writtenDecimal(whole: string, fraction: string, symbols: NumberSymbols): string {
  return fraction === ''
    ? grouped(whole, symbols)
    : `${grouped(whole, symbols)}${symbols.decimal}${fraction}`;
}

/** The digits of a whole number of minor units, split at the decimal point. */
function minorDigits(minor: number, digits: number): { whole: string; fraction: string } {
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  const cut = text.length - digits;
  return { whole: text.slice(0, cut), fraction: text.slice(cut) };
}

/** Options of formatMoney. */
export interface MoneyFormat {
  /** Writes a whole amount without its zero fraction ("¥12,500", not "¥12,500.00"), as style
   *  guides advise for amounts people choose; payments and totals keep every digit. */
  omitZeroFraction?: boolean;
}

/** An amount of minor units as the locale writes money: formatMoney(1250050, 'CNY', 'en') is "¥12,500.50". */
export function formatMoney(
  minor: number,
  currency: string,
  locale: string,
  options: MoneyFormat = {},
): string {
  // The narrow symbol (¥, not CN¥ in English) is what borrowers see on every price in the
  // lender's country; screen readers get the currency's name from the voice module.
  return writeAmount('formatMoney', minor, currency, locale, {
    omitZeroFraction: options.omitZeroFraction === true,
    withSymbol: true,
  });
}

/** An amount as it goes back into a text field: grouped digits, and decimals only when the
 *  amount has any ("12,500", "12,500.50"), no currency symbol. */
export function formatAmountForInput(minor: number, currency: string, locale: string): string {
  return writeAmount('formatAmountForInput', minor, currency, locale, {
    omitZeroFraction: true,
    withSymbol: false,
  });
}

function writeAmount(
  caller: string,
  minor: number,
  currency: string,
  locale: string,
  { omitZeroFraction, withSymbol }: { omitZeroFraction: boolean; withSymbol: boolean },
): string {
  if (!Number.isSafeInteger(minor)) {
    throw new RangeError(`${caller}: ${minor} is not a whole number of minor units`);
  }
  const unit = minorUnitsOf(currency);
  const digits = omitZeroFraction && minor % 10 ** unit === 0 ? 0 : unit;
  const symbols = WRITTEN_LOCALES[locale];
  const written = WRITTEN_CURRENCIES[currency];
  if (symbols && (written || !withSymbol)) {
    const { whole, fraction } = minorDigits(minor, unit);
    const sign = minor < 0 ? symbols.minus : '';
    const mark = withSymbol && written ? written.narrowSymbol : '';
    return `${sign}${mark}${writtenDecimal(whole, digits === 0 ? '' : fraction, symbols)}`;
  }
  const format = formatter(
    `${withSymbol ? 'money' : 'number'}|${locale}|${currency}|${digits}`,
    () =>
      withSymbol
        ? currencyFormat(locale, currency, 'narrowSymbol', digits)
        : new Intl.NumberFormat(locale, {
            minimumFractionDigits: digits,
            maximumFractionDigits: digits,
          }),
  );
  return formatDecimal(format, decimalText(digits === unit ? minor : minor / 10 ** unit, digits));
}

/** minor / 10^digits written out in decimal from the integer's digits, with no rounding. */
function decimalText(minor: number, digits: number): string {
  const sign = minor < 0 ? '-' : '';
  const { whole, fraction } = minorDigits(minor, digits);
  return digits === 0 ? `${sign}${whole}` : `${sign}${whole}.${fraction}`;
}

// Intl.NumberFormat v3 (Chrome 106, Safari 15.4, Firefox 116) formats a decimal string
// exactly. An older engine converts it to a double first, which is still exact for amounts
// below about 4.5e13 major units. ES2022's lib types only take numbers, hence the cast.
function formatDecimal(format: Intl.NumberFormat, text: string): string {
  return (format.format as unknown as (value: string) => string)(text);
}

/** A number's shortest decimal (what String() writes, and what Intl rounds) rounded half
 *  away from zero to `places` decimals, as digit strings; null when String() would use an
 *  exponent (below 1e-6 or from 1e21). */
function roundedDecimal(value: number, places: number): { whole: string; fraction: string } | null {
  const text = String(Math.abs(value));
  if (text.includes('e')) return null;
  const [whole = '0', fraction = ''] = text.split('.');
  const kept = `${whole}${fraction.padEnd(places, '0').slice(0, places)}`;
  const roundsUp = (fraction[places] ?? '0') >= '5';
  const digits = (roundsUp ? (BigInt(kept) + 1n).toString() : kept).padStart(places + 1, '0');
  const cut = digits.length - places;
  return { whole: digits.slice(0, cut), fraction: digits.slice(cut) };
}

/** A percentage with two decimals as the locale writes it: formatPercent(4.35, 'zh-CN') is "4.35%".
 *  Rounded half up on the decimal written (4.355 is "4.36%"), as Intl rounds. */
export function formatPercent(percent: number, locale: string): string {
  if (!Number.isFinite(percent)) throw new RangeError(`formatPercent: ${percent} is not finite`);
  const symbols = WRITTEN_LOCALES[locale];
  const rounded = symbols ? roundedDecimal(percent, 2) : null;
  if (symbols && rounded) {
    // Intl keeps the sign of a negative rate that rounds to nothing ("-0.00%"), and of -0.
    const sign = percent < 0 || Object.is(percent, -0) ? symbols.minus : '';
    return `${sign}${writtenDecimal(rounded.whole, rounded.fraction, symbols)}%`;
  }
  // The 'percent' unit takes 4.35 as 4.35%, sparing a division by 100 in binary floating point.
  const format = formatter(
    `percent|${locale}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: 'unit',
        unit: 'percent',
        minimumFractionDigits: 2,
        maximumFractionDigits: 2,
      }),
  );
  return format.format(percent);
}

/** Why typed text is not an amount. */
export type AmountInputProblem = 'empty' | 'not-a-number' | 'negative' | 'too-many-decimals';

/** An amount read from what a person typed: minor units, or why it could not be read. */
export type AmountInput = { ok: true; minor: number } | { ok: false; reason: AmountInputProblem };

// Chinese magnitude characters people write after a number: 1.25万 is 12,500.
const MAGNITUDES: Record<string, number> = {
  百: 2,
  千: 3,
  仟: 3,
  万: 4,
  萬: 4,
  亿: 8,
  億: 8,
};

// Words for the currency itself that may come before or after the number, beyond the
// symbols and code Intl knows (元 for yuan; 块 is how it is said).
const CURRENCY_WORDS: Record<string, string[]> = {
  CNY: ['人民币', 'RMB', '元', '圆', '块'],
};

const symbolCache = new Map<string, string[]>();

/** Every way the currency may be marked in typed text, longest first. */
function currencyMarks(currency: string): string[] {
  let marks = symbolCache.get(currency);
  if (!marks) {
    const found = new Set<string>([currency.toUpperCase(), ...(CURRENCY_WORDS[currency] ?? [])]);
    const written = WRITTEN_CURRENCIES[currency];
    const symbols = written
      ? [written.narrowSymbol, ...written.symbols]
      : ['en', 'zh-CN'].flatMap((locale) =>
          (['symbol', 'narrowSymbol'] as const).flatMap((display) =>
            currencyFormat(locale, currency, display)
              .formatToParts(1)
              .filter((part) => part.type === 'currency')
              .map((part) => part.value),
          ),
        );
    for (const symbol of symbols) found.add(symbol.normalize('NFKC').toUpperCase());
    marks = [...found].sort((a, b) => b.length - a.length);
    symbolCache.set(currency, marks);
  }
  return marks;
}

/** Strips one currency mark from the start and one from the end of the text. */
function stripCurrency(text: string, currency: string): string {
  let rest = text;
  for (const mark of currencyMarks(currency)) {
    if (rest.startsWith(mark)) {
      rest = rest.slice(mark.length).trim();
      break;
    }
  }
  for (const mark of currencyMarks(currency)) {
    if (rest.endsWith(mark)) {
      rest = rest.slice(0, -mark.length).trim();
      break;
    }
  }
  return rest;
}

// Digits, grouped in threes by commas, spaces or apostrophes (one kind throughout) or not at
// all, with an optional decimal part: "12500", "12,500", "12 500", "12,500.50", ".5".
const PLAIN_NUMBER =
  /^(\d{1,3}(?:,\d{3})+|\d{1,3}(?: \d{3})+|\d{1,3}(?:'\d{3})+|\d+)?(?:\.(\d*))?$/;

interface Decimal {
  whole: string;
  fraction: string;
}

/** A plain number as digit strings, or null when it is not one. */
function readPlain(text: string): Decimal | null {
  const match = PLAIN_NUMBER.exec(text);
  if (!match) return null;
  const [, whole = '', fraction = ''] = match;
  if (whole === '' && fraction === '') return null;
  return { whole: whole.replace(/[, ']/g, ''), fraction };
}

/** Moves the decimal point of a digit-string number right by `places`. */
function scale({ whole, fraction }: Decimal, places: number): Decimal {
  const padded = fraction.padEnd(places, '0');
  return { whole: whole + padded.slice(0, places), fraction: padded.slice(places) };
}

/**
 * A number with Chinese magnitudes: "1.25万", "3千", "1万2千" (12,000). Each part but a lone
 * one is a whole number smaller than the magnitude before it; null when it is not such.
 */
function readWithMagnitudes(text: string): Decimal | null {
  const parts = [...text.matchAll(/([^百千仟万萬亿億]+)([百千仟万萬亿億])/gy)];
  if (parts.length === 0 || parts.map((p) => p[0]).join('') !== text) return null;
  if (parts.length === 1) {
    const number = readPlain(parts[0][1]);
    return number && scale(number, MAGNITUDES[parts[0][2]]);
  }
  let total = 0n;
  let previous = Number.POSITIVE_INFINITY;
  for (const [, digits, mark] of parts) {
    const power = MAGNITUDES[mark];
    if (!/^\d+$/.test(digits) || power >= previous) return null;
    const value = BigInt(digits);
    if (previous !== Number.POSITIVE_INFINITY && value >= 10n ** BigInt(previous - power)) {
      return null;
    }
    total += value * 10n ** BigInt(power);
    previous = power;
  }
  return { whole: total.toString(), fraction: '' };
}

/**
 * Reads an amount as people write it ("12,500", "12 500", "¥12,500.50", "1.25万", "3千",
 * full-width "１２５００", a Chinese comma or full stop) into minor units of the currency,
 * exactly: digits are handled as strings, never as binary floating point.
 */
export function parseAmountInput(text: string, currency: string): AmountInput {
  // NFKC folds full-width digits, commas, stops and ￥ to their ASCII forms; 。 is the
  // ideographic full stop some keyboards give for a decimal point.
  const folded = text
    .normalize('NFKC')
    .replace(/[\u3002\uFF61]/g, '.')
    .replace(/[\u00A0\u202F\u2009\u3000]/g, ' ')
    .replace(/[\u2212\u2012\u2013\uFE63]/g, '-')
    .trim()
    .toUpperCase();
  if (folded === '') return { ok: false, reason: 'empty' };

  let body = stripCurrency(folded, currency);
  let isNegative = false;
  if (body.startsWith('-')) {
    isNegative = true;
    body = stripCurrency(body.slice(1).trim(), currency);
  }
  if (body === '') return { ok: false, reason: isNegative ? 'not-a-number' : 'empty' };

  const number = readWithMagnitudes(body) ?? readPlain(body);
  if (!number) return { ok: false, reason: 'not-a-number' };
  if (isNegative && /[1-9]/.test(number.whole + number.fraction)) {
    return { ok: false, reason: 'negative' };
  }

  const digits = minorUnitsOf(currency);
  const inMinor = scale(number, digits);
  if (/[1-9]/.test(inMinor.fraction)) return { ok: false, reason: 'too-many-decimals' };
  const minor = Number(BigInt(inMinor.whole || '0'));
  // Far beyond any loan; refused rather than rounded.
  if (!Number.isSafeInteger(minor)) return { ok: false, reason: 'not-a-number' };
  return { ok: true, minor };
}
