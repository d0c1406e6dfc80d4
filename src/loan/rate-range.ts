// A product's rate range: the lowest and highest annual rate, fees included, over its amounts,
// terms and repayment methods, as Choose a loan shows it. The server works it out once per
// catalog and sends it with the products, so an old tablet need not build the hundreds of
// schedules it takes; the app works it out itself only when an answer lacks it.
import * as v from 'valibot';
import type { Catalog, Product, RateBasis } from './product';
import { buildSchedule } from './schedule';
import type { Schedule } from './types';

/** The lowest and highest annual rate including all fees, on the product's disclosed basis. */
export interface RateRange {
  low: number;
  high: number;
}

/** The annual rate including all fees of a schedule, on the basis the lender discloses. */
export function disclosedRate(schedule: Schedule, basis: RateBasis): number {
  return basis === 'effective' ? schedule.apr.effectivePercent : schedule.apr.nominalPercent;
}

/** The product's rate range: the lowest and highest disclosed rate over every amount step,
 *  term and repayment method it offers. Each payment is rounded to the fen, which moves the
 *  rate a little from one amount to the next, so the lowest and highest can sit at any step
 *  and every step is worked out (the catalog bounds how many a product has). */
export function rateRangeOf(p: Product): RateRange {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const method of p.methods) {
    for (const months of p.terms) {
      for (let principal = p.amount.min; principal <= p.amount.max; principal += p.amount.step) {
        const rate = disclosedRate(
          buildSchedule({
            principal,
            annualRatePercent: p.annualRatePercent,
            months,
            method,
            upfrontFee: p.upfrontFee,
            monthlyFee: p.monthlyFee,
          }),
          p.disclosedRateBasis,
        );
        if (rate < low) low = rate;
        if (rate > high) high = rate;
      }
    }
  }
  return { low, high };
}

/** The catalog as the server answers GET /api/products: the products, and each product's
 *  rate range by its id. */
export interface CatalogAnswer extends Catalog {
  rateRanges: Record<string, RateRange>;
}

/** The answer to GET /api/products for a validated catalog. */
export function catalogAnswer(catalog: Catalog): CatalogAnswer {
  return {
    ...catalog,
    rateRanges: Object.fromEntries(catalog.products.map((p) => [p.id, rateRangeOf(p)])),
  };
}

const rate = v.pipe(v.number(), v.finite(), v.minValue(0));

const RateRangesSchema = v.record(
  v.string(),
  v.pipe(
    v.object({ low: rate, high: rate }),
    v.check((r) => r.low <= r.high),
  ),
);

/** An answer to GET /api/products taken apart: the catalog, still to be validated with
 *  parseCatalog, and the rate ranges by product id (none when they are missing or not as the
 *  server writes them: the app then works them out itself). */
export function splitCatalogAnswer(answer: unknown): {
  catalog: unknown;
  rateRanges: ReadonlyMap<string, RateRange>;
} {
  if (typeof answer !== 'object' || answer === null || !('rateRanges' in answer)) {
    return { catalog: answer, rateRanges: new Map() };
  }
  const { rateRanges, ...catalog } = answer;
  const result = Array.isArray(rateRanges)
    ? { success: false as const }
    : v.safeParse(RateRangesSchema, rateRanges);
  return {
    catalog,
    rateRanges: new Map(
      result.success
        ? Object.entries(result.output).map(([id, { low, high }]) => [id, { low, high }] as const)
        : [],
    ),
  };
}
