import { signal } from '@preact/signals';
import { useEffect } from 'preact/hooks';
import { type Catalog, type Product, parseCatalog } from '../loan';
import { splitCatalogAnswer } from '../loan/rate-range';
import { fetchProducts } from '../sync/api';
import { rememberRateRanges } from './product-view';

/** The loan catalog as the app knows it. */
export type CatalogState =
  | { status: 'loading' }
  | { status: 'ready'; catalog: Catalog }
  | { status: 'error' };

/** The catalog, loaded once per visit (the service worker keeps a copy for offline use). */
export const catalogState = signal<CatalogState>({ status: 'loading' });

let pending: Promise<void> | null = null;

/** Loads the catalog from the server, validating it with the same schema the server uses;
 *  the products' rate ranges come with it, worked out by the server. */
export function loadCatalog(): Promise<void> {
  pending ??= fetchProducts()
    .then((answer) => {
      if (answer.status !== 200 || answer.body === null) throw new Error(`HTTP ${answer.status}`);
      const parts = splitCatalogAnswer(answer.body);
      const catalog = parseCatalog(parts.catalog);
      rememberRateRanges(catalog, parts.rateRanges);
      catalogState.value = { status: 'ready', catalog };
    })
    .catch(() => {
      catalogState.value = { status: 'error' };
      pending = null;
    });
  return pending;
}

/** Starts loading the catalog when a page needs it, and returns the current state. */
export function useCatalog(): CatalogState {
  useEffect(() => {
    if (catalogState.value.status !== 'ready') void loadCatalog();
  }, []);
  return catalogState.value;
}

/** The product with this id, or null. */
export function findProduct(state: CatalogState, id: string | null): Product | null {
  if (state.status !== 'ready' || id === null) return null;
  return state.catalog.products.find((p) => p.id === id) ?? null;
}
