// Responsible lending: does a loan's monthly repayment leave the borrower enough to live on?
// All repayments together may take at most a share of stated income (40% unless the lender
// sets another share), and a loan fits only if its largest instalment does.
import { decimalFraction, halfUpDiv, mulFloor, mulHalfUp } from './exact';
import type { Product } from './product';
import { annuityPayment, buildSchedule, checkTerms, monthlyRate } from './schedule';
import type { RepaymentMethod, Schedule } from './types';

/** The share of monthly income that all repayments together may take unless the lender sets another. */
export const DEFAULT_AFFORDABLE_SHARE = 0.4;

/** A borrower's stated monthly finances, in minor units. */
export interface Finances {
  monthlyIncome: number;
  /** What the borrower already repays each month on other loans. */
  existingRepayments: number;
  /** The share of income all repayments may take, above 0 and at most 1; default 0.4. */
  share?: number;
}

/** The product fields affordability depends on. */
export type PricedProduct = Pick<
  Product,
  'amount' | 'annualRatePercent' | 'upfrontFee' | 'monthlyFee'
>;

/** The largest new monthly instalment that fits: income × share, rounded down, less existing repayments; 0 when nothing fits. */
export function affordableInstalment(finances: Finances): number {
  const { monthlyIncome, existingRepayments } = finances;
  const share = finances.share ?? DEFAULT_AFFORDABLE_SHARE;
  if (!Number.isSafeInteger(monthlyIncome) || monthlyIncome < 0) {
    throw new RangeError(
      `monthlyIncome must be a whole number of minor units, 0 or more, got ${monthlyIncome}`,
    );
  }
  if (!Number.isSafeInteger(existingRepayments) || existingRepayments < 0) {
    throw new RangeError(
      `existingRepayments must be a whole number of minor units, 0 or more, got ${existingRepayments}`,
    );
  }
  if (!Number.isFinite(share) || share <= 0 || share > 1) {
    throw new RangeError(`share must be above 0 and at most 1, got ${share}`);
  }
  // Exact: 0.57 × 100 is 56.99999999999999 in binary floating point, so the share is read
  // as the decimal written.
  const limit = mulFloor(monthlyIncome, decimalFraction(share)) - existingRepayments;
  return Math.max(0, limit);
}

/** Whether a new monthly instalment (minor units) fits the borrower's finances. */
export function instalmentFits(instalment: number, finances: Finances): boolean {
  return instalment <= affordableInstalment(finances);
}

/** The largest instalment of a schedule: what the borrower must manage in the hardest month. */
export function largestInstalment(schedule: Schedule): number {
  let largest = 0;
  for (const row of schedule.instalments) if (row.payment > largest) largest = row.payment;
  return largest;
}

/** Whether every instalment of a schedule fits the borrower's finances. */
export function scheduleFits(schedule: Schedule, finances: Finances): boolean {
  return instalmentFits(largestInstalment(schedule), finances);
}

/**
 * The largest amount of the product (on its step from amount.min, up to amount.max) whose
 * every instalment fits for this term and method, or null when even amount.min does not.
 * For equal principal that is the first, largest instalment; for an annuity the level
 * payment, or the last one when it absorbs a few minor units of rounding.
 */
export function largestAffordableAmount(
  product: PricedProduct,
  months: number,
  method: RepaymentMethod,
  finances: Finances,
): number | null {
  const { min, max, step } = product.amount;
  if (!Number.isSafeInteger(step) || step <= 0 || !(min <= max)) {
    throw new RangeError(
      `amount must have min <= max and a positive whole step, got ${min}..${max} by ${step}`,
    );
  }
  const terms = {
    annualRatePercent: product.annualRatePercent,
    months,
    method,
    upfrontFee: product.upfrontFee,
    monthlyFee: product.monthlyFee,
  };
  checkTerms({ principal: min, ...terms }); // a RangeError naming any bad field
  const limit = affordableInstalment(finances);
  const rate = monthlyRate(product.annualRatePercent);
  const scheduleOf = (principal: number) => buildSchedule({ principal, ...terms });
  // The regular instalment (the level payment, or the first equal-principal one) never falls
  // as the amount rises, so the largest amount where it fits is found by bisection.
  const regular = (principal: number): number =>
    product.monthlyFee +
    (method === 'annuity'
      ? annuityPayment(principal, rate, months)
      : halfUpDiv(principal, months) + mulHalfUp(principal, rate));
  const amountAt = (k: number) => min + k * step;

  if (regular(min) > limit) return null;
  let fits = 0;
  let tooMuch = Math.floor((max - min) / step) + 1;
  while (tooMuch - fits > 1) {
    const middle = Math.floor((fits + tooMuch) / 2);
    if (regular(amountAt(middle)) <= limit) fits = middle;
    else tooMuch = middle;
  }
  // A last annuity payment can exceed the level one by the rounding it absorbs; step down
  // until the whole schedule fits (rarely more than once).
  for (let k = fits; k >= 0; k--) {
    if (largestInstalment(scheduleOf(amountAt(k))) <= limit) return amountAt(k);
  }
  return null;
}
