import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSchedule, parseCatalog } from './index';
import { catalogAnswer, disclosedRate, rateRangeOf, splitCatalogAnswer } from './rate-range';

const catalog = parseCatalog(
  JSON.parse(readFileSync(new URL('./catalog/products.json', import.meta.url), 'utf8')),
);

describe('rateRangeOf', () => {
  it('is the lowest and highest disclosed rate over every term at the smallest and largest amounts', () => {
    for (const p of catalog.products) {
      const rates = p.terms.flatMap((months) =>
        [p.amount.min, p.amount.max].map((principal) => {
          const { apr } = buildSchedule({
            principal,
            annualRatePercent: p.annualRatePercent,
            months,
            method: p.methods[0] ?? 'annuity',
            upfrontFee: p.upfrontFee,
            monthlyFee: p.monthlyFee,
          });
          return p.disclosedRateBasis === 'effective' ? apr.effectivePercent : apr.nominalPercent;
        }),
      );
      expect(rateRangeOf(p)).toEqual({ low: Math.min(...rates), high: Math.max(...rates) });
    }
  });

  it('is a range where fees weigh more on a small loan than on a large one', () => {
    const withFees = catalog.products.filter((p) => p.upfrontFee > 0);
    expect(withFees.length).toBeGreaterThan(0);
    for (const p of withFees) {
      const { low, high } = rateRangeOf(p);
      expect(high - low).toBeGreaterThan(0.1);
      expect(low).toBeGreaterThanOrEqual(p.annualRatePercent - 0.01);
    }
  });

  it('reads the disclosed basis of a schedule', () => {
    const schedule = buildSchedule({
      principal: 1_000_000,
      annualRatePercent: 12,
      months: 12,
      method: 'annuity',
      upfrontFee: 0,
      monthlyFee: 0,
    });
    expect(disclosedRate(schedule, 'nominal')).toBe(schedule.apr.nominalPercent);
    expect(disclosedRate(schedule, 'effective')).toBe(schedule.apr.effectivePercent);
    expect(schedule.apr.effectivePercent).toBeGreaterThan(schedule.apr.nominalPercent);
  });
});

describe('catalogAnswer and splitCatalogAnswer', () => {
  it("answers the catalog with each product's rate range by id, and takes it apart again", () => {
    const answer = catalogAnswer(catalog);
    expect(Object.keys(answer.rateRanges)).toEqual(catalog.products.map((p) => p.id));
    for (const p of catalog.products) expect(answer.rateRanges[p.id]).toEqual(rateRangeOf(p));
    // As the app receives it: through JSON.
    const parts = splitCatalogAnswer(JSON.parse(JSON.stringify(answer)));
    expect(parseCatalog(parts.catalog)).toEqual(catalog);
    expect(Object.fromEntries(parts.rateRanges)).toEqual(answer.rateRanges);
  });

  it('gives no ranges for an answer without them, and the answer as the catalog', () => {
    const plain = JSON.parse(JSON.stringify(catalog));
    const parts = splitCatalogAnswer(plain);
    expect(parts.catalog).toBe(plain);
    expect(parts.rateRanges.size).toBe(0);
    expect(splitCatalogAnswer(null)).toEqual({ catalog: null, rateRanges: new Map() });
  });

  it('gives no ranges when they are not as the server writes them, and still the catalog', () => {
    const bad = [
      { a: { low: 9, high: 8 } },
      { a: { low: '8', high: 9 } },
      { a: { low: null, high: 9 } },
      { a: { low: -1, high: 9 } },
      { a: { low: 8 } },
      [{ low: 8, high: 9 }],
      'ranges',
    ];
    for (const rateRanges of bad) {
      const parts = splitCatalogAnswer({ products: [], rateRanges });
      expect(parts.rateRanges.size).toBe(0);
      expect(parts.catalog).toEqual({ products: [] });
    }
  });
});
