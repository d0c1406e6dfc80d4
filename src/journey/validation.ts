import {
  type ApplicantReason,
  checkDateOfBirth,
  checkFullName,
  checkIdNumber,
  checkPhone,
  type NameReason,
  type PhoneReason,
} from '../loan/applicant';
import { localToday } from '../loan/application';
import { type Answers, dateOfBirth } from './answers';

/** One problem found on Continue: the field's element id, a reason code the page turns
 *  into words, and the figures the message needs. */
export interface StepError<Field extends string = string, Code extends string = string> {
  field: Field;
  code: Code;
  params?: Record<string, string | number>;
}

/** A problem on About you: each code has its message under about:errors. */
export type AboutYouError = StepError<
  'full-name' | 'dob' | 'id-number' | 'phone',
  ApplicantReason | 'dob-empty' | 'dob-incomplete' | 'id-birth-date-mismatch'
>;

/** A problem in a trusted contact's details: each field has its own codes (contact:errors). */
export type ContactDetailsError =
  | StepError<'contact-name', NameReason>
  | StepError<'contact-phone', PhoneReason | 'contact-same-phone'>
  | StepError<'contact-relationship', 'required' | 'too-long'>;

/** A problem with the trusted contact step: no choice made yet, or the details. */
export type TrustedContactError = StepError<'contact-choice', 'required'> | ContactDetailsError;

/** Where the applicant lives; the lender's deployment decides (mainland China here). */
export const APPLICANT_COUNTRY = 'CN';

/** The About you page: name, date of birth, ID card number, mobile phone. */
export function validateAboutYou(
  a: Answers,
  limits: { minAge: number; maxAge: number },
  today: string = localToday(),
): AboutYouError[] {
  const errors: AboutYouError[] = [];
  const name = checkFullName(a.fullName);
  if (!name.ok) errors.push({ field: 'full-name', code: name.reason });

  const parts = [a.dobDay, a.dobMonth, a.dobYear].map((p) => p.trim());
  let dob: string | null = null;
  if (parts.every((p) => p === '')) {
    errors.push({ field: 'dob', code: 'dob-empty' });
  } else if (parts.some((p) => p === '')) {
    errors.push({ field: 'dob', code: 'dob-incomplete' });
  } else if (!parts.every((p) => /^\d+$/.test(p)) || parts[2]?.length !== 4) {
    errors.push({ field: 'dob', code: 'dob-format' });
  } else {
    dob = dateOfBirth(a);
    const checked = dob
      ? checkDateOfBirth(dob, today, limits)
      : { ok: false as const, reason: 'dob-not-a-date' as const };
    if (!checked.ok) {
      errors.push({ field: 'dob', code: checked.reason, params: limits });
      dob = null;
    }
  }

  const id = checkIdNumber('cn-resident', APPLICANT_COUNTRY, a.idNumber, { today });
  if (!id.ok) {
    errors.push({ field: 'id-number', code: id.reason });
  } else if (dob && id.value.slice(6, 14) !== dob.replaceAll('-', '')) {
    errors.push({ field: 'id-number', code: 'id-birth-date-mismatch' });
  }

  const phone = checkPhone(APPLICANT_COUNTRY, a.phone);
  if (!phone.ok) errors.push({ field: 'phone', code: phone.reason });
  return errors;
}

/** The trusted contact page: nothing when skipped; when adding someone, their details. */
export function validateTrustedContact(a: Answers): TrustedContactError[] {
  if (a.contactChoice === null) return [{ field: 'contact-choice', code: 'required' }];
  return a.contactChoice === 'skip' ? [] : validateContactDetails(a);
}

/** The trusted contact's name, phone and relationship, when adding someone. */
export function validateContactDetails(a: Answers): ContactDetailsError[] {
  const errors: ContactDetailsError[] = [];
  const name = checkFullName(a.contactName);
  if (!name.ok) errors.push({ field: 'contact-name', code: name.reason });
  const phone = checkPhone(APPLICANT_COUNTRY, a.contactPhone);
  const own = checkPhone(APPLICANT_COUNTRY, a.phone);
  if (!phone.ok) errors.push({ field: 'contact-phone', code: phone.reason });
  else if (own.ok && own.value === phone.value) {
    errors.push({ field: 'contact-phone', code: 'contact-same-phone' });
  }
  const relationship = a.contactRelationship.trim();
  if (relationship === '') errors.push({ field: 'contact-relationship', code: 'required' });
  else if ([...relationship].length > 60) {
    errors.push({ field: 'contact-relationship', code: 'too-long' });
  }
  return errors;
}

/** The safety question must be answered (a "yes" is handled by the flow, not as an error). */
export function validateSafety(a: Answers): StepError[] {
  return a.pressured === null ? [{ field: 'pressured', code: 'required' }] : [];
}
