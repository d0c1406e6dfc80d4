import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSchedule } from './index';
import { type Catalog, LANGUAGES, loanTermsFor, type Product, parseCatalog } from './product';

const sample: unknown = JSON.parse(
  readFileSync(new URL('./catalog/products.json', import.meta.url), 'utf8'),
);

/** A deep copy of the sample catalog with one change made to it. */
function changed(change: (catalog: { products: Record<string, unknown>[] }) => void): unknown {
  const copy = structuredClone(sample) as { products: Record<string, unknown>[] };
  change(copy);
  return copy;
}

/** The message parseCatalog throws for the input. */
function errorOf(input: unknown): string {
  try {
    parseCatalog(input);
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error('parseCatalog accepted it');
}

describe('the sample catalog', () => {
  const catalog: Catalog = parseCatalog(sample);

  it('validates and holds the five products the journey describes', () => {
    expect(catalog.products.map((p) => p.id)).toEqual([
      'shop-working-capital',
      'home-repair',
      'farm-season',
      'disaster-rebuild',
      'emergency',
    ]);
  });

  it('is written in every language, in yuan, with at least one product offering both methods', () => {
    for (const p of catalog.products) {
      for (const language of LANGUAGES) {
        expect(p.name[language]).not.toBe('');
        expect(p.whoFor[language]).not.toBe('');
        expect(p.summary[language]).not.toBe('');
      }
      expect(p.currency).toBe('CNY');
    }
    expect(catalog.products.some((p) => p.methods.length === 2)).toBe(true);
    expect(catalog.products.some((p) => p.upfrontFee > 0 || p.monthlyFee > 0)).toBe(true);
  });

  it('gives a schedule for every amount edge, term and method it offers', () => {
    for (const p of catalog.products) {
      for (const months of p.terms) {
        for (const method of p.methods) {
          for (const principal of [p.amount.min, p.amount.max]) {
            const s = buildSchedule(loanTermsFor(p, { principal, months, method }));
            expect(s.instalments).toHaveLength(months);
            // Sensible prices: no sample product costs more than 24% a year, fees included.
            expect(s.apr.effectivePercent).toBeLessThan(24);
          }
        }
      }
    }
  });
});

describe('parseCatalog errors name the field', () => {
  const cases: [string, (c: { products: Record<string, unknown>[] }) => void, RegExp][] = [
    [
      'amount.max below amount.min',
      (c) => {
        (c.products[2].amount as { max: number }).max = 100;
      },
      /^products\[2\]\.amount\.max: must be at least amount\.min/,
    ],
    [
      'a step that does not divide the range',
      (c) => {
        (c.products[0].amount as { step: number }).step = 70_000;
      },
      /^products\[0\]\.amount\.step: /,
    ],
    [
      'more amounts than a rate range is worked out over',
      (c) => {
        (c.products[0].amount as { step: number }).step = 4_500;
      },
      /^products\[0\]\.amount\.step: must allow at most 1000 amounts/,
    ],
    [
      'a fractional amount',
      (c) => {
        (c.products[1].amount as { min: number }).min = 2000.5;
      },
      /^products\[1\]\.amount\.min: must be a whole number/,
    ],
    [
      'a missing Chinese name',
      (c) => {
        delete (c.products[3].name as Record<string, string>)['zh-CN'];
      },
      /^products\[3\]\.name\["zh-CN"\]: is missing/,
    ],
    [
      'an empty summary',
      (c) => {
        (c.products[4].summary as Record<string, string>).en = '   ';
      },
      /^products\[4\]\.summary\.en: must not be empty/,
    ],
    [
      'a term of 0 months',
      (c) => {
        c.products[1].terms = [0, 12];
      },
      /^products\[1\]\.terms\[0\]: must be at least 1 month/,
    ],
    [
      'a term over 600 months',
      (c) => {
        c.products[1].terms = [12, 601];
      },
      /^products\[1\]\.terms\[1\]: must be at most 600 months/,
    ],
    [
      'terms out of order',
      (c) => {
        c.products[0].terms = [12, 6];
      },
      /^products\[0\]\.terms\[1\]: must be longer than the term before it/,
    ],
    [
      'no methods',
      (c) => {
        c.products[0].methods = [];
      },
      /^products\[0\]\.methods: must offer at least one repayment method/,
    ],
    [
      'an unknown method',
      (c) => {
        c.products[0].methods = ['annuity', 'bullet'];
      },
      /^products\[0\]\.methods\[1\]: must be 'annuity' or 'equal-principal'/,
    ],
    [
      'a rate given as basis points by mistake',
      (c) => {
        c.products[2].annualRatePercent = 435;
      },
      /^products\[2\]\.annualRatePercent: must be at most 36/,
    ],
    [
      'an unknown rate basis',
      (c) => {
        c.products[2].disclosedRateBasis = 'apr';
      },
      /^products\[2\]\.disclosedRateBasis: /,
    ],
    [
      'a currency that is not ISO 4217',
      (c) => {
        c.products[0].currency = 'RMB';
      },
      /^products\[0\]\.currency: is not an ISO 4217 currency/,
    ],
    [
      'an upfront fee as large as the smallest loan',
      (c) => {
        c.products[1].upfrontFee = 200_000;
      },
      /^products\[1\]\.upfrontFee: must be less than amount\.min/,
    ],
    [
      'a negative monthly fee',
      (c) => {
        c.products[4].monthlyFee = -5;
      },
      /^products\[4\]\.monthlyFee: must be 0 or more/,
    ],
    [
      'maxAge below minAge',
      (c) => {
        (c.products[0].eligibility as { maxAge: number }).maxAge = 17;
      },
      /^products\[0\]\.eligibility\.maxAge: must be at least 18/,
    ],
    [
      'maxAge below minAge (both valid ages)',
      (c) => {
        (c.products[0].eligibility as { minAge: number }).minAge = 70;
      },
      /^products\[0\]\.eligibility\.maxAge: must be at least eligibility\.minAge/,
    ],
    [
      'needsBusiness as text',
      (c) => {
        (c.products[0].eligibility as Record<string, unknown>).needsBusiness = 'yes';
      },
      /^products\[0\]\.eligibility\.needsBusiness: must be true or false/,
    ],
    [
      'a misspelt field',
      (c) => {
        c.products[0].anualRatePercent = 5;
      },
      /^products\[0\]\.anualRatePercent: is not a known field/,
    ],
    [
      'a duplicate id',
      (c) => {
        c.products[4].id = 'home-repair';
      },
      /^products\[4\]\.id: is used by an earlier product/,
    ],
    [
      'an id with spaces',
      (c) => {
        c.products[0].id = 'Shop Loan';
      },
      /^products\[0\]\.id: must be lower-case words joined by hyphens/,
    ],
  ];
  for (const [name, change, message] of cases) {
    it(name, () => {
      expect(errorOf(changed(change))).toMatch(message);
    });
  }

  it('names the whole catalog or its list when they are wrong', () => {
    expect(errorOf(null)).toMatch(/^\(catalog\): /);
    expect(errorOf({ products: [] })).toMatch(/^products: must list at least one product/);
    expect(errorOf({})).toMatch(/^products: is missing/);
  });

  it('lists every bad field, one a line', () => {
    const message = errorOf(
      changed((c) => {
        c.products[0].monthlyFee = -1;
        c.products[3].terms = [];
      }),
    );
    expect(message.split('\n')).toEqual([
      'products[0].monthlyFee: must be 0 or more',
      'products[3].terms: must offer at least one term',
    ]);
  });

  it('throws a plain Error', () => {
    expect(() => parseCatalog({})).toThrow(Error);
  });
});

describe('loanTermsFor', () => {
  const product = (parseCatalog(sample) as Catalog).products[0] as Product;

  it('makes loan terms with the product’s rate and fees', () => {
    expect(
      loanTermsFor(product, { principal: 1_200_000, months: 12, method: 'equal-principal' }),
    ).toEqual({
      principal: 1_200_000,
      annualRatePercent: product.annualRatePercent,
      months: 12,
      method: 'equal-principal',
      upfrontFee: product.upfrontFee,
      monthlyFee: product.monthlyFee,
    });
  });

  it('refuses what the product does not offer, naming the field', () => {
    const choice = { principal: 1_200_000, months: 12, method: 'annuity' as const };
    expect(() => loanTermsFor(product, { ...choice, principal: 100 })).toThrow(/^principal/);
    expect(() => loanTermsFor(product, { ...choice, principal: 1_250_000 })).toThrow(/^principal/);
    expect(() => loanTermsFor(product, { ...choice, principal: 99_000_000 })).toThrow(RangeError);
    expect(() => loanTermsFor(product, { ...choice, months: 7 })).toThrow(/^months/);
    const annuityOnly = { ...product, methods: ['annuity' as const] };
    expect(() => loanTermsFor(annuityOnly, { ...choice, method: 'equal-principal' })).toThrow(
      /^method/,
    );
  });
});
