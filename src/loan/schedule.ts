import { annualRate } from './annual-rate';
import {
  decimalFraction,
  type Fraction,
  halfUpDiv,
  halfUpDivBig,
  makeFraction,
  mulHalfUp,
} from './exact';
import type { Instalment, LoanTerms, RepaymentMethod, Schedule } from './types';

/** The longest term accepted, in months (50 years). */
export const MAX_MONTHS = 600;

/** LoanTerms after validation, with the fees filled in. */
export interface CheckedTerms {
  principal: number;
  annualRatePercent: number;
  months: number;
  method: RepaymentMethod;
  upfrontFee: number;
  monthlyFee: number;
}

/** Checks loan terms, throwing a RangeError that names the first bad field. */
export function checkTerms(terms: LoanTerms): CheckedTerms {
  const { principal, annualRatePercent, months, method } = terms;
  const upfrontFee = terms.upfrontFee ?? 0;
  const monthlyFee = terms.monthlyFee ?? 0;
  if (!Number.isSafeInteger(principal) || principal <= 0) {
    throw new RangeError(
      `principal must be a positive whole number of minor units, got ${principal}`,
    );
  }
  if (typeof annualRatePercent !== 'number' || !Number.isFinite(annualRatePercent)) {
    throw new RangeError(`annualRatePercent must be a finite number, got ${annualRatePercent}`);
  }
  if (annualRatePercent < 0) {
    throw new RangeError(`annualRatePercent must not be negative, got ${annualRatePercent}`);
  }
  if (!Number.isInteger(months) || months < 1 || months > MAX_MONTHS) {
    throw new RangeError(`months must be a whole number from 1 to ${MAX_MONTHS}, got ${months}`);
  }
  if (method !== 'annuity' && method !== 'equal-principal') {
    throw new RangeError(`method must be 'annuity' or 'equal-principal', got ${String(method)}`);
  }
  if (!Number.isSafeInteger(upfrontFee) || upfrontFee < 0) {
    throw new RangeError(
      `upfrontFee must be a whole number of minor units, 0 or more, got ${upfrontFee}`,
    );
  }
  if (upfrontFee >= principal) {
    throw new RangeError(
      `upfrontFee (${upfrontFee}) must be less than the principal (${principal}), or nothing is lent`,
    );
  }
  if (!Number.isSafeInteger(monthlyFee) || monthlyFee < 0) {
    throw new RangeError(
      `monthlyFee must be a whole number of minor units, 0 or more, got ${monthlyFee}`,
    );
  }
  return { principal, annualRatePercent, months, method, upfrontFee, monthlyFee };
}

/** The exact monthly rate annualRatePercent / 1200, reading the percent as the decimal written. */
export function monthlyRate(annualRatePercent: number): Fraction {
  const percent = decimalFraction(annualRatePercent);
  return makeFraction(percent.num, percent.den * 1200n);
}

/** The level annuity payment (before fees), half-up to the minor unit; P/n at a zero rate. */
export function annuityPayment(principal: number, rate: Fraction, months: number): number {
  if (rate.num === 0n) return halfUpDiv(principal, months);
  const r = rate.approx;
  // P·r / (1 − (1+r)^−n), written with log1p/expm1 so tiny rates keep their
  // precision and huge rates do not overflow to Infinity/Infinity.
  const estimate = (principal * r) / -Math.expm1(-months * Math.log1p(r));
  const fraction = estimate - Math.floor(estimate);
  // The double is good to about 1e-13 relative; only when it lands that close
  // to a half is the rounding decided with exact rational arithmetic.
  const tolerance = 1e-9 + estimate * 1e-11;
  if (!(estimate <= Number.MAX_SAFE_INTEGER)) throw tooLarge(principal, rate.approx * 1200);
  if (Math.abs(fraction - 0.5) > tolerance) {
    return Math.floor(estimate + 0.5);
  }
  return exactAnnuityPayment(principal, rate, months);
}

// P·r(1+r)^n / ((1+r)^n − 1) with r = a/b is P·a·(a+b)^n / (b·((a+b)^n − b^n)).
function exactAnnuityPayment(principal: number, rate: Fraction, months: number): number {
  const a = rate.num;
  const b = rate.den;
  const grown = (a + b) ** BigInt(months);
  const numerator = BigInt(principal) * a * grown;
  const denominator = b * (grown - b ** BigInt(months));
  return Number(halfUpDivBig(numerator, denominator));
}

function tooLarge(principal: number, annualRatePercent: number): RangeError {
  return new RangeError(
    `principal ${principal} at annualRatePercent ${annualRatePercent} gives figures too large to compute exactly`,
  );
}

/** The equal-principal quota P/n, half-up to the minor unit. */
export function equalPrincipalQuota(principal: number, months: number): number {
  return halfUpDiv(principal, months);
}

/** The repayment schedule, totals and annual rate for the given terms. */
export function buildSchedule(terms: LoanTerms): Schedule {
  const { principal, annualRatePercent, months, method, upfrontFee, monthlyFee } =
    checkTerms(terms);
  const rate = monthlyRate(annualRatePercent);
  const isAnnuity = method === 'annuity';
  const level = isAnnuity
    ? annuityPayment(principal, rate, months)
    : equalPrincipalQuota(principal, months);

  const instalments: Instalment[] = new Array(months);
  const payments: number[] = new Array(months);
  let balance = principal;
  let totalInterest = 0;
  let totalPaid = 0;
  for (let k = 1; k <= months; k++) {
    const interest = mulHalfUp(balance, rate);
    let repaid = isAnnuity ? level - interest : level;
    // The last row repays what remains. Before that, a loan too small for its
    // term (say 0.07 over 12 months, where rounding each row up would repay
    // more than was lent) stops repaying once the balance is gone.
    if (k === months || repaid > balance) repaid = balance;
    balance -= repaid;
    const payment = repaid + interest + monthlyFee;
    instalments[k - 1] = {
      number: k,
      payment,
      interest,
      principal: repaid,
      fee: monthlyFee,
      balance,
    };
    payments[k - 1] = payment;
    totalInterest += interest;
    totalPaid += payment;
  }

  const totalPayable = totalPaid + upfrontFee;
  if (!Number.isSafeInteger(totalPayable)) throw tooLarge(principal, annualRatePercent);
  return {
    instalments,
    totalPayable,
    totalInterest,
    totalFees: upfrontFee + monthlyFee * months,
    apr: annualRate(principal - upfrontFee, payments),
  };
}
