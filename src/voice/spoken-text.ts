// Page scripts are written with the same strings and formatted figures as the page; this turns
// what Kindly's own formatters produce (money, percentages, long dates, phone numbers) into
// words before a voice reads them. Pure: tested in spoken-text.test.ts.

import type { ScriptLine } from '../core/page-script';
import type { Language } from '../core/settings/settings-state';
import {
  dateWords,
  digitGroupsWords,
  digitsWords,
  mobileWords,
  moneyWords,
  monthNumber,
  percentWords,
  residentIdWords,
  spellReference,
  writtenNumberWords,
} from './numbers';

const MONTH =
  '(January|February|March|April|May|June|July|August|September|October|November|December)';

type Rule = [RegExp, (lang: Language, ...groups: string[]) => string | null];

const RULES: Rule[] = [
  // A code of capitals and digits ("S-7F3Q", "7F3 Q9C") is spelled, as references are.
  [
    /(?<![\w-])(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z0-9]+(?:-[A-Z0-9]+)*(?![\w-])/g,
    (lang, ...rest) => spellReference(rest.at(-1) as string, lang),
  ],
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
  // A resident ID number as people check it: region, date of birth, sequence and check.
  [
    /(?<![\dA-Za-z])(\d{6})\s?(\d{8})\s?(\d{3}[\dXx])(?![\dA-Za-z])/g,
    (lang, region, birth, rest) => residentIdWords(region + birth + rest, lang),
  ],
  // A mobile number in its 3-4-4 groups, however it was typed.
  [
    /(?<!\d)(1\d{2})[\s-]?(\d{4})[\s-]?(\d{4})(?!\d)/g,
    (lang, a, b, c) => mobileWords(a + b + c, lang),
  ],
  // An emergency number is dialled, not counted: "one one zero", 幺幺零.
  [
    /(?<=(?:\bon|\bcall|拨打)\s*)(1(?:10|19|20|22))(?!\d|[,.]\d)/g,
    (lang, n) => digitGroupsWords([n], lang),
  ],
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

const CJK = '\\u3400-\\u9fff\\uf900-\\ufaff';
const MARK = '\\u3000-\\u303f\\uff00-\\uffef';
const CJK_OR_MARK = `${CJK}${MARK}`;
const FULL_WIDTH: Record<string, string> = {
  ':': '：',
  '.': '。',
  ',': '，',
  ';': '；',
  '?': '？',
  '!': '！',
  ')': '）',
};
/** Words a Mandarin speaker counts with 两 rather than 二 (measure words and 元). */
const MEASURE = '个|位|名|天|年|周|次|期|倍|项|页|岁|小时|分钟|份|张|笔|种|条|元|步|遍|台|家';

/** Spoken Mandarin: 两 before a measure word, Chinese punctuation, no gaps between
 *  characters, and "×" said 乘以. */
function finishChinese(text: string): string {
  return (
    text
      .replace(/\s*×\s*/g, '乘以')
      // 二 standing alone (not 十二, 第二, 一万二) before a measure word is 两: 两个工作日.
      .replace(
        new RegExp(
          `(?<![零一二三四五六七八九十百千万亿点第幺两]\\s*)二(?=\\s*(?:${MEASURE}))`,
          'g',
        ),
        '两',
      )
      .replace(
        new RegExp(`(?<=[${CJK}）)])\\s*([:.,;?!)])(?!\\d)`, 'g'),
        (_, mark: string) => FULL_WIDTH[mark] ?? mark,
      )
      .replace(new RegExp(`\\((?=[${CJK}])`, 'g'), '（')
      .replace(
        new RegExp(
          `(?<=[${CJK_OR_MARK}])\\s+(?=[${CJK_OR_MARK}])|(?<=[${MARK}])\\s+|\\s+(?=[${MARK}])`,
          'g',
        ),
        '',
      )
  );
}

/** Spoken English: "×" said "times". */
function finishEnglish(text: string): string {
  return text.replace(/\s*×\s*(\S)?/g, (_, next?: string) => (next ? ` times ${next}` : ' times'));
}

/** A line that ends without a pause mark gets a full stop, so no two lines run together. */
function withPause(text: string, lang: Language): string {
  if (!text || /[.!?。！？:：,，;；…]["”’)）」]*$/.test(text)) return text;
  return text + (lang === 'zh-CN' ? '。' : '.');
}

/** Text from a page's script with its figures, dates and phone numbers as words in the
 *  page's language, said as a speaker of that language says it, and ending with a pause;
 *  text a rule cannot read is left for the voice as it was. */
export function spokenText(text: string, lang: Language): string {
  const words = RULES.reduce(
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
  const finished = lang === 'zh-CN' ? finishChinese(words) : finishEnglish(words);
  return withPause(finished.trim(), lang);
}

/** A script line cut into sentences, so no single utterance runs long enough for Chrome to
 *  cut it off (it stops speaking after about 15 seconds). */
export function sentencesOf(text: string): string[] {
  return text
    .split(/(?<=[.!?。！？])\s*/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

/** What a list of script lines sounds like, sentence by sentence, in the page's language. */
export function sentencesToSay(lines: readonly ScriptLine[], lang: Language): string[] {
  return lines.flatMap((line, i) => {
    if (typeof line !== 'string') return [spellReference(line.spell, lang)];
    // A line that introduces a spelled reference ("Your reference number is") ends with a
    // colon, the pause before something to write down, rather than a full stop.
    const isIntro = typeof lines[i + 1] === 'object' && !/[\p{P}]\s*$/u.test(line);
    return sentencesOf(spokenText(isIntro ? line + (lang === 'zh-CN' ? '：' : ':') : line, lang));
  });
}
