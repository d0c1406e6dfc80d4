import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseCatalog } from '../loan';
import { rateRangeOf } from '../loan/rate-range';
import { factsOf, rememberRateRanges } from './product-view';

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
