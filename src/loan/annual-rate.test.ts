import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monthlyIrr } from './annual-rate';
import { annualRate } from './index';

/** Σ p_k / (1+i)^k − advance: positive below the true rate, negative above it. */
function npv(advance: number, payments: readonly number[], i: number): number {
  let sum = 0;
  let factor = 1;
  for (const p of payments) {
    factor /= 1 + i;
    sum += p * factor;
  }
  return sum - advance;
}

const paymentsArb = fc.array(fc.integer({ min: 0, max: 10_000_000 }), {
  minLength: 1,
  maxLength: 600,
});

describe('annualRate', () => {
  it('is within 1e-5 percentage points of the true rate (the root is bracketed)', () => {
    fc.assert(
      fc.property(paymentsArb, fc.double({ min: 0.01, max: 1, noNaN: true }), (payments, share) => {
        const total = payments.reduce((a, b) => a + b, 0);
        fc.pre(total > 0);
        const advance = Math.max(1, Math.floor(total * share));
        const i = monthlyIrr(advance, payments);
        // 1e-5 pp on the nominal basis is 1e-5 / 1200 a month.
        const delta = 1e-5 / 1200;
        if (i > delta) expect(npv(advance, payments, i - delta)).toBeGreaterThan(0);
        expect(npv(advance, payments, i + delta)).toBeLessThan(0);
      }),
      { numRuns: 3000 },
    );
  });

  it('gives both bases from the same monthly rate', () => {
    fc.assert(
      fc.property(paymentsArb, fc.double({ min: 0.05, max: 1, noNaN: true }), (payments, share) => {
        const total = payments.reduce((a, b) => a + b, 0);
        fc.pre(total > 0);
        const { nominalPercent, effectivePercent } = annualRate(
          Math.max(1, Math.floor(total * share)),
          payments,
        );
        const i = nominalPercent / 1200;
        const expected = ((1 + i) ** 12 - 1) * 100;
        expect(Math.abs(effectivePercent - expected)).toBeLessThanOrEqual(1e-9 + expected * 1e-12);
        expect(effectivePercent).toBeGreaterThanOrEqual(nominalPercent);
      }),
      { numRuns: 1000 },
    );
  });

  it('is exactly zero when the payments only return the advance', () => {
    expect(annualRate(1200, [100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100])).toEqual({
      nominalPercent: 0,
      effectivePercent: 0,
    });
  });

  it('matches closed forms: one payment, and a level annuity', () => {
    // 125 a month after 100: i = 25% a month.
    expect(annualRate(100, [125]).nominalPercent).toBeCloseTo(300, 9);
    // 12,155.06 after 12 months for 10,000: (1+i)^12 = 1.215506…, about 1.64% a month.
    const i = monthlyIrr(1_000_000, [...Array(11).fill(0), 1_215_506]);
    expect(i).toBeCloseTo(1.215506 ** (1 / 12) - 1, 12);
    // 10% a year nominal: the payment on 1,000,000 over 24 months is 46,144.93.
    const r = 0.1 / 12;
    const payment = (1_000_000 * r) / (1 - (1 + r) ** -24);
    expect(annualRate(1_000_000, Array(24).fill(payment)).nominalPercent).toBeCloseTo(10, 9);
  });

  it('copes with extreme but valid rates: a payday loan and a near-zero margin', () => {
    // 1,000 back for 100 after one month: 900% a month.
    expect(annualRate(100, [1000]).nominalPercent).toBeCloseTo(10_800, 6);
    // One fen of interest on ¥1,000,000 over 30 years.
    const payments = Array(360).fill(0);
    payments[359] = 100_000_001;
    const { nominalPercent } = annualRate(100_000_000, payments);
    expect(nominalPercent).toBeGreaterThan(0);
    expect(nominalPercent).toBeCloseTo((1200 * Math.log1p(1e-8)) / 360, 12);
  });

  describe('RangeErrors, each naming its field', () => {
    const cases: [string, number, number[], RegExp][] = [
      ['empty payments', 100, [], /^payments/],
      ['zero advance', 0, [100], /^advance/],
      ['negative advance', -100, [100], /^advance/],
      ['NaN advance', Number.NaN, [100], /^advance/],
      ['infinite advance', Number.POSITIVE_INFINITY, [100], /^advance/],
      ['negative payment', 100, [200, -1], /^payments\[1\]/],
      ['NaN payment', 100, [Number.NaN], /^payments\[0\]/],
      ['payments below the advance (a negative rate)', 100, [50, 49], /^payments sum/],
    ];
    for (const [name, advance, payments, message] of cases) {
      it(name, () => {
        expect(() => annualRate(advance, payments)).toThrow(RangeError);
        expect(() => annualRate(advance, payments)).toThrow(message);
      });
    }
  });
});
