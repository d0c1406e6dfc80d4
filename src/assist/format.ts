import type { Language } from '../core/settings/settings-state';
import { formatMoment } from '../loan/dates';

/** A resume code spaced for reading aloud: "7F3Q9C" is shown as "7F3 Q9C". */
export function spacedCode(code: string): string {
  const clean = code.toUpperCase().replace(/[^0-9A-Z]/g, '');
  return clean.length === 6 ? `${clean.slice(0, 3)} ${clean.slice(3)}` : clean;
}

/** What a person typed as a code, as the server reads it: no spaces or dashes, capitals. */
export function typedCode(text: string): string {
  return text.toUpperCase().replace(/[\s-]+/g, '');
}

/** A moment in the person's language: the time only when it is today, else date and time. */
export function momentText(iso: string, lang: Language, now = new Date()): string {
  const when = new Date(iso);
  return formatMoment(when, lang, when.toDateString() !== now.toDateString());
}
