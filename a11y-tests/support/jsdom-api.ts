import { vi } from 'vitest';
import products from '../../src/loan/catalog/products.json';

/** A JSON answer as Kindly's server gives it. */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** Stands in for Kindly's server in a jsdom test: the real loan catalog, and anything else
 *  answered by `other` (a network error when there is none). Undo with vi.unstubAllGlobals. */
export function stubApi(other?: (url: string) => Response | Promise<Response>): void {
  vi.stubGlobal('fetch', async (url: string) => {
    if (url.endsWith('/api/products')) return json(products);
    if (other) return other(url);
    throw new TypeError('Failed to fetch');
  });
}
