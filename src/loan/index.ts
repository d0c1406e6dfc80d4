// The loan engine's public face: every figure a borrower sees comes from here.
// Pure functions over plain data; amounts are integers in minor units (¥1,000.00 is 100000).

export {
  affordableInstalment,
  DEFAULT_AFFORDABLE_SHARE,
  type Finances,
  instalmentFits,
  largestAffordableAmount,
  largestInstalment,
  type PricedProduct,
  scheduleFits,
} from './affordability';
export { annualRate } from './annual-rate';
export {
  type AmountInput,
  type AmountInputProblem,
  formatMoney,
  formatPercent,
  minorUnitsOf,
  parseAmountInput,
} from './money';
export {
  type Catalog,
  CatalogSchema,
  LANGUAGES,
  type Language,
  type LocalizedText,
  loanTermsFor,
  type Product,
  type ProductChoice,
  ProductSchema,
  parseCatalog,
  RATE_BASES,
  type RateBasis,
} from './product';
export { buildSchedule, MAX_MONTHS } from './schedule';
export type {
  AnnualRate,
  Instalment,
  LoanTerms,
  RepaymentMethod,
  Schedule,
} from './types';
export { REPAYMENT_METHODS } from './types';
