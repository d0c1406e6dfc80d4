import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { annualRate, buildSchedule, type LoanTerms, type RepaymentMethod } from './index';
import { annuityPayment, monthlyRate } from './schedule';

// Rates are drawn as whole hundredths of a percent, so the test can do its own exact
// arithmetic with monthly rate = hundredths / 120000, independently of the engine's reading
// of decimals.
const DEN = 120_000n;

/** round(n / d) half-up for non-negative bigints. */
const halfUp = (n: bigint, d: bigint): bigint => (2n * n + d) / (2n * d);

/** The contract's annuity payment, from the exact rational formula. */
function exactAnnuity(principal: number, hundredths: number, months: number): number {
  if (hundredths === 0) return Number(halfUp(BigInt(principal), BigInt(months)));
  const a = BigInt(hundredths);
  const grown = (a + DEN) ** BigInt(months);
  return Number(halfUp(BigInt(principal) * a * grown, DEN * (grown - DEN ** BigInt(months))));
}

const methodArb = fc.constantFrom<RepaymentMethod>('annuity', 'equal-principal');

/** Any valid loan, including absurd ones (¥0.01 over 50 years at 360%). */
const anyLoan = fc.record({
  principal: fc.integer({ min: 1, max: 10_000_000_000 }),
  hundredths: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 36_000 })),
  months: fc.integer({ min: 1, max: 600 }),
  method: methodArb,
  upfrontShare: fc.double({ min: 0, max: 0.99, noNaN: true }),
  monthlyFee: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 100_000 })),
});

/**
 * Loans a lender might make: at least ¥10 of principal a month, up to 60 months, up to
 * 36% a year. Here rounding can never repay the loan before the last row: the rounding
 * drift of the balance is at most Σ_{j<59} 1.03^j ≈ 157 minor units, under one month's
 * principal.
 */
const realisticLoan = fc
  .record({
    months: fc.integer({ min: 1, max: 60 }),
    hundredths: fc.integer({ min: 0, max: 3_600 }),
    method: methodArb,
    perMonth: fc.integer({ min: 1_000, max: 100_000_000 }),
    monthlyFee: fc.integer({ min: 0, max: 10_000 }),
  })
  .map((x) => ({ ...x, principal: x.perMonth * x.months }));

function termsOf(x: {
  principal: number;
  hundredths: number;
  months: number;
  method: RepaymentMethod;
  upfrontShare?: number;
  monthlyFee: number;
}): LoanTerms {
  return {
    principal: x.principal,
    annualRatePercent: x.hundredths / 100,
    months: x.months,
    method: x.method,
    upfrontFee: Math.floor(x.principal * (x.upfrontShare ?? 0)),
    monthlyFee: x.monthlyFee,
  };
}

describe('buildSchedule properties (fast-check)', () => {
  it('keeps the contract on every row of any valid loan', () => {
    fc.assert(
      fc.property(anyLoan, (x) => {
        const terms = termsOf(x);
        const s = buildSchedule(terms);
        const upfrontFee = terms.upfrontFee ?? 0;
        const rateNum = BigInt(x.hundredths);
        expect(s.instalments).toHaveLength(x.months);
        // One expect per loan, not per row: a row's first broken rule is reported.
        let broken: string | null = null;
        let balance = x.principal;
        let sumPrincipal = 0;
        let sumInterest = 0;
        let sumPayment = 0;
        s.instalments.forEach((row, i) => {
          const rules: [string, boolean][] = [
            ['all integers', Object.values(row).every(Number.isSafeInteger)],
            ['numbered from 1', row.number === i + 1],
            // Interest is the previous balance × monthly rate, half-up.
            ['interest', row.interest === Number(halfUp(BigInt(balance) * rateNum, DEN))],
            ['fee', row.fee === x.monthlyFee],
            [
              'payment = principal + interest + fee',
              row.payment === row.principal + row.interest + row.fee,
            ],
            ['principal ≥ 0, so the balance never rises', row.principal >= 0],
            ['balance never negative', row.balance >= 0],
            ['balance = previous − principal', row.balance === balance - row.principal],
          ];
          const failed = rules.find(([, ok]) => !ok);
          if (failed && broken === null) broken = `row ${i + 1}: ${failed[0]}`;
          balance = row.balance;
          sumPrincipal += row.principal;
          sumInterest += row.interest;
          sumPayment += row.payment;
        });
        expect(broken).toBeNull();
        expect(balance).toBe(0);
        expect(sumPrincipal).toBe(x.principal);
        expect(s.totalInterest).toBe(sumInterest);
        expect(s.totalPayable).toBe(sumPayment + upfrontFee);
        expect(s.totalFees).toBe(upfrontFee + x.monthlyFee * x.months);
        const payments = s.instalments.map((r) => r.payment);
        expect(s.apr).toEqual(annualRate(x.principal - upfrontFee, payments));
      }),
      { numRuns: 2000 },
    );
  });

  it('repays the level payment or quota on every row but the last, unless the loan is already repaid', () => {
    fc.assert(
      fc.property(anyLoan, (x) => {
        const s = buildSchedule(termsOf(x));
        const level =
          x.method === 'annuity'
            ? exactAnnuity(x.principal, x.hundredths, x.months)
            : Number(halfUp(BigInt(x.principal), BigInt(x.months)));
        let isRepaid = false;
        for (const row of s.instalments.slice(0, -1)) {
          if (isRepaid) {
            // Only a loan too small for its term gets here: nothing left but the fee.
            if (row.payment !== x.monthlyFee) return false;
            continue;
          }
          const repaid = x.method === 'annuity' ? level - row.interest : level;
          if (row.balance === 0 && row.principal < repaid) isRepaid = true;
          else if (row.principal !== repaid) return false;
        }
        return true;
      }),
      { numRuns: 2000 },
    );
  });

  it('gives equal annuity payments but the last, and equal principal but the last, on realistic loans', () => {
    fc.assert(
      fc.property(realisticLoan, (x) => {
        const s = buildSchedule(termsOf(x));
        const allButLast = s.instalments.slice(0, -1);
        if (x.method === 'annuity') {
          const level = exactAnnuity(x.principal, x.hundredths, x.months) + x.monthlyFee;
          return allButLast.every((row) => row.payment === level);
        }
        const quota = Number(halfUp(BigInt(x.principal), BigInt(x.months)));
        // Equal principal; the payments fall as the balance falls.
        return allButLast.every(
          (row, i) =>
            row.principal === quota && (i === 0 || row.payment <= allButLast[i - 1].payment),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it('computes the annuity payment exactly (fast path agrees with rational arithmetic)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000_000_000 }),
        fc.integer({ min: 0, max: 36_000 }),
        fc.integer({ min: 1, max: 600 }),
        (principal, hundredths, months) => {
          const rate = monthlyRate(hundredths / 100);
          expect(annuityPayment(principal, rate, months)).toBe(
            exactAnnuity(principal, hundredths, months),
          );
        },
      ),
      { numRuns: 5000 },
    );
  });

  it('never lowers the payment when more is borrowed (affordability relies on it)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000_000 }),
        fc.integer({ min: 0, max: 3_600 }),
        fc.integer({ min: 1, max: 600 }),
        (principal, hundredths, months) => {
          const rate = monthlyRate(hundredths / 100);
          expect(annuityPayment(principal + 1, rate, months)).toBeGreaterThanOrEqual(
            annuityPayment(principal, rate, months),
          );
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('has an annual rate equal to the contract rate when there are no fees, to 1e-4 pp', () => {
    fc.assert(
      fc.property(
        realisticLoan,
        fc.integer({ min: 100_000_000, max: 1_000_000_000_000 }),
        (x, principal) => {
          // Rounding each row to the minor unit moves the monthly rate by about 2 / principal,
          // so loans of ¥1,000,000 and more are used: 1200 × 2 / 1e8 = 2.4e-5 pp.
          const terms = { ...termsOf(x), principal, monthlyFee: 0 };
          const { apr } = buildSchedule(terms);
          expect(Math.abs(apr.nominalPercent - x.hundredths / 100)).toBeLessThan(1e-4);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe('buildSchedule rounding', () => {
  it('rounds a payment of exactly half a minor unit up, deciding it exactly', () => {
    // 100100 × 1.005 = 100600.5 exactly; the double estimate sits within noise of the half.
    const s = buildSchedule({
      principal: 100_100,
      annualRatePercent: 6,
      months: 1,
      method: 'annuity',
    });
    expect(s.instalments[0]).toMatchObject({ payment: 100_601, interest: 501, principal: 100_100 });
  });

  it('reads the rate as the decimal written: 4.35% is 435/120000 a month', () => {
    // 1,000,000 fen × 4.35 / 1200 = 3625 exactly; a binary reading of 4.35 gives 3624.999…
    const s = buildSchedule({
      principal: 1_000_000,
      annualRatePercent: 4.35,
      months: 12,
      method: 'equal-principal',
    });
    expect(s.instalments[0].interest).toBe(3625);
    // 0.6% a year is exactly 1/2000 a month.
    expect(monthlyRate(0.6)).toMatchObject({ num: 1n, den: 2000n });
  });

  it('splits a zero-rate loan into P/n, half-up, with the last row taking the rest', () => {
    const s = buildSchedule({
      principal: 1000,
      annualRatePercent: 0,
      months: 3,
      method: 'annuity',
    });
    expect(s.instalments.map((r) => r.payment)).toEqual([333, 333, 334]);
    expect(s.totalInterest).toBe(0);
    expect(s.apr).toEqual({ nominalPercent: 0, effectivePercent: 0 });
  });

  it('repays a loan too small for its term early rather than letting the balance go negative', () => {
    // 7 fen over 12 months: the quota 0.58 rounds to 1, which would repay 11 fen.
    const s = buildSchedule({
      principal: 7,
      annualRatePercent: 0,
      months: 12,
      method: 'equal-principal',
      monthlyFee: 5,
    });
    expect(s.instalments.map((r) => r.principal)).toEqual([1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0]);
    expect(s.instalments.map((r) => r.payment)).toEqual([6, 6, 6, 6, 6, 6, 6, 5, 5, 5, 5, 5]);
  });

  it('adds fees to the rows and the totals and counts them in the annual rate', () => {
    const s = buildSchedule({
      principal: 1_000_000,
      annualRatePercent: 6,
      months: 12,
      method: 'annuity',
      upfrontFee: 10_000,
      monthlyFee: 500,
    });
    const plain = buildSchedule({
      principal: 1_000_000,
      annualRatePercent: 6,
      months: 12,
      method: 'annuity',
    });
    expect(s.instalments.map((r) => r.payment - 500)).toEqual(
      plain.instalments.map((r) => r.payment),
    );
    expect(s.totalFees).toBe(10_000 + 12 * 500);
    expect(s.totalPayable).toBe(plain.totalPayable + s.totalFees);
    expect(s.totalInterest).toBe(plain.totalInterest);
    expect(s.apr.nominalPercent).toBeGreaterThan(plain.apr.nominalPercent + 2);
  });
});

describe('buildSchedule RangeErrors, each naming its field', () => {
  const good: LoanTerms = {
    principal: 100_000,
    annualRatePercent: 6,
    months: 12,
    method: 'annuity',
  };
  const cases: [string, Partial<LoanTerms> | Record<string, unknown>, RegExp][] = [
    ['zero principal', { principal: 0 }, /^principal/],
    ['negative principal', { principal: -100 }, /^principal/],
    ['fractional principal', { principal: 100.5 }, /^principal/],
    ['NaN principal', { principal: Number.NaN }, /^principal/],
    ['unsafe principal', { principal: 2 ** 53 }, /^principal/],
    ['months 0', { months: 0 }, /^months/],
    ['months 601', { months: 601 }, /^months/],
    ['fractional months', { months: 12.5 }, /^months/],
    ['negative rate', { annualRatePercent: -0.1 }, /^annualRatePercent/],
    ['NaN rate', { annualRatePercent: Number.NaN }, /^annualRatePercent/],
    ['infinite rate', { annualRatePercent: Number.POSITIVE_INFINITY }, /^annualRatePercent/],
    ['unknown method', { method: 'bullet' }, /^method/],
    ['negative upfront fee', { upfrontFee: -1 }, /^upfrontFee/],
    ['fractional upfront fee', { upfrontFee: 0.5 }, /^upfrontFee/],
    ['upfront fee leaving nothing to borrow', { upfrontFee: 100_000 }, /^upfrontFee/],
    ['negative monthly fee', { monthlyFee: -1 }, /^monthlyFee/],
    ['fractional monthly fee', { monthlyFee: 2.5 }, /^monthlyFee/],
  ];
  for (const [name, change, message] of cases) {
    it(name, () => {
      expect(() => buildSchedule({ ...good, ...change } as LoanTerms)).toThrow(RangeError);
      expect(() => buildSchedule({ ...good, ...change } as LoanTerms)).toThrow(message);
    });
  }

  it('refuses figures too large to compute exactly', () => {
    expect(() =>
      buildSchedule({ ...good, principal: Number.MAX_SAFE_INTEGER, annualRatePercent: 36 }),
    ).toThrow(RangeError);
    expect(() => buildSchedule({ ...good, annualRatePercent: 1e300 })).toThrow(RangeError);
  });

  it('accepts the edges: 1 minor unit, 1 and 600 months, a 0% rate', () => {
    expect(buildSchedule({ ...good, principal: 1 }).instalments).toHaveLength(12);
    expect(buildSchedule({ ...good, months: 1 }).instalments).toHaveLength(1);
    expect(buildSchedule({ ...good, months: 600 }).instalments).toHaveLength(600);
    expect(buildSchedule({ ...good, annualRatePercent: 0 }).totalInterest).toBe(0);
  });
});
