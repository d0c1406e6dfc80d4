import { vi } from 'vitest';
import { parseCatalog } from '../../src/loan';
import products from '../../src/loan/catalog/products.json';
import { catalogAnswer } from '../../src/loan/rate-range';

/** A JSON answer as Kindly's server gives it. */
export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** The server's receipt for an application (201); its cooling-off period ends 14 days after
 *  it was received. */
export const RECEIPT = {
  id: 'app-1',
  reference: 'KND-7F3-Q9C',
  accessToken: 'not-a-real-token',
  receivedAt: '2026-11-28T09:00:00.000Z',
  withdrawableUntil: '2026-12-12T09:00:00.000Z',
  status: 'received',
};

// The catalog as the server answers it, rate ranges and all.
const catalog = catalogAnswer(parseCatalog(products));

/** Stands in for Kindly's server in a jsdom test: the real loan catalog, and anything else
 *  answered by `other` (a network error when there is none). Undo with vi.unstubAllGlobals. */
export function stubApi(
  other?: (url: string, init?: RequestInit) => Response | Promise<Response>,
): void {
  vi.stubGlobal('fetch', async (url: string, init?: RequestInit) => {
    if (url.endsWith('/api/products')) return json(catalog);
    if (other) return other(url, init);
    throw new TypeError('Failed to fetch');
  });
}
