// Every refusal the API makes, as {"error": {"code", "message", "field"}}. The code is what
// the app reads (and words in the applicant's language); the message is plain English for
// people reading logs or calling the API by hand. No message ever repeats what was sent.
import type { FieldReason, TermsReason } from '../loan/application';

/** The body of every error answer. */
export interface ErrorBody {
  error: { code: string; message: string; field: string | null };
}

/** The JSON Schema of ErrorBody, for the OpenAPI document and the routes' answers. */
export const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'field'],
      properties: {
        code: { type: 'string', description: 'Stable, for programs: e.g. id-check-digit' },
        message: { type: 'string', description: 'Plain English, for people' },
        field: { type: ['string', 'null'], description: 'Dotted path of the field refused' },
      },
    },
  },
} as const;

/** An error the API answers on purpose, with its status and code. */
export class ApiError extends Error {
  /** A refusal: `status` 4xx, a stable `code`, and the field it is about (dotted), if any. */
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }

  /** The JSON body of this error. */
  toBody(): ErrorBody {
    return { error: { code: this.code, message: this.message, field: this.field } };
  }
}

const FIELD_MESSAGES: Record<FieldReason | TermsReason, string> = {
  required: 'This field is required.',
  'wrong-type': 'This field has the wrong type.',
  'unknown-field': 'This field is not part of an application.',
  'too-short': 'This value is too short.',
  'too-long': 'This value is too long.',
  'too-small': 'This number is too small.',
  'too-large': 'This number is too large.',
  'not-whole-number': 'This must be a whole number (money is in minor units, such as fen).',
  'not-allowed': 'This value is not one of those allowed.',
  'text-characters': 'This text contains control characters.',
  'id-birth-date-mismatch': 'The birth date in the ID number is not the date of birth given.',
  'safety-pressured': 'An applicant who is being pressured cannot send an application.',
  'declaration-not-accepted': 'The declaration must be accepted.',
  'applicant-only': 'Only the applicant can give this answer, never branch staff.',
  'name-empty': 'Enter the full name.',
  'name-too-long': 'The name is too long.',
  'name-characters': 'The name may only contain letters, spaces, hyphens and apostrophes.',
  'id-empty': 'Enter the ID number.',
  'id-characters': 'The ID number may only contain digits and letters.',
  'id-length': 'The ID number has the wrong number of characters.',
  'id-region': 'The ID number does not start with a known region code.',
  'id-birth-date': 'The birth date inside the ID number is not a real date.',
  'id-check-digit': 'The last character of the ID number does not match the others.',
  'id-format': 'The ID number is not in the format used where the applicant lives.',
  'id-type-country': 'This kind of ID is not accepted for where the applicant lives.',
  'phone-empty': 'Enter the mobile number.',
  'phone-characters': 'The mobile number may only contain digits.',
  'phone-length': 'The mobile number has the wrong number of digits.',
  'phone-prefix': 'The mobile number does not start like a mobile number.',
  'phone-country': 'The mobile number is not from where the applicant lives.',
  'dob-format': 'The date of birth must be written YYYY-MM-DD.',
  'dob-not-a-date': 'The date of birth is not a real date.',
  'dob-in-future': 'The date of birth is in the future.',
  'dob-too-young': 'The applicant is younger than 18.',
  'dob-too-old': 'The date of birth gives an age over 100.',
  'product-unknown': 'There is no such loan product.',
  'amount-below-minimum': 'The amount is below the smallest this loan lends.',
  'amount-above-maximum': 'The amount is above the largest this loan lends.',
  'amount-step': 'The amount is not a step this loan offers.',
  'months-not-offered': 'This loan is not offered over this many months.',
  'method-not-offered': 'This loan is not offered with this repayment method.',
  'age-below-minimum': 'The applicant is younger than this loan allows.',
  'age-above-maximum': 'The applicant is older than this loan allows.',
  'figures-mismatch': 'The figures do not match this loan; fetch the products again.',
};

/** The 422 for a field that failed validation. */
export function fieldError(field: string | null, reason: FieldReason | TermsReason): ApiError {
  return new ApiError(422, reason, FIELD_MESSAGES[reason], field);
}
