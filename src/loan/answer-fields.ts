/** The answers an applicant gives in the journey (the keys of the app's Answers); in an
 *  assisted session each one records who entered it. */
export const ANSWER_FIELDS = [
  'productId',
  'amount',
  'months',
  'method',
  'fullName',
  'dateOfBirth',
  'idNumber',
  'phone',
  'incomeBand',
  'existingRepayments',
  'trustedContact',
  'pressured',
] as const;

/** One answer of the journey that records who entered it. */
export type AnswerField = (typeof ANSWER_FIELDS)[number];
