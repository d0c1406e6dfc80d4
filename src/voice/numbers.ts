// Numbers, money, dates and references as words, so that a voice says them the way a person
// would in each language. Speech engines guess at "¥12,500.50" (some say "yen", some read the
// digits one by one, some drop the decimals); words leave nothing to guess. Pure functions.
import type { Language } from '../core/settings/settings-state';

const EN_ONES = [
  'zero',
  'one',
  'two',
  'three',
  'four',
  'five',
  'six',
  'seven',
  'eight',
  'nine',
  'ten',
  'eleven',
  'twelve',
  'thirteen',
  'fourteen',
  'fifteen',
  'sixteen',
  'seventeen',
  'eighteen',
  'nineteen',
];
const EN_TENS = [
  '',
  '',
  'twenty',
  'thirty',
  'forty',
  'fifty',
  'sixty',
  'seventy',
  'eighty',
  'ninety',
];
const EN_SCALES = ['', 'thousand', 'million', 'billion', 'trillion'];
const ZH_DIGITS = ['零', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

function checkWhole(n: number): void {
  if (!Number.isSafeInteger(n) || n < 0) {
    throw new RangeError(`${n} is not a whole number from 0 that can be said exactly`);
  }
}

function enBelowThousand(n: number): string {
  const hundreds = Math.floor(n / 100);
  const rest = n % 100;
  const parts: string[] = [];
  if (hundreds > 0) parts.push(`${EN_ONES[hundreds]} hundred`);
  if (rest >= 20) {
    const unit = rest % 10;
    parts.push(
      unit ? `${EN_TENS[Math.floor(rest / 10)]}-${EN_ONES[unit]}` : `${EN_TENS[rest / 10]}`,
    );
  } else if (rest > 0) parts.push(EN_ONES[rest] as string);
  return parts.join(' ');
}

function enWhole(n: number): string {
  if (n === 0) return 'zero';
  const groups: string[] = [];
  let rest = n;
  for (let scale = 0; rest > 0; scale++) {
    const group = rest % 1000;
    if (group > 0) {
      const scaleName = EN_SCALES[scale] ?? '';
      groups.unshift(scaleName ? `${enBelowThousand(group)} ${scaleName}` : enBelowThousand(group));
    }
    rest = Math.floor(rest / 1000);
  }
  return groups.join(' ');
}

// One section of up to four digits (个十百千), with 零 for each run of missing places
// inside it; a leading 零 is added by the caller when a higher section came before.
function zhSection(n: number): string {
  const units = ['', '十', '百', '千'];
  let text = '';
  let pendingZero = false;
  for (let place = 3; place >= 0; place--) {
    const digit = Math.floor(n / 10 ** place) % 10;
    if (digit === 0) {
      if (text) pendingZero = true;
      continue;
    }
    if (pendingZero) text += '零';
    pendingZero = false;
    text += `${ZH_DIGITS[digit]}${units[place]}`;
  }
  return text;
}

function zhWhole(n: number): string {
  if (n === 0) return '零';
  const bigUnits = ['', '万', '亿', '万亿'];
  let text = '';
  let needsZero = false;
  const sections: number[] = [];
  for (let rest = n; rest > 0; rest = Math.floor(rest / 10_000)) sections.push(rest % 10_000);
  for (let i = sections.length - 1; i >= 0; i--) {
    const section = sections[i] as number;
    if (section === 0) {
      if (text) needsZero = true;
      continue;
    }
    // 10,010 is 一万零一十: a gap before a section, or a section under 1,000 after a
    // higher one, is spoken as 零.
    if (text && (needsZero || section < 1000)) text += '零';
    needsZero = false;
    text += zhSection(section) + bigUnits[i];
  }
  // 10 to 19 on their own are 十, 十一…, not 一十, 一十一.
  if (text.startsWith('一十')) return text.slice(1);
  // A number that starts with 2 before 千, 万 or 亿 is said 两千, 两万, 两亿 (两万一千…);
  // inside a number 二 stays (一万二千, 十二).
  return /^二[千万亿]/.test(text) ? `两${text.slice(1)}` : text;
}

/** A whole number or a decimal as words: numberWords(10010, 'zh-CN') is "一万零一十",
 *  numberWords(4.35, 'en') is "four point three five". Negative and non-finite numbers,
 *  and integers too large to be exact, are refused with a RangeError. */
export function numberWords(n: number, lang: Language): string {
  if (!Number.isFinite(n) || n < 0) throw new RangeError(`${n} cannot be said as an amount`);
  const [whole = '0', fraction = ''] = String(n).includes('e')
    ? n.toFixed(20).replace(/0+$/, '').split('.')
    : String(n).split('.');
  return decimalWords(whole, fraction, lang);
}

/** Digits of a decimal as written ("12500", "50") as words; the text form keeps "4.30" exact. */
function decimalWords(whole: string, fraction: string, lang: Language): string {
  const integer = Number(whole);
  checkWhole(integer);
  const digits = [...fraction].map(Number);
  if (lang === 'zh-CN') {
    const base = zhWhole(integer);
    return digits.length ? `${base}点${digits.map((d) => ZH_DIGITS[d]).join('')}` : base;
  }
  const base = enWhole(integer);
  return digits.length ? `${base} point ${digits.map((d) => EN_ONES[d]).join(' ')}` : base;
}

/** A number written in the page ("12,500", "4.35") as words; null when it is not a number. */
export function writtenNumberWords(text: string, lang: Language): string | null {
  const match = /^(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(text);
  if (!match) return null;
  return decimalWords((match[1] as string).replace(/,/g, ''), match[2] ?? '', lang);
}

/** An amount of money given in integer minor units, as words:
 *  moneyWords(1250050, 'CNY', 'zh-CN') is "一万二千五百元五角",
 *  moneyWords(1250050, 'CNY', 'en') is "twelve thousand five hundred yuan and fifty fen".
 *  Only the renminbi is named for now (the lender's catalog is in CNY); other currencies
 *  are refused with a RangeError rather than said wrongly. */
export function moneyWords(minor: number, currency: string, lang: Language): string {
  checkWhole(minor);
  if (currency !== 'CNY') throw new RangeError(`No spoken names for the currency ${currency}`);
  const yuan = Math.floor(minor / 100);
  const fen = minor % 100;
  if (lang === 'zh-CN') {
    const jiao = Math.floor(fen / 10);
    const fenDigit = fen % 10;
    if (yuan === 0 && fen === 0) return '零元';
    // 元 on its own is a measure word, and before a measure word 2 is 两: 两元, not 二元.
    let text = yuan > 0 ? `${yuan === 2 ? '两' : zhWhole(yuan)}元` : '';
    if (jiao > 0) text += `${ZH_DIGITS[jiao]}角`;
    else if (fenDigit > 0 && yuan > 0) text += '零';
    if (fenDigit > 0) text += `${ZH_DIGITS[fenDigit]}分`;
    return text;
  }
  if (fen === 0) return `${enWhole(yuan)} yuan`;
  if (yuan === 0) return `${enWhole(fen)} fen`;
  return `${enWhole(yuan)} yuan and ${enWhole(fen)} fen`;
}

/** A percentage as words: "4.35%" is "four point three five percent", "百分之四点三五".
 *  A voice says the number, not its written form: "4.90%" is "百分之四点九". */
export function percentWords(written: string, lang: Language): string | null {
  const number = written.includes('.') ? written.replace(/\.?0+$/, '') : written;
  const words = writtenNumberWords(number, lang);
  if (words === null) return null;
  return lang === 'zh-CN' ? `百分之${words}` : `${words} percent`;
}

const EN_MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

function enOrdinal(n: number): string {
  const words = enWhole(n);
  const irregular: Record<string, string> = {
    one: 'first',
    two: 'second',
    three: 'third',
    five: 'fifth',
    eight: 'eighth',
    nine: 'ninth',
    twelve: 'twelfth',
  };
  const last = words.split(/([ -])/);
  const tail = last.pop() as string;
  const ordinalTail =
    irregular[tail] ?? (tail.endsWith('y') ? `${tail.slice(0, -1)}ieth` : `${tail}th`);
  return last.join('') + ordinalTail;
}

function enYear(year: number): string {
  const high = Math.floor(year / 100);
  const low = year % 100;
  // 1968 "nineteen sixty-eight", 2026 "twenty twenty-six"; 2000 to 2009 as people say them.
  if (year >= 2000 && year <= 2009) return enWhole(year);
  if (low === 0) return `${enWhole(high)} hundred`;
  if (low < 10) return `${enWhole(high)} oh ${enWhole(low)}`;
  return `${enWhole(high)} ${enWhole(low)}`;
}

/** A calendar date as words, in the order Kindly writes it: 2099-12-12 is "the twelfth of
 *  December, twenty ninety-nine" and "二零九九年十二月十二日" (a year is read digit by
 *  digit in Chinese). */
export function dateWords(year: number, month: number, day: number, lang: Language): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  const isReal =
    Number.isInteger(year) &&
    year > 0 &&
    date.getUTCFullYear() === year &&
    date.getUTCMonth() === month - 1 &&
    date.getUTCDate() === day;
  if (!isReal) throw new RangeError(`${year}-${month}-${day} is not a date`);
  if (lang === 'zh-CN') {
    const yearDigits = [...String(year)].map((d) => ZH_DIGITS[Number(d)]).join('');
    return `${yearDigits}年${zhWhole(month)}月${zhWhole(day)}日`;
  }
  return `the ${enOrdinal(day)} of ${EN_MONTHS[month - 1]}, ${enYear(year)}`;
}

/** The English month number of a month name as Intl writes it in English, or null. */
export function monthNumber(name: string): number | null {
  const index = EN_MONTHS.indexOf(name);
  return index < 0 ? null : index + 1;
}

/** A reference or code spelled one character at a time with a pause after each, and a
 *  longer one at each dash: "KND-7F3" is "K, N, D. seven, F, three." in English. Said
 *  this way a person can write it down as it is read. */
export function spellReference(reference: string, lang: Language): string {
  const comma = lang === 'zh-CN' ? '，' : ', ';
  const stop = lang === 'zh-CN' ? '。' : '. ';
  const groups = reference
    .toUpperCase()
    .split(/[-\s]+/)
    .filter(Boolean)
    .map((group) =>
      [...group]
        .map((c) => (/\d/.test(c) ? (lang === 'zh-CN' ? ZH_DIGITS : EN_ONES)[Number(c)] : c))
        .join(comma),
    );
  return (groups.join(stop) + stop).trim();
}

/** Digit names for numbers read one digit at a time. In Chinese, banks and call centres
 *  say 1 as 幺 in phone and ID numbers, so that it is not heard as 七. */
function digitName(d: string, lang: Language): string {
  if (lang === 'en') return /\d/.test(d) ? (EN_ONES[Number(d)] as string) : d.toUpperCase();
  if (d === '1') return '幺';
  return /\d/.test(d) ? (ZH_DIGITS[Number(d)] as string) : d.toUpperCase();
}

/** Groups of digits read one digit at a time, with a pause between groups:
 *  ["138", "0013", "8000"] is "one three eight, zero zero one three, eight zero zero zero"
 *  and "幺三八，零零幺三，八零零零". */
export function digitGroupsWords(groups: readonly string[], lang: Language): string {
  return groups
    .map((g) => [...g].map((d) => digitName(d, lang)).join(lang === 'zh-CN' ? '' : ' '))
    .join(lang === 'zh-CN' ? '，' : ', ');
}

/** A mainland mobile number (11 digits) in the groups people use to check it, 3-4-4. */
export function mobileWords(digits: string, lang: Language): string {
  return digitGroupsWords([digits.slice(0, 3), digits.slice(3, 7), digits.slice(7)], lang);
}

/** A resident ID number (18 characters) as region, date of birth, and sequence with its
 *  check character: 6-8-4. */
export function residentIdWords(id: string, lang: Language): string {
  return digitGroupsWords([id.slice(0, 6), id.slice(6, 14), id.slice(14)], lang);
}

/** A phone or other long number read digit by digit, with a pause at each gap or dash,
 *  and every four digits where it has none: "400-888-5566" is "四零零，八八八，五五六六". */
export function digitsWords(written: string, lang: Language): string {
  const groups = written
    .split(/[-\s]+/)
    .filter(Boolean)
    .flatMap((g) => g.match(/.{1,4}/g) ?? []);
  return digitGroupsWords(groups, lang);
}
