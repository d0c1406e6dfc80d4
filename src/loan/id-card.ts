// What a photo of a mainland resident ID card (the side with the photo) says, from the lines
// of text a reader recognised on it. Pure: the reader lives with the page; this decides what
// may be filled in. A field is given only when it is certain enough to show as "read from
// your card": the ID number must pass its GB 11643 check character AND carry the same birth
// date as the one read from the 出生 line, so one misread character can never slip through.

import { birthDateFromResidentId, checkFullName, checkResidentId, toHalfWidth } from './applicant';

/** A field of About you that can be read from the card. */
export type CardField = 'full-name' | 'dob' | 'id-number';

/** A date of birth as the three numbers About you asks for, as text without leading zeros. */
export interface CardDate {
  year: string;
  month: string;
  day: string;
}

/** What was read from a card: the fields read clearly, and the ones to leave for typing. */
export interface CardReading {
  fullName?: string;
  dateOfBirth?: CardDate;
  idNumber?: string;
  /** Fields that were looked for and not read clearly, in the page's order. */
  unclear: CardField[];
}

// Readers confuse these with digits on the card's number line; only applied inside a
// candidate ID number, where no letter but the final X can stand.
const DIGIT_LOOKALIKES: Readonly<Record<string, string>> = {
  O: '0',
  o: '0',
  D: '0',
  Q: '0',
  I: '1',
  l: '1',
  '|': '1',
  Z: '2',
  S: '5',
  B: '8',
  x: 'X',
  '×': 'X',
};

// Spaces, and the quote marks and colons a reader sees in the gap between a label and its
// value; none of them can be part of a name, a date or a number.
const NOISE = /[\s\u3000"'“”‘’„:：,，;；]/g;

function compact(line: string): string {
  return toHalfWidth(line.normalize('NFKC')).replace(NOISE, '');
}

// Labels and fixed words printed on the card, never part of a name.
const CARD_WORDS = /性别|民族|出生|住址|公民|身份|号码|居民|中华|人民|共和国/;

function nameFrom(lines: readonly string[]): string | undefined {
  const texts = lines.map(compact).filter((text) => text !== '');
  // After its label when the reader saw it; otherwise the card's first line of text, which
  // is the name (its light grey label is the part a reader most often misses).
  const labelled = texts.find((text) => text.includes('姓名'));
  // Unlabelled, the first line counts only on something else that is plainly a card's.
  if (!labelled && !texts.some((text) => CARD_WORDS.test(text))) return undefined;
  const name = labelled ? labelled.slice(labelled.indexOf('姓名') + 2) : texts[0];
  if (!name || CARD_WORDS.test(name)) return undefined;
  if (!/^[\p{Script=Han}·•]{2,20}$/u.test(name)) return undefined;
  const checked = checkFullName(name.replace(/•/g, '·'));
  return checked.ok ? checked.value : undefined;
}

function dateFrom(lines: readonly string[]): CardDate | undefined {
  const found: CardDate[] = [];
  for (const line of lines) {
    // The date's own 年, 月 and 日 mark it, with or without its label 出生 before it.
    const match = /^(?:出生)?(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(compact(line));
    if (!match) continue;
    const [, year = '', month = '', day = ''] = match;
    found.push({ year, month: String(Number(month)), day: String(Number(day)) });
  }
  return found.length === 1 ? found[0] : undefined;
}

function idNumberFrom(lines: readonly string[], today?: string): string | undefined {
  const found = new Set<string>();
  for (const line of lines) {
    const text = compact(line).replace(/^.*号码/, '');
    for (const run of text.match(/[0-9A-Za-z|×]{18,}/g) ?? []) {
      if (run.length !== 18) continue;
      const candidate = [...run].map((c) => DIGIT_LOOKALIKES[c] ?? c).join('');
      const checked = checkResidentId(candidate, today);
      if (checked.ok) found.add(checked.value);
    }
  }
  // Two different numbers that both pass their check: neither can be trusted.
  return found.size === 1 ? [...found][0] : undefined;
}

function isoOf(date: CardDate): string {
  return `${date.year}-${date.month.padStart(2, '0')}-${date.day.padStart(2, '0')}`;
}

/** The fields of a resident ID card found in the recognised lines of text (top to bottom).
 *  `today` (YYYY-MM-DD) bounds the birth date inside the ID number. */
export function readIdCard(lines: readonly string[], today?: string): CardReading {
  const fullName = nameFrom(lines);
  let dateOfBirth = dateFrom(lines);
  const candidate = idNumberFrom(lines, today);
  // The ID number counts only when the date printed on the card agrees with the one inside
  // it. When both were read and disagree, one of them was misread and nothing says which:
  // neither is filled in.
  const agree =
    candidate && dateOfBirth && birthDateFromResidentId(candidate) === isoOf(dateOfBirth);
  const idNumber = agree ? candidate : undefined;
  if (candidate && dateOfBirth && !agree) dateOfBirth = undefined;
  const unclear: CardField[] = [];
  if (!fullName) unclear.push('full-name');
  if (!dateOfBirth) unclear.push('dob');
  if (!idNumber) unclear.push('id-number');
  return {
    ...(fullName ? { fullName } : {}),
    ...(dateOfBirth ? { dateOfBirth } : {}),
    ...(idNumber ? { idNumber } : {}),
    unclear,
  };
}

/** A resident ID number in the groups people read it in: region, birth date, the rest
 *  ("310104 19680315 1234"). */
export function idNumberGroups(id: string): string[] {
  return id.length === 18 ? [id.slice(0, 6), id.slice(6, 14), id.slice(14)] : [id];
}
