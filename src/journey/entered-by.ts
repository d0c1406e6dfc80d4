import { ANSWER_FIELDS, type AnswerField, APPLICANT_ONLY_ANSWERS } from '../loan/answer-fields';
import type { Answers, EnteredBy } from './answers';

/** Who entered each answer so far; an answer not yet given has no entry. */
export type EnteredByMap = Partial<Record<AnswerField, EnteredBy>>;

// Which answer of the application each key of the journey's Answers belongs to. The
// teach-back, the declaration and the send key are not answers anyone else may give.
const FIELD_OF: Partial<Record<keyof Answers, AnswerField>> = {
  productId: 'productId',
  amountText: 'amount',
  amount: 'amount',
  months: 'months',
  method: 'method',
  fullName: 'fullName',
  dobDay: 'dateOfBirth',
  dobMonth: 'dateOfBirth',
  dobYear: 'dateOfBirth',
  idNumber: 'idNumber',
  phone: 'phone',
  incomeBand: 'incomeBand',
  repaymentsText: 'existingRepayments',
  existingRepayments: 'existingRepayments',
  contactChoice: 'trustedContact',
  contactName: 'trustedContact',
  contactPhone: 'trustedContact',
  contactRelationship: 'trustedContact',
  pressured: 'pressured',
};

/** Records that `who` entered the answers in `change`: the last person to change an
 *  answer is the one who entered it. A value given again unchanged (Continue pressed on a
 *  page opened with "Change") changes nothing, and the answers only the applicant may give
 *  are recorded as theirs whoever is said to be answering. */
export function recordEntered(
  current: EnteredByMap,
  change: Partial<Answers>,
  who: EnteredBy,
  before: Partial<Answers> = {},
): EnteredByMap {
  const next = { ...current };
  for (const key of Object.keys(change) as (keyof Answers)[]) {
    const field = FIELD_OF[key];
    if (!field || (key in before && Object.is(before[key], change[key]))) continue;
    next[field] = APPLICANT_ONLY_ANSWERS.includes(field) ? 'applicant' : who;
  }
  return next;
}

/** Takes back a saved record, keeping only known answers and known people. */
export function sanitizeEnteredBy(saved: unknown): EnteredByMap {
  if (typeof saved !== 'object' || saved === null) return {};
  const result: EnteredByMap = {};
  for (const field of ANSWER_FIELDS) {
    const who = (saved as Record<string, unknown>)[field];
    if (who === 'applicant' || who === 'staff') result[field] = who;
  }
  return result;
}

/** The rows of check-your-answers and the answer each shows. */
export const CHECK_ROW_FIELDS: Readonly<Record<string, AnswerField>> = {
  loan: 'productId',
  amount: 'amount',
  term: 'months',
  repayment: 'method',
  name: 'fullName',
  dob: 'dateOfBirth',
  id: 'idNumber',
  phone: 'phone',
  income: 'incomeBand',
  repayments: 'existingRepayments',
  contact: 'trustedContact',
};

/** The `assisted` part of an application sent while staff help: who helped, who entered each
 *  answer (answers given before staff signed in were the applicant's own; the teach-back and
 *  declaration always are), and the proof the server checks: the attestation it signed at
 *  the staff member's sign-in and when the application was made (on the server's clock). The
 *  branch is not sent: the server takes it from the attestation. */
export function assistedRecord(
  session: { staff: { id: string }; attestation: string },
  entered: EnteredByMap,
  madeAt: Date,
): {
  staffId: string;
  enteredBy: Record<string, EnteredBy>;
  attestation: string;
  madeAt: string;
} {
  const enteredBy: Record<string, EnteredBy> = {};
  for (const field of ANSWER_FIELDS) enteredBy[field] = entered[field] ?? 'applicant';
  enteredBy.teachBack = 'applicant';
  enteredBy.declaration = 'applicant';
  return {
    staffId: session.staff.id,
    enteredBy,
    attestation: session.attestation,
    madeAt: madeAt.toISOString(),
  };
}
