import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSchedule, parseCatalog } from './index';
import { catalogAnswer, disclosedRate, rateRangeOf, splitCatalogAnswer } from './rate-range';

const catalog = parseCatalog(
  JSON.parse(readFileSync(new URL('./catalog/products.json', import.meta.url), 'utf8')),
);

describe('rateRangeOf', () => {
  /** Every disclosed rate a borrower can reach on the product, with where it is reached. */
  const everyRate = (p: (typeof catalog.products)[number]) =>
    p.methods.flatMap((method) =>
      p.terms.flatMap((months) =>
        Array.from({ length: (p.amount.max - p.amount.min) / p.amount.step + 1 }, (_, k) => {
          const principal = p.amount.min + k * p.amount.step;
          const schedule = buildSchedule({
            principal,
            annualRatePercent: p.annualRatePercent,
            months,
            method,
            upfrontFee: p.upfrontFee,
            monthlyFee: p.monthlyFee,
          });
          return { principal, months, method, rate: disclosedRate(schedule, p.disclosedRateBasis) };
        }),
      ),
    );

  it('bounds every rate of every amount step, term and method, and is reached by one of them', () => {
    for (const p of catalog.products) {
      const { low, high } = rateRangeOf(p);
      const rates = everyRate(p).map((r) => r.rate);
      for (const rate of rates) {
        expect(rate).toBeGreaterThanOrEqual(low);
        expect(rate).toBeLessThanOrEqual(high);
      }
      expect(rates).toContain(low);
      expect(rates).toContain(high);
    }
  });

  it('finds a highest rate on the second repayment method and a lowest between the end amounts', () => {
    const byId = new Map(catalog.products.map((p) => [p.id, p]));
    const shop = byId.get('shop-working-capital');
    const farm = byId.get('farm-season');
    if (!shop || !farm) throw new Error('the sample catalog has the shop and farm loans');
    const shopHigh = everyRate(shop).find((r) => r.rate === rateRangeOf(shop).high);
    expect(shopHigh?.method).toBe('equal-principal');
    expect(shop.methods[0]).toBe('annuity');
    const farmLow = everyRate(farm).find((r) => r.rate === rateRangeOf(farm).low);
    expect(farmLow?.principal).toBeGreaterThan(farm.amount.min);
    expect(farmLow?.principal).toBeLessThan(farm.amount.max);
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
