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

/** Answers only the applicant may give, even while staff help: the safety question asks
 *  about pressure, perhaps from whoever else is holding the tablet. */
export const APPLICANT_ONLY_ANSWERS: readonly AnswerField[] = ['pressured'];
