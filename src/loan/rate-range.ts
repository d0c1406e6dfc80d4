// A product's rate range: the lowest and highest annual rate, fees included, over its amounts
// and terms, as Choose a loan shows it. The server works it out once per catalog and sends it
// with the products, so an old tablet need not build the dozens of schedules it takes; the
// app works it out itself only when an answer lacks it.
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

/** The product's rate range over every term, at its smallest and largest amounts (the fees
 *  weigh most on the smallest loan, least on the largest), with its first repayment method. */
export function rateRangeOf(p: Product): RateRange {
  const rates = p.terms.flatMap((months) =>
    [p.amount.min, p.amount.max].map((principal) =>
      disclosedRate(
        buildSchedule({
          principal,
          annualRatePercent: p.annualRatePercent,
          months,
          method: p.methods[0] ?? 'annuity',
          upfrontFee: p.upfrontFee,
          monthlyFee: p.monthlyFee,
        }),
        p.disclosedRateBasis,
      ),
    ),
  );
  return { low: Math.min(...rates), high: Math.max(...rates) };
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
