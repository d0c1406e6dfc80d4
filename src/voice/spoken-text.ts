// Page scripts are written with the same strings and formatted figures as the page; this turns
// what Kindly's own formatters produce (money, percentages, long dates, phone numbers) into
// words before a voice reads them. Pure: tested in spoken-text.test.ts.
import type { Language } from '../core/settings/settings-state';
import {
  dateWords,
  digitsWords,
  moneyWords,
  monthNumber,
  percentWords,
  writtenNumberWords,
} from './numbers';

const MONTH =
  '(January|February|March|April|May|June|July|August|September|October|November|December)';

type Rule = [RegExp, (lang: Language, ...groups: string[]) => string | null];

const RULES: Rule[] = [
  // 2099年12月12日, as Intl writes a long date in Chinese.
  [/(\d{4})年(\d{1,2})月(\d{1,2})日/g, (lang, y, m, d) => dateWords(+y, +m, +d, lang)],
  // December 12, 2099 (Intl's "en") and 12 December 2099 (en-GB).
  [
    new RegExp(`${MONTH} (\\d{1,2}), (\\d{4})`, 'g'),
    (lang, m, d, y) => dateWords(+y, monthNumber(m) ?? 0, +d, lang),
  ],
  [
    new RegExp(`(\\d{1,2}) ${MONTH} (\\d{4})`, 'g'),
    (lang, d, m, y) => dateWords(+y, monthNumber(m) ?? 0, +d, lang),
  ],
  // ¥12,500.50 as formatMoney writes renminbi in both languages.
  [
    /¥\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{2}))?/g,
    (lang, whole, fraction) =>
      moneyWords(Number(whole.replace(/,/g, '')) * 100 + Number(fraction ?? 0), 'CNY', lang),
  ],
  [/(\d+(?:\.\d+)?)\s?%/g, (lang, n) => percentWords(n, lang)],
  // Phone numbers and other long digit strings are read digit by digit.
  [
    /\d[\d-]*\d/g,
    (lang, ...rest) => {
      const whole = rest.at(-1) as string;
      const digits = whole.replace(/-/g, '');
      return digits.length >= 7 || whole.includes('-') ? digitsWords(whole, lang) : null;
    },
  ],
  [
    /\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?/g,
    (lang, ...rest) => writtenNumberWords(rest.at(-1) as string, lang),
  ],
];

/** Text from a page's script with its figures, dates and phone numbers as words in the
 *  page's language; text a rule cannot read is left for the voice as it was. */
export function spokenText(text: string, lang: Language): string {
  return RULES.reduce(
    (current, [pattern, say]) =>
      current.replace(pattern, (match, ...args) => {
        const groups = args.slice(0, -2).map((g) => (g === undefined ? undefined : String(g)));
        try {
          return say(lang, ...(groups as string[]), match) ?? match;
        } catch {
          return match;
        }
      }),
    text,
  );
}

/** A script line cut into sentences, so no single utterance runs long enough for Chrome to
 *  cut it off (it stops speaking after about 15 seconds). */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?。！？])\s*/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
