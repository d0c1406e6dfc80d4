import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Product, parseCatalog } from '../loan';
import { figuresFor } from '../loan/application';
import { catalogAnswer, rateRangeOf, splitCatalogAnswer } from '../loan/rate-range';
import {
  disclosedRate,
  factsOf,
  instalmentFits,
  largestAffordable,
  offerFigures,
  rememberRateRanges,
  scheduleFor,
} from './product-view';

const catalogJson: unknown = JSON.parse(
  readFileSync(new URL('../loan/catalog/products.json', import.meta.url), 'utf8'),
);

/** A fresh copy of the sample catalog: the facts are remembered per product. */
const freshCatalog = () => parseCatalog(catalogJson);

describe('factsOf', () => {
  it('gives the rate range the server sent with the catalog (not one it works out)', () => {
    const catalog = freshCatalog();
    // Ranges no product could have, to tell them from worked-out ones.
    const sent = new Map(catalog.products.map((p, i) => [p.id, { low: i + 0.5, high: i + 0.75 }]));
    rememberRateRanges(catalog, sent);
    for (const p of catalog.products) expect(factsOf(p).rateRange).toEqual(sent.get(p.id));
  });

  it('works out the rate range of a product the answer gave none for', () => {
    const catalog = freshCatalog();
    const [first, ...others] = catalog.products;
    if (!first) throw new Error('the sample catalog has products');
    rememberRateRanges(catalog, new Map([[first.id, { low: 1, high: 2 }]]));
    expect(factsOf(first).rateRange).toEqual({ low: 1, high: 2 });
    expect(others.length).toBeGreaterThan(0);
    for (const p of others) expect(factsOf(p).rateRange).toEqual(rateRangeOf(p));
  });

  it('works out every rate range when the answer had none', () => {
    const catalog = freshCatalog();
    rememberRateRanges(catalog, new Map());
    for (const p of catalog.products) expect(factsOf(p).rateRange).toEqual(rateRangeOf(p));
  });
});

// Products as a lender might write them: any step count up to a few dozen, any terms and
// methods, fees or none, on either basis; passed through the catalog's own schema.
const productArb: fc.Arbitrary<Product> = fc
  .record({
    minSteps: fc.integer({ min: 1, max: 40 }),
    steps: fc.integer({ min: 0, max: 40 }),
    step: fc.constantFrom(100, 5_000, 50_000, 100_000),
    terms: fc.uniqueArray(fc.integer({ min: 1, max: 36 }), { minLength: 1, maxLength: 4 }),
    hundredths: fc.integer({ min: 0, max: 3_600 }),
    upfrontTenths: fc.integer({ min: 0, max: 3 }),
    monthlyFee: fc.constantFrom(0, 0, 100, 2_000),
    methods: fc.constantFrom(
      ['annuity'],
      ['equal-principal'],
      ['annuity', 'equal-principal'],
      ['equal-principal', 'annuity'],
    ),
    basis: fc.constantFrom('nominal', 'effective'),
  })
  .map((x) => {
    const text = { en: 'A loan', 'zh-CN': '贷款' };
    const min = x.minSteps * x.step;
    const [product] = parseCatalog({
      products: [
        {
          id: 'any',
          name: text,
          whoFor: text,
          summary: text,
          currency: 'CNY',
          amount: { min, max: min + x.steps * x.step, step: x.step },
          terms: [...x.terms].sort((a, b) => a - b),
          annualRatePercent: x.hundredths / 100,
          upfrontFee: Math.floor((min * x.upfrontTenths) / 10),
          monthlyFee: x.monthlyFee,
          methods: x.methods,
          disclosedRateBasis: x.basis,
          eligibility: { minAge: 18, maxAge: 70, needsBusiness: false },
          review: {
            fourEyesAbove: min,
            offerValidDays: 14,
            affordableShare: 0.4,
            teachBackAttempts: 2,
          },
        },
      ],
    }).products;
    if (!product) throw new Error('the catalog has its product');
    return product;
  });

describe('the rate range on Which loan', () => {
  it('holds the rate What you will repay discloses for any amount, term and method (fast-check)', () => {
    fc.assert(
      fc.property(
        productArb,
        fc.nat(),
        fc.nat(),
        fc.nat(),
        (product, amountPick, termPick, methodPick) => {
          // As the app works it out, and as the server sends it through JSON.
          const catalog = { products: [product] };
          const facts = factsOf(product);
          const sent = splitCatalogAnswer(JSON.parse(JSON.stringify(catalogAnswer(catalog))));
          expect(sent.rateRanges.get(product.id)).toEqual(facts.rateRange);
          const steps = (product.amount.max - product.amount.min) / product.amount.step;
          const amount = product.amount.min + (amountPick % (steps + 1)) * product.amount.step;
          const months = product.terms[termPick % product.terms.length] ?? 1;
          const method = product.methods[methodPick % product.methods.length] ?? 'annuity';
          const rate = disclosedRate(facts, scheduleFor(facts, amount, months, method));
          expect(rate).toBeGreaterThanOrEqual(facts.rateRange.low);
          expect(rate).toBeLessThanOrEqual(facts.rateRange.high);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('affordability on the journey', () => {
  it("judges the instalment by the product's own affordable share, not a fixed one", () => {
    const [sample] = freshCatalog().products;
    if (!sample) throw new Error('the sample catalog has products');
    const product: Product = { ...sample, review: { ...sample.review, affordableShare: 0.6 } };
    const facts = factsOf(product);
    const months = product.terms[0] ?? 12;
    const method = product.methods[0] ?? 'annuity';
    const payment = scheduleFor(facts, product.amount.max, months, method).instalments[0]?.payment;
    if (payment === undefined) throw new Error('a schedule has instalments');
    // Half the income: within 60% of it, beyond the usual 40%.
    const finances = { monthlyIncome: payment * 2, existingRepayments: 0 };
    expect(instalmentFits(facts, product.amount.max, months, method, finances)).toBe(true);
    expect(largestAffordable(facts, months, method, finances)).toBe(product.amount.max);
    const strict: Product = { ...sample, review: { ...sample.review, affordableShare: 0.4 } };
    expect(instalmentFits(factsOf(strict), product.amount.max, months, method, finances)).toBe(
      false,
    );
  });
});

describe("an offer's figures", () => {
  it("are the loan engine's for any terms a product allows (fast-check)", () => {
    fc.assert(
      fc.property(
        productArb,
        fc.nat(),
        fc.nat(),
        fc.nat(),
        (product, amountPick, termPick, methodPick) => {
          const steps = (product.amount.max - product.amount.min) / product.amount.step;
          const amount = product.amount.min + (amountPick % (steps + 1)) * product.amount.step;
          const months = product.terms[termPick % product.terms.length] ?? 1;
          const method = product.methods[methodPick % product.methods.length] ?? 'annuity';
          const shown = offerFigures(factsOf(product), { amount, months, method });
          const engine = figuresFor(product, { principal: amount, months, method });
          expect(shown?.firstPayment).toBe(engine.monthlyPayment);
          expect(shown?.totalPayable).toBe(engine.totalPayable);
          expect(shown?.annualRatePercent).toBe(engine.annualRatePercent);
          expect(shown?.payments).toBe(months);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('are not shown for a method the product does not have', () => {
    const product = freshCatalog().products.find((p) => p.methods.length === 1);
    if (!product) throw new Error('the sample catalog has a product with one method');
    const other = product.methods[0] === 'annuity' ? 'equal-principal' : 'annuity';
    const terms = { amount: product.amount.min, months: product.terms[0] ?? 12, method: other };
    expect(offerFigures(factsOf(product), terms)).toBeNull();
  });
});
