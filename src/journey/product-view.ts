// The journey's one window on the loan engine: every figure a page shows comes through
// here from src/loan (schedules, rates, affordability, money formatting), so pages never
// do arithmetic of their own.
import type { Language } from '../core/settings/settings-state';
import {
  buildSchedule,
  type Catalog,
  type Product,
  type RepaymentMethod,
  type Schedule,
} from '../loan';
import { type Finances, largestAffordableAmount, scheduleFits } from '../loan/affordability';
import {
  type AmountInput,
  formatAmountForInput,
  formatMoney,
  formatPercent,
  narrowCurrencySymbol,
  parseAmountInput,
} from '../loan/money';
import { disclosedRate as disclosedRateOn, type RateRange, rateRangeOf } from '../loan/rate-range';

/** What the pages need to know about a loan product, under stable names. */
export interface ProductFacts {
  id: string;
  currency: string;
  text: (lang: Language) => { name: string; whoFor: string; summary: string };
  minAmount: number;
  maxAmount: number;
  step: number;
  terms: readonly number[];
  annualRatePercent: number;
  upfrontFee: number;
  monthlyFee: number;
  methods: readonly RepaymentMethod[];
  disclosedBasis: 'nominal' | 'effective';
  minAge: number;
  maxAge: number;
  /** The annual rate including all fees across the product's amounts and terms. */
  rateRange: RateRange;
  /** The catalog product itself, for the loan engine's own functions. */
  product: Product;
}

const factsCache = new WeakMap<Product, ProductFacts>();

/** The facts of a catalog product. */
export function factsOf(p: Product): ProductFacts {
  const cached = factsCache.get(p);
  if (cached) return cached;
  const base = {
    id: p.id,
    currency: p.currency,
    text: (lang: Language) => ({
      name: p.name[lang],
      whoFor: p.whoFor[lang],
      summary: p.summary[lang],
    }),
    minAmount: p.amount.min,
    maxAmount: p.amount.max,
    step: p.amount.step,
    terms: p.terms,
    annualRatePercent: p.annualRatePercent,
    upfrontFee: p.upfrontFee,
    monthlyFee: p.monthlyFee,
    methods: p.methods,
    disclosedBasis: p.disclosedRateBasis,
    minAge: p.eligibility.minAge,
    maxAge: p.eligibility.maxAge,
  };
  let worked: RateRange | undefined;
  const facts: ProductFacts = {
    ...base,
    product: p,
    // The server's, as a rule; worked out here, when first asked, for an answer without it.
    get rateRange() {
      worked ??= givenRanges.get(p) ?? rateRangeOf(p);
      return worked;
    },
  };
  factsCache.set(p, facts);
  return facts;
}

// The rate ranges the server sent with the catalog, by product.
const givenRanges = new WeakMap<Product, RateRange>();

/** Keeps the rate ranges the server sent with a catalog for its products' facts (a product
 *  the answer gave none for has its range worked out here when first needed). */
export function rememberRateRanges(catalog: Catalog, ranges: ReadonlyMap<string, RateRange>): void {
  for (const p of catalog.products) {
    const range = ranges.get(p.id);
    if (range) givenRanges.set(p, range);
  }
}

type Terms = Pick<ProductFacts, 'annualRatePercent' | 'upfrontFee' | 'monthlyFee'>;

/** The repayment schedule for an amount, term and method of a product. */
export function scheduleFor(
  f: Terms,
  amount: number,
  months: number,
  method: RepaymentMethod,
): Schedule {
  return buildSchedule({
    principal: amount,
    annualRatePercent: f.annualRatePercent,
    months,
    method,
    upfrontFee: f.upfrontFee,
    monthlyFee: f.monthlyFee,
  });
}

/** The annual rate including all fees on the basis the lender discloses. */
export function disclosedRate(f: Pick<ProductFacts, 'disclosedBasis'>, s: Schedule): number {
  return disclosedRateOn(s, f.disclosedBasis);
}

/** The figures of a lender's offer, worked out by the loan engine for the offered terms. */
export interface OfferFigures {
  schedule: Schedule;
  /** The annual rate including all fees, on the basis the lender discloses. */
  annualRatePercent: number;
  firstPayment: number;
  lastPayment: number;
  totalPayable: number;
  payments: number;
  /** Each payment smaller than the one before (equal principal), rather than level. */
  isFalling: boolean;
}

/** The figures of an offer of this product, or null when its method is not one the product
 *  has (an offer this app cannot show truthfully). */
export function offerFigures(
  f: ProductFacts,
  terms: { amount: number; months: number; method: string },
): OfferFigures | null {
  const method = f.methods.find((m) => m === terms.method);
  if (!method) return null;
  const schedule = scheduleFor(f, terms.amount, terms.months, method);
  return {
    schedule,
    annualRatePercent: disclosedRate(f, schedule),
    firstPayment: schedule.instalments[0]?.payment ?? 0,
    lastPayment: schedule.instalments.at(-1)?.payment ?? 0,
    totalPayable: schedule.totalPayable,
    payments: schedule.instalments.length,
    isFalling: method === 'equal-principal',
  };
}

/** An amount of money for display, in the page's language. */
export function money(minor: number, currency: string, lang: Language): string {
  return formatMoney(minor, currency, lang);
}

/** An amount someone chose or a limit (a loan amount, an income): whole yuan are written
 *  without ".00". Payments and totals use money(), which keeps every digit. */
export function amountMoney(minor: number, currency: string, lang: Language): string {
  return formatMoney(minor, currency, lang, { omitZeroFraction: true });
}

/** A percentage for display, in the page's language. */
export function percent(value: number, lang: Language): string {
  return formatPercent(value, lang);
}

/** An amount as it goes back into a text field: grouped digits, decimals only if any. */
export function amountInputText(minor: number, lang: Language, currency = 'CNY'): string {
  return formatAmountForInput(minor, currency, lang);
}

/** The symbol shown before a money field (¥). */
export function currencySymbol(currency: string, lang: Language): string {
  return narrowCurrencySymbol(currency, lang);
}

/** Reads an amount typed as people write it. */
export function parseAmount(text: string, currency: string): AmountInput {
  return parseAmountInput(text, currency);
}

/** Why an amount does not fit a product, with the nearest amounts that would. */
export type AmountProblem = {
  code: 'below-min' | 'above-max' | 'off-step';
  lower: number;
  upper: number;
};

/** Null when the amount fits the product's limits and steps; otherwise what is wrong. */
export function amountProblem(f: ProductFacts, amount: number): AmountProblem | null {
  if (amount < f.minAmount) return { code: 'below-min', lower: f.minAmount, upper: f.minAmount };
  if (amount > f.maxAmount) return { code: 'above-max', lower: f.maxAmount, upper: f.maxAmount };
  const offset = (amount - f.minAmount) % f.step;
  if (offset === 0) return null;
  const lower = amount - offset;
  return { code: 'off-step', lower, upper: Math.min(lower + f.step, f.maxAmount) };
}

/** The next amount up or down by the product's step, kept within its limits. */
export function stepAmount(f: ProductFacts, current: number | null, direction: -1 | 1): number {
  if (current === null) return direction > 0 ? f.minAmount : f.minAmount;
  const snapped = f.minAmount + Math.floor((current - f.minAmount) / f.step) * f.step;
  const onStep = snapped === current;
  const next = direction > 0 ? snapped + f.step : onStep ? current - f.step : snapped;
  return Math.min(f.maxAmount, Math.max(f.minAmount, next));
}

/** Whether every instalment of this loan fits the applicant's stated finances. */
export function instalmentFits(
  f: ProductFacts,
  amount: number,
  months: number,
  method: RepaymentMethod,
  finances: Finances,
): boolean {
  return scheduleFits(scheduleFor(f, amount, months, method), withShareOf(f, finances));
}

/** The largest amount of the product that fits for this term and method, or null. */
export function largestAffordable(
  f: ProductFacts,
  months: number,
  method: RepaymentMethod,
  finances: Finances,
): number | null {
  return largestAffordableAmount(f.product, months, method, withShareOf(f, finances));
}

// The lender sets, per product, how much of income repayments may take; the reviewers'
// pre-assessment reads the same share, so the journey and the review agree.
function withShareOf(f: ProductFacts, finances: Finances): Finances {
  return { ...finances, share: f.product.review.affordableShare };
}
