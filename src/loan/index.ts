// The loan engine's public face: every figure a borrower sees comes from here.
// Pure functions over plain data; amounts are integers in minor units (¥1,000.00 is 100000).

export { annualRate } from './annual-rate';
export {
  type AmountInput,
  type AmountInputProblem,
  formatMoney,
  formatPercent,
  minorUnitsOf,
  parseAmountInput,
} from './money';
export { buildSchedule } from './schedule';
export type {
  AnnualRate,
  Instalment,
  LoanTerms,
  RepaymentMethod,
  Schedule,
} from './types';
