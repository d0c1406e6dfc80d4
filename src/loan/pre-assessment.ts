// The lender's automatic first look at an application: the product's rules (eligibility, and
// the review rules the catalog keeps beside each product), the checks on the ID number, and
// affordability on the loan engine's own schedule. It advises; a reviewer decides.
import { affordableInstalment, largestInstalment } from './affordability';
import { ageOn, birthDateFromResidentId, checkIdNumber, type IdType } from './applicant';
import { incomeFloor } from './income-bands';
import { loanTermsFor, type Product } from './product';
import { buildSchedule } from './schedule';
import type { RepaymentMethod } from './types';

/** What the pre-assessment advises. */
export type PreAssessmentOutcome = 'meets' | 'call-first' | 'fails';

/** Why, each worded for the reviewer in plain words (locales, office.reason.*). */
export type PreAssessmentReason =
  | 'age-below-minimum'
  | 'age-above-maximum'
  | 'terms-not-offered'
  | 'id-check-failed'
  | 'id-birth-date-differs'
  | 'repayments-too-high'
  | 'income-not-given'
  | 'teach-back-not-understood'
  | 'staff-help-not-verified';

// Reasons that mean the application does not meet a rule; the others call for a call first.
const FAILS: ReadonlySet<PreAssessmentReason> = new Set([
  'age-below-minimum',
  'age-above-maximum',
  'terms-not-offered',
  'id-check-failed',
  'id-birth-date-differs',
]);

/** What the pre-assessment reads of an application. */
export interface PreAssessmentInput {
  amount: number;
  months: number;
  method: RepaymentMethod;
  applicant: { dateOfBirth: string; idType: IdType; idNumber: string; country: string };
  income: { monthlyIncomeBand: string; existingRepayments: number };
  teachBack: { answeredCorrectly: boolean; attempts: number };
  /** Staff help was claimed but its proof did not verify. */
  hasUnverifiedStaffHelp: boolean;
}

/** The pre-assessment with what it rests on, for the reviewer to see. */
export interface PreAssessment {
  outcome: PreAssessmentOutcome;
  reasons: PreAssessmentReason[];
  age: number;
  idChecks: {
    /** The number passes its format and check-character rules. */
    isValid: boolean;
    /** The birth date in the number is the one given, or null for an ID without one. */
    isBirthDateSame: boolean | null;
  };
  affordability: {
    /** The hardest month's payment, fees included, minor units; null for terms not offered. */
    largestInstalment: number | null;
    /** What the income's lower edge leaves for it at the product's share; null when the
     *  applicant did not say. */
    affordableInstalment: number | null;
  };
}

/** Assesses an application against its product on `today` (YYYY-MM-DD). */
export function preAssess(
  product: Product,
  input: PreAssessmentInput,
  today: string,
): PreAssessment {
  const reasons: PreAssessmentReason[] = [];
  const { applicant, income } = input;
  const age = ageOn(applicant.dateOfBirth, today);
  if (age < product.eligibility.minAge) reasons.push('age-below-minimum');
  if (age > product.eligibility.maxAge) reasons.push('age-above-maximum');

  const id = checkIdNumber(applicant.idType, applicant.country, applicant.idNumber, { today });
  const isBirthDateSame =
    applicant.idType === 'cn-resident' && id.ok
      ? birthDateFromResidentId(id.value) === applicant.dateOfBirth
      : null;
  if (!id.ok) reasons.push('id-check-failed');
  if (isBirthDateSame === false) reasons.push('id-birth-date-differs');

  let largest: number | null = null;
  const isOffered = product.terms.includes(input.months) && product.methods.includes(input.method);
  try {
    if (isOffered) {
      const choice = { principal: input.amount, months: input.months, method: input.method };
      largest = largestInstalment(buildSchedule(loanTermsFor(product, choice)));
    }
  } catch {
    // loanTermsFor refuses an amount off the product's range or step.
  }
  if (largest === null) reasons.push('terms-not-offered');

  const floor = incomeFloor(income.monthlyIncomeBand);
  const affordable =
    floor === null
      ? null
      : affordableInstalment({
          monthlyIncome: floor,
          existingRepayments: income.existingRepayments,
          share: product.review.affordableShare,
        });
  if (floor === null) reasons.push('income-not-given');
  else if (largest !== null && affordable !== null && largest > affordable) {
    reasons.push('repayments-too-high');
  }
  if (
    !input.teachBack.answeredCorrectly ||
    input.teachBack.attempts > product.review.teachBackAttempts
  ) {
    reasons.push('teach-back-not-understood');
  }
  if (input.hasUnverifiedStaffHelp) reasons.push('staff-help-not-verified');

  const outcome: PreAssessmentOutcome = reasons.some((reason) => FAILS.has(reason))
    ? 'fails'
    : reasons.length > 0
      ? 'call-first'
      : 'meets';
  return {
    outcome,
    reasons,
    age,
    idChecks: { isValid: id.ok, isBirthDateSame },
    affordability: { largestInstalment: largest, affordableInstalment: affordable },
  };
}

/** Whether an offer of `amount` on this product needs a second reviewer's agreement. */
export function needsSecondReviewer(product: Product, amount: number): boolean {
  return amount > product.review.fourEyesAbove;
}
