// The one schema of a loan product and of the lender's catalog. The server validates the
// catalog file with it before it starts, and the app validates what the server sends.
import * as v from 'valibot';
import { MAX_MONTHS } from './schedule';
import { type LoanTerms, REPAYMENT_METHODS, type RepaymentMethod } from './types';

/** The languages every product text is written in. */
export const LANGUAGES = ['en', 'zh-CN'] as const;

/** A language every product text is written in. */
export type Language = (typeof LANGUAGES)[number];

/** The annual-rate bases a lender may disclose: 12 × monthly IRR, or compounded. */
export const RATE_BASES = ['nominal', 'effective'] as const;

/** Which annual rate the lender shows most prominently (AnnualRate.nominalPercent or .effectivePercent). */
export type RateBasis = (typeof RATE_BASES)[number];

// The highest yearly rate a catalog may state. Above 36% Chinese courts do not protect the
// interest at all, and the bound catches a slipped decimal point (435 for 4.35).
const MAX_ANNUAL_RATE_PERCENT = 36;

// The most amounts a product may offer. Its rate range is worked out at every amount (see
// rate-range.ts), and a few hundred steps on the amount page is already more than anyone
// steps through.
const MAX_AMOUNTS = 1_000;

const text = v.pipe(
  v.string('must be text'),
  v.trim(),
  v.nonEmpty('must not be empty'),
  v.maxLength(400, 'must be at most 400 characters'),
);

const localizedText = v.strictObject({ en: text, 'zh-CN': text });

const minorUnits = v.pipe(
  v.number('must be a number of minor units'),
  v.safeInteger('must be a whole number of minor units'),
  v.minValue(0, 'must be 0 or more'),
);

const positiveMinorUnits = v.pipe(minorUnits, v.minValue(1, 'must be more than 0'));

const age = v.pipe(
  v.number('must be a number of years'),
  v.integer('must be a whole number of years'),
  v.minValue(18, 'must be at least 18'),
  v.maxValue(120, 'must be at most 120'),
);

// Asked for once: the list is some three hundred codes, and every product is checked.
let knownCurrencies: ReadonlySet<string> | null = null;

function isKnownCurrency(code: string): boolean {
  if (typeof Intl.supportedValuesOf !== 'function') return true;
  knownCurrencies ??= new Set(Intl.supportedValuesOf('currency'));
  return knownCurrencies.has(code);
}

/** One loan product: what it is for, in each language, and its amounts, terms, price and eligibility. */
export const ProductSchema = v.pipe(
  v.strictObject({
    id: v.pipe(
      v.string('must be text'),
      v.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lower-case words joined by hyphens'),
      v.maxLength(64, 'must be at most 64 characters'),
    ),
    name: localizedText,
    whoFor: localizedText,
    summary: localizedText,
    currency: v.pipe(
      v.string('must be text'),
      v.regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as CNY'),
      v.check(isKnownCurrency, 'is not an ISO 4217 currency'),
    ),
    amount: v.strictObject({
      min: positiveMinorUnits,
      max: positiveMinorUnits,
      step: positiveMinorUnits,
    }),
    terms: v.pipe(
      v.array(
        v.pipe(
          v.number('must be a number of months'),
          v.integer('must be a whole number of months'),
          v.minValue(1, 'must be at least 1 month'),
          v.maxValue(MAX_MONTHS, `must be at most ${MAX_MONTHS} months`),
        ),
        'must be a list of months',
      ),
      v.nonEmpty('must offer at least one term'),
      v.checkItems(
        (months, i, all) => i === 0 || months > all[i - 1],
        'must be longer than the term before it (list terms from shortest, once each)',
      ),
    ),
    annualRatePercent: v.pipe(
      v.number('must be a number (4.35 means 4.35% a year)'),
      v.finite('must be a finite number'),
      v.minValue(0, 'must be 0 or more'),
      v.maxValue(
        MAX_ANNUAL_RATE_PERCENT,
        `must be at most ${MAX_ANNUAL_RATE_PERCENT} (a yearly rate in percent: 4.35 means 4.35%)`,
      ),
    ),
    upfrontFee: minorUnits,
    monthlyFee: minorUnits,
    methods: v.pipe(
      v.array(
        v.picklist(REPAYMENT_METHODS, "must be 'annuity' or 'equal-principal'"),
        'must be a list of repayment methods',
      ),
      v.nonEmpty('must offer at least one repayment method'),
      v.checkItems((method, i, all) => all.indexOf(method) === i, 'must not repeat a method'),
    ),
    disclosedRateBasis: v.picklist(RATE_BASES, "must be 'nominal' or 'effective'"),
    eligibility: v.strictObject({
      minAge: age,
      maxAge: age,
      needsBusiness: v.boolean('must be true or false'),
    }),
    /** How the lender reviews an application for this product (see pre-assessment.ts). */
    review: v.strictObject({
      /** An offer above this amount (minor units) needs a second reviewer's agreement. */
      fourEyesAbove: minorUnits,
      /** Days an offer stays open before it lapses. */
      offerValidDays: v.pipe(
        v.number('must be a number of days'),
        v.integer('must be a whole number of days'),
        v.minValue(1, 'must be at least 1 day'),
        v.maxValue(90, 'must be at most 90 days'),
      ),
      /** The share of income all repayments may take before a call is needed. */
      affordableShare: v.pipe(
        v.number('must be a number (0.4 means 40%)'),
        v.minValue(0.01, 'must be more than 0'),
        v.maxValue(1, 'must be at most 1'),
      ),
      /** More tries than this at the check of understanding call for a call first. */
      teachBackAttempts: v.pipe(
        v.number('must be a number of tries'),
        v.integer('must be a whole number of tries'),
        v.minValue(1, 'must be at least 1'),
      ),
    }),
  }),
  v.forward(
    v.check((p) => p.amount.min <= p.amount.max, 'must be at least amount.min'),
    ['amount', 'max'],
  ),
  v.forward(
    v.check(
      (p) => (p.amount.max - p.amount.min) % p.amount.step === 0,
      'must divide the range from amount.min to amount.max into whole steps',
    ),
    ['amount', 'step'],
  ),
  v.forward(
    v.check(
      (p) => (p.amount.max - p.amount.min) / p.amount.step < MAX_AMOUNTS,
      `must allow at most ${MAX_AMOUNTS} amounts from amount.min to amount.max`,
    ),
    ['amount', 'step'],
  ),
  v.forward(
    v.check(
      (p) => p.upfrontFee < p.amount.min,
      'must be less than amount.min, or the smallest loan pays out nothing',
    ),
    ['upfrontFee'],
  ),
  v.forward(
    v.check(
      (p) => p.eligibility.minAge <= p.eligibility.maxAge,
      'must be at least eligibility.minAge',
    ),
    ['eligibility', 'maxAge'],
  ),
);

/** A catalog whose products each pass `item`: a non-empty list, each product with a distinct id. */
function catalogOf<Item extends v.GenericSchema<unknown, { id: string }>>(item: Item) {
  return v.strictObject({
    products: v.pipe(
      v.array(item, 'must be a list of products'),
      v.nonEmpty('must list at least one product'),
      v.rawCheck(({ dataset, addIssue }) => {
        if (!dataset.typed) return;
        const seen = new Set<string>();
        dataset.value.forEach((product, index) => {
          if (seen.has(product.id)) {
            addIssue({
              message: `is used by an earlier product ('${product.id}')`,
              path: [
                {
                  type: 'array',
                  origin: 'value',
                  input: dataset.value,
                  key: index,
                  value: product,
                },
                { type: 'object', origin: 'value', input: product, key: 'id', value: product.id },
              ],
            });
          }
          seen.add(product.id);
        });
      }),
    ),
  });
}

/** The lender's products, each with a distinct id. */
export const CatalogSchema = catalogOf(ProductSchema);

/** A loan product as validated by ProductSchema. */
export type Product = v.InferOutput<typeof ProductSchema>;

/** Text in every language a product is written in. */
export type LocalizedText = Product['name'];

/** The lender's catalog as validated by CatalogSchema. */
export type Catalog = v.InferOutput<typeof CatalogSchema>;

/** 'products[2].amount.max' for an issue's path. */
function pathOf(issue: v.BaseIssue<unknown>): string {
  let path = '';
  for (const item of issue.path ?? []) {
    const key = item.key;
    if (typeof key === 'number') path += `[${key}]`;
    else if (typeof key === 'string' && /^[A-Za-z_$][\w$]*$/.test(key)) {
      path += path === '' ? key : `.${key}`;
    } else path += `[${JSON.stringify(key)}]`;
  }
  return path === '' ? '(catalog)' : path;
}

/** The issue in plain words, for the operator who wrote the catalog. */
function messageOf(issue: v.BaseIssue<unknown>): string {
  if (issue.type === 'strict_object' && issue.expected === 'never') return 'is not a known field';
  if (issue.kind === 'schema' && issue.received === 'undefined') return 'is missing';
  return issue.message;
}

/** Validates a catalog; throws an Error naming each bad field ("products[2].amount.max: must be at least amount.min"). */
export function parseCatalog(json: unknown): Catalog {
  const result = v.safeParse(CatalogSchema, json);
  if (result.success) return result.output;
  throw new Error(result.issues.map((issue) => `${pathOf(issue)}: ${messageOf(issue)}`).join('\n'));
}

/** What a borrower chose within a product. */
export interface ProductChoice {
  principal: number;
  months: number;
  method: RepaymentMethod;
}

/** The loan terms of a choice within a product; throws a RangeError naming the field the product does not allow. */
export function loanTermsFor(product: Product, choice: ProductChoice): LoanTerms {
  const { min, max, step } = product.amount;
  const { principal, months, method } = choice;
  if (!Number.isSafeInteger(principal) || principal < min || principal > max) {
    throw new RangeError(`principal must be from ${min} to ${max} minor units, got ${principal}`);
  }
  if ((principal - min) % step !== 0) {
    throw new RangeError(
      `principal must be ${min} plus a whole number of ${step} steps, got ${principal}`,
    );
  }
  if (!product.terms.includes(months)) {
    throw new RangeError(`months must be one of ${product.terms.join(', ')}, got ${months}`);
  }
  if (!product.methods.includes(method)) {
    throw new RangeError(`method must be one of ${product.methods.join(', ')}, got ${method}`);
  }
  return {
    principal,
    annualRatePercent: product.annualRatePercent,
    months,
    method,
    upfrontFee: product.upfrontFee,
    monthlyFee: product.monthlyFee,
  };
}
