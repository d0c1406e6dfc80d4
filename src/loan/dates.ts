// The one place dates become text. English is written day, month, year with the month as a
// word ("21 December 2026"), as most English readers outside the United States, and a lender
// in China serving English readers, expect; "12/21/2026" or "December 21, 2026" can be
// misread. Chinese is written 2026年12月21日.
import type { Language } from './product';

// The locale each language's dates are written in: British English gives day, month, year.
const DATE_LOCALES: Readonly<Record<Language, string>> = { en: 'en-GB', 'zh-CN': 'zh-CN' };

const DAY_MONTH_YEAR: Intl.DateTimeFormatOptions = {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
};

// English times on a 12-hour clock without a leading zero ("3:05 pm"), Chinese on 24.
const TIMES: Readonly<Record<Language, Intl.DateTimeFormatOptions>> = {
  en: { hour: 'numeric', minute: '2-digit', hour12: true },
  'zh-CN': { timeStyle: 'short' },
};

/** A calendar date as Kindly writes it: "21 December 2026", "2026年12月21日". `timeZone`
 *  (say 'UTC' for a date of birth held as midnight UTC) defaults to the device's. */
export function formatDate(date: Date, lang: Language, timeZone?: string): string {
  return new Intl.DateTimeFormat(DATE_LOCALES[lang], {
    ...DAY_MONTH_YEAR,
    ...(timeZone ? { timeZone } : {}),
  }).format(date);
}

/** A moment as Kindly writes it: "21 December 2026 at 3:05 pm", "2026年12月21日 15:05", or
 *  the time alone ("3:05 pm", "15:05") when `withDate` is false. */
export function formatMoment(date: Date, lang: Language, withDate = true): string {
  // Intl refuses dateStyle beside hour and minute, so English spells its date parts out.
  const day: Intl.DateTimeFormatOptions = !withDate
    ? {}
    : lang === 'en'
      ? DAY_MONTH_YEAR
      : { dateStyle: 'long' };
  return new Intl.DateTimeFormat(DATE_LOCALES[lang], { ...day, ...TIMES[lang] }).format(date);
}
