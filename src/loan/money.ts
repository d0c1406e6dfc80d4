// The one place amounts and rates become text, and typed text becomes an amount.
// Amounts stay integers of minor units until the last step here.

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
  let digits = minorUnitCache.get(currency);
  if (digits === undefined) {
    digits = new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions()
      .maximumFractionDigits as number;
    minorUnitCache.set(currency, digits);
  }
  return digits;
}

/** Makes a first number formatter ahead of need. The first Intl.NumberFormat a page makes
 *  loads the browser's number data: about 75 ms on a slow tablet (4× CPU), where each later
 *  one takes a few. Done while the page before is idle, pressing Continue does not wait for it. */
export function prepareNumberFormatting(locale: string): void {
  formatter(`number|${locale}`, () => new Intl.NumberFormat(locale)).format(0);
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
  if (!Number.isSafeInteger(minor)) {
    throw new RangeError(`formatMoney: ${minor} is not a whole number of minor units`);
  }
  const unit = minorUnitsOf(currency);
  const digits = options.omitZeroFraction && minor % 10 ** unit === 0 ? 0 : unit;
  // The narrow symbol (¥, not CN¥ in English) is what borrowers see on every price in the
  // lender's country; screen readers get the currency's name from the voice module.
  const format = formatter(
    `money|${locale}|${currency}|${digits}`,
    () =>
      new Intl.NumberFormat(locale, {
        style: 'currency',
        currency,
        currencyDisplay: 'narrowSymbol',
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }),
  );
  return formatDecimal(format, decimalText(digits === unit ? minor : minor / 10 ** unit, digits));
}

/** minor / 10^digits written out in decimal from the integer's digits, with no rounding. */
function decimalText(minor: number, digits: number): string {
  const sign = minor < 0 ? '-' : '';
  const text = String(Math.abs(minor)).padStart(digits + 1, '0');
  const cut = text.length - digits;
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, cut)}.${text.slice(cut)}`;
}

// Intl.NumberFormat v3 (Chrome 106, Safari 15.4, Firefox 116) formats a decimal string
// exactly. An older engine converts it to a double first, which is still exact for amounts
// below about 4.5e13 major units. ES2022's lib types only take numbers, hence the cast.
function formatDecimal(format: Intl.NumberFormat, text: string): string {
  return (format.format as unknown as (value: string) => string)(text);
}

/** A percentage with two decimals as the locale writes it: formatPercent(4.35, 'zh-CN') is "4.35%". */
export function formatPercent(percent: number, locale: string): string {
  if (!Number.isFinite(percent)) throw new RangeError(`formatPercent: ${percent} is not finite`);
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
    for (const locale of ['en', 'zh-CN']) {
      for (const currencyDisplay of ['symbol', 'narrowSymbol'] as const) {
        const parts = new Intl.NumberFormat(locale, {
          style: 'currency',
          currency,
          currencyDisplay,
        }).formatToParts(1);
        for (const part of parts) {
          if (part.type === 'currency') found.add(part.value.normalize('NFKC').toUpperCase());
        }
      }
    }
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
