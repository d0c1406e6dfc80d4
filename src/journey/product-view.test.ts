import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSchedule, parseCatalog } from '../loan';
import { factsOf, prepareFacts } from './product-view';

const catalogJson: unknown = JSON.parse(
  readFileSync(new URL('../loan/catalog/products.json', import.meta.url), 'utf8'),
);

/** A fresh copy of the sample catalog's products: the facts are remembered per product. */
const freshProducts = () => parseCatalog(catalogJson).products;

describe('factsOf and prepareFacts', () => {
  it('gives the rate range over every term at the smallest and largest amounts', () => {
    for (const p of freshProducts()) {
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
      expect(factsOf(p).rateRange).toEqual({ low: Math.min(...rates), high: Math.max(...rates) });
    }
  });

  it('prepares a product a term per pause, and factsOf then gives the same facts', async () => {
    const prepared = freshProducts();
    const plain = freshProducts();
    for (const [i, p] of prepared.entries()) {
      let pauses = 0;
      await prepareFacts(p, async () => {
        pauses += 1;
      });
      expect(pauses).toBe(p.terms.length);
      const { text: _preparedText, ...preparedFacts } = factsOf(p);
      const { text: _plainText, ...plainFacts } = factsOf(plain[i] as (typeof plain)[number]);
      expect(preparedFacts).toEqual(plainFacts);
    }
  });
});
