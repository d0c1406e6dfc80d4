import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  affordableInstalment,
  type Finances,
  instalmentFits,
  largestAffordableAmount,
  largestInstalment,
  type PricedProduct,
  scheduleFits,
} from './affordability';
import { buildSchedule, type RepaymentMethod } from './index';

const shop: PricedProduct = {
  amount: { min: 500_000, max: 5_000_000, step: 100_000 },
  annualRatePercent: 7.8,
  upfrontFee: 0,
  monthlyFee: 200,
};

const scheduleOf = (p: PricedProduct, principal: number, months: number, method: RepaymentMethod) =>
  buildSchedule({
    principal,
    annualRatePercent: p.annualRatePercent,
    months,
    method,
    upfrontFee: p.upfrontFee,
    monthlyFee: p.monthlyFee,
  });

describe('affordableInstalment', () => {
  it('allows 40% of income less what is already repaid', () => {
    // ¥5,000 a month, ¥800 already going to another loan: ¥2,000 − ¥800 = ¥1,200.
    expect(affordableInstalment({ monthlyIncome: 500_000, existingRepayments: 80_000 })).toBe(
      120_000,
    );
  });

  it('takes another share when the lender sets one', () => {
    expect(
      affordableInstalment({ monthlyIncome: 500_000, existingRepayments: 0, share: 0.3 }),
    ).toBe(150_000);
    expect(affordableInstalment({ monthlyIncome: 500_000, existingRepayments: 0, share: 1 })).toBe(
      500_000,
    );
  });

  it('rounds the share of income down exactly, where binary floating point would not', () => {
    // 100 × 0.57 is 56.99999999999999 as a double.
    expect(affordableInstalment({ monthlyIncome: 100, existingRepayments: 0, share: 0.57 })).toBe(
      57,
    );
    expect(affordableInstalment({ monthlyIncome: 180, existingRepayments: 0, share: 0.35 })).toBe(
      63,
    );
    expect(affordableInstalment({ monthlyIncome: 101, existingRepayments: 0, share: 0.4 })).toBe(
      40,
    );
  });

  it('is 0, never negative, when existing repayments already take the share', () => {
    expect(affordableInstalment({ monthlyIncome: 300_000, existingRepayments: 200_000 })).toBe(0);
    expect(affordableInstalment({ monthlyIncome: 0, existingRepayments: 0 })).toBe(0);
  });

  it('throws a RangeError naming a bad figure', () => {
    const good: Finances = { monthlyIncome: 500_000, existingRepayments: 0 };
    expect(() => affordableInstalment({ ...good, monthlyIncome: -1 })).toThrow(/^monthlyIncome/);
    expect(() => affordableInstalment({ ...good, monthlyIncome: 1.5 })).toThrow(/^monthlyIncome/);
    expect(() => affordableInstalment({ ...good, existingRepayments: -1 })).toThrow(
      /^existingRepayments/,
    );
    expect(() => affordableInstalment({ ...good, share: 0 })).toThrow(/^share/);
    expect(() => affordableInstalment({ ...good, share: 1.2 })).toThrow(/^share/);
    expect(() => affordableInstalment({ ...good, share: Number.NaN })).toThrow(RangeError);
  });
});

describe('instalmentFits and scheduleFits', () => {
  const finances: Finances = { monthlyIncome: 500_000, existingRepayments: 80_000 };

  it('lets an instalment up to the limit through, and not one fen more', () => {
    expect(instalmentFits(120_000, finances)).toBe(true);
    expect(instalmentFits(120_001, finances)).toBe(false);
  });

  it('judges a schedule by its largest instalment: the first, for equal principal', () => {
    const s = scheduleOf(shop, 2_000_000, 18, 'equal-principal');
    expect(largestInstalment(s)).toBe(s.instalments[0].payment);
    expect(s.instalments[0].payment).toBeGreaterThan(s.instalments[17].payment);
    const justEnough = {
      monthlyIncome: s.instalments[0].payment * 10,
      existingRepayments: 0,
      share: 0.1,
    };
    expect(scheduleFits(s, justEnough)).toBe(true);
    expect(scheduleFits(s, { ...justEnough, existingRepayments: 1 })).toBe(false);
  });

  it('counts the larger last annuity payment that absorbs rounding', () => {
    // The EC example: 239 × 1432.86, then 1433.76.
    const s = buildSchedule({
      principal: 20_000_000,
      annualRatePercent: 6,
      months: 240,
      method: 'annuity',
    });
    expect(largestInstalment(s)).toBe(143_376);
    expect(scheduleFits(s, { monthlyIncome: 143_286, existingRepayments: 0, share: 1 })).toBe(
      false,
    );
  });
});

describe('largestAffordableAmount', () => {
  it('finds the largest amount on the step that fits, for a shopkeeper earning ¥6,000', () => {
    const finances: Finances = { monthlyIncome: 600_000, existingRepayments: 50_000 };
    const amount = largestAffordableAmount(shop, 12, 'annuity', finances);
    // ¥2,400 − ¥500 = ¥1,900 a month: ¥21,000 over 12 months costs ¥1,824.82 + ¥2 a month.
    expect(amount).toBe(2_100_000);
    expect(largestInstalment(scheduleOf(shop, 2_100_000, 12, 'annuity'))).toBeLessThanOrEqual(
      190_000,
    );
    expect(largestInstalment(scheduleOf(shop, 2_200_000, 12, 'annuity'))).toBeGreaterThan(190_000);
  });

  it('is lower with equal principal, whose first instalment is the largest', () => {
    // ¥1,840 a month: ¥21,000 fits as an annuity (¥1,826.82) but not as equal principal,
    // whose first instalment is ¥1,888.50.
    const finances: Finances = { monthlyIncome: 600_000, existingRepayments: 56_000 };
    const annuity = largestAffordableAmount(shop, 12, 'annuity', finances) as number;
    const equalPrincipal = largestAffordableAmount(shop, 12, 'equal-principal', finances) as number;
    expect(annuity).toBe(2_100_000);
    expect(equalPrincipal).toBe(2_000_000);
    const first = scheduleOf(shop, equalPrincipal, 12, 'equal-principal').instalments[0].payment;
    expect(first).toBeLessThanOrEqual(184_000);
  });

  it('is the product maximum when income allows more, and null when even the minimum does not fit', () => {
    expect(
      largestAffordableAmount(shop, 24, 'annuity', {
        monthlyIncome: 10_000_000,
        existingRepayments: 0,
      }),
    ).toBe(5_000_000);
    expect(
      largestAffordableAmount(shop, 6, 'annuity', {
        monthlyIncome: 100_000,
        existingRepayments: 0,
      }),
    ).toBeNull();
    expect(
      largestAffordableAmount(shop, 24, 'annuity', {
        monthlyIncome: 600_000,
        existingRepayments: 240_000,
      }),
    ).toBeNull();
  });

  it('throws a RangeError for a term or method that cannot be scheduled', () => {
    const finances: Finances = { monthlyIncome: 600_000, existingRepayments: 0 };
    expect(() => largestAffordableAmount(shop, 0, 'annuity', finances)).toThrow(/^months/);
    expect(() => largestAffordableAmount(shop, 12, 'bullet' as RepaymentMethod, finances)).toThrow(
      /^method/,
    );
  });

  const productArb = fc
    .record({
      min: fc.integer({ min: 1, max: 50 }),
      stepMinor: fc.constantFrom(1, 100, 5_000, 50_000, 100_000),
      steps: fc.integer({ min: 0, max: 60 }),
      hundredths: fc.integer({ min: 0, max: 3_600 }),
      monthlyFee: fc.integer({ min: 0, max: 2_000 }),
    })
    .map(
      (x): PricedProduct => ({
        amount: {
          min: x.min * x.stepMinor,
          max: (x.min + x.steps) * x.stepMinor,
          step: x.stepMinor,
        },
        annualRatePercent: x.hundredths / 100,
        upfrontFee: Math.floor((x.min * x.stepMinor) / 10),
        monthlyFee: x.monthlyFee,
      }),
    );
  const financesArb = fc.record({
    monthlyIncome: fc.integer({ min: 0, max: 5_000_000 }),
    existingRepayments: fc.integer({ min: 0, max: 1_000_000 }),
    share: fc.constantFrom(0.3, 0.35, 0.4, 0.5),
  });
  const methodArb = fc.constantFrom<RepaymentMethod>('annuity', 'equal-principal');

  it('returns an amount that fits, on the step, such that one step more does not (fast-check)', () => {
    fc.assert(
      fc.property(
        productArb,
        fc.integer({ min: 1, max: 60 }),
        methodArb,
        financesArb,
        (product, months, method, finances) => {
          const amount = largestAffordableAmount(product, months, method, finances);
          const { min, max, step } = product.amount;
          const fits = (a: number) =>
            scheduleFits(scheduleOf(product, a, months, method), finances);
          if (amount === null) return !fits(min);
          return (
            amount >= min &&
            amount <= max &&
            (amount - min) % step === 0 &&
            fits(amount) &&
            (amount + step > max || !fits(amount + step))
          );
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('is the largest of all amounts that fit, checked one by one (fast-check)', () => {
    fc.assert(
      fc.property(
        productArb,
        fc.integer({ min: 1, max: 36 }),
        methodArb,
        financesArb,
        (product, months, method, finances) => {
          const { min, max, step } = product.amount;
          let best: number | null = null;
          for (let a = min; a <= max; a += step) {
            if (scheduleFits(scheduleOf(product, a, months, method), finances)) best = a;
          }
          return largestAffordableAmount(product, months, method, finances) === best;
        },
      ),
      { numRuns: 500 },
    );
  });
});
