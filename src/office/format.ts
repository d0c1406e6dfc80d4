// How the back office writes amounts, dates and the staff ids of the record, from the same
// modules the applicant's pages use.
import type { Language } from '../core/settings/settings-state';
import { formatMoment } from '../loan/dates';
import { formatMoney } from '../loan/money';

/** An amount of minor units in the lender's currency. */
export function money(minor: number, lang: Language, currency = 'CNY'): string {
  return formatMoney(minor, currency, lang);
}

/** A moment with its date, as the record gives it. */
export function moment(iso: string, lang: Language): string {
  return formatMoment(new Date(iso), lang, true);
}
