import type { RepaymentMethod } from '../loan';
import { incomeFloor as floorOf, INCOME_BANDS } from '../loan/income-bands';

/** Who typed an answer: the applicant, or branch staff helping them. */
export type EnteredBy = 'applicant' | 'staff';

export { INCOME_BANDS };

/** The id of an income range, or the applicant's choice not to say. */
export type IncomeBandId = (typeof INCOME_BANDS)[number]['id'] | 'rather-not-say';

/** Everything the applicant has answered so far. Text fields keep exactly what was typed,
 *  so nothing is lost when an answer is not yet valid. */
export interface Answers {
  productId: string | null;
  amountText: string;
  amount: number | null;
  months: number | null;
  method: RepaymentMethod | null;
  fullName: string;
  dobDay: string;
  dobMonth: string;
  dobYear: string;
  idNumber: string;
  phone: string;
  incomeBand: IncomeBandId | null;
  repaymentsText: string;
  existingRepayments: number | null;
  contactChoice: 'add' | 'skip' | null;
  contactName: string;
  contactPhone: string;
  contactRelationship: string;
  pressured: 'yes' | 'no' | null;
  teachBackAttempts: number;
  teachBackCorrect: boolean;
  declarationAccepted: boolean;
  /** Made when Send is first pressed and kept until the server confirms, so a retry of
   *  the same application can never create a second one. */
  idempotencyKey: string;
}

/** A new, empty application. */
export function emptyAnswers(): Answers {
  return {
    productId: null,
    amountText: '',
    amount: null,
    months: null,
    method: null,
    fullName: '',
    dobDay: '',
    dobMonth: '',
    dobYear: '',
    idNumber: '',
    phone: '',
    incomeBand: null,
    repaymentsText: '',
    existingRepayments: null,
    contactChoice: null,
    contactName: '',
    contactPhone: '',
    contactRelationship: '',
    pressured: null,
    teachBackAttempts: 0,
    teachBackCorrect: false,
    declarationAccepted: false,
    idempotencyKey: '',
  };
}

/** The lower edge of an income range: affordability is judged on what is sure. */
export function incomeFloor(band: IncomeBandId | null): number | null {
  return floorOf(band);
}

/** A date of birth as YYYY-MM-DD from the three fields, or null when they are not a date. */
export function dateOfBirth(a: Pick<Answers, 'dobDay' | 'dobMonth' | 'dobYear'>): string | null {
  const day = Number(a.dobDay);
  const month = Number(a.dobMonth);
  const year = Number(a.dobYear);
  if (![day, month, year].every(Number.isInteger)) return null;
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) {
    return null;
  }
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
