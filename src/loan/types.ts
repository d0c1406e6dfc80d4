// Amounts are integers in minor units (¥1,000.00 is 100000).

/** How the loan is repaid: 等额本息 (level payments) or 等额本金 (level principal). */
export type RepaymentMethod = 'annuity' | 'equal-principal';

/** The repayment methods, in the order a product lists them by default. */
export const REPAYMENT_METHODS: readonly RepaymentMethod[] = ['annuity', 'equal-principal'];

/** What a borrower asks for: the inputs of a repayment schedule. */
export interface LoanTerms {
  /** Amount borrowed, in minor units. */
  principal: number;
  /** Nominal yearly rate; the monthly rate is annualRatePercent / 1200. */
  annualRatePercent: number;
  /** Monthly instalments, the first one month after drawdown. */
  months: number;
  method: RepaymentMethod;
  /** Charged at drawdown: the borrower receives principal - upfrontFee. */
  upfrontFee?: number;
  /** Added to every instalment. */
  monthlyFee?: number;
}

/** One row of a repayment schedule; payment = principal + interest + fee. */
export interface Instalment {
  number: number;
  payment: number;
  interest: number;
  principal: number;
  fee: number;
  /** What is still owed after this payment. */
  balance: number;
}

/** The annual rate including all fees, on the two bases lenders disclose. */
export interface AnnualRate {
  /** 12 × monthly IRR × 100: US Regulation Z APR, PBOC simple annualisation. */
  nominalPercent: number;
  /** ((1 + monthly IRR)^12 − 1) × 100: EU APRC, PBOC compound IRR. */
  effectivePercent: number;
}

/** A full repayment schedule with its totals and annual rate. */
export interface Schedule {
  instalments: Instalment[];
  /** Sum of all instalments plus the upfront fee. */
  totalPayable: number;
  totalInterest: number;
  /** upfrontFee + monthlyFee × months. */
  totalFees: number;
  /** annualRate(principal − upfrontFee, the instalment payments). */
  apr: AnnualRate;
}
