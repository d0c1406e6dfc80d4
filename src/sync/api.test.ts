// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fetchProducts } from './api';

const json = (body: unknown) =>
  new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });

describe('fetchProducts', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    window.kindlyEarlyProducts = undefined;
  });

  it("takes boot.js's early answer once, then asks the server itself", async () => {
    const server = vi.fn(() => Promise.resolve(json({ from: 'server' })));
    vi.stubGlobal('fetch', server);
    window.kindlyEarlyProducts = Promise.resolve(json({ from: 'boot' }));
    expect(await fetchProducts()).toEqual({ status: 200, body: { from: 'boot' } });
    expect(server).not.toHaveBeenCalled();
    expect(await fetchProducts()).toEqual({ status: 200, body: { from: 'server' } });
    expect(server).toHaveBeenCalledWith('/api/products', expect.anything());
  });

  it('asks again when the early request failed', async () => {
    const server = vi.fn(() => Promise.resolve(json({ from: 'server' })));
    vi.stubGlobal('fetch', server);
    window.kindlyEarlyProducts = Promise.resolve(null);
    expect(await fetchProducts()).toEqual({ status: 200, body: { from: 'server' } });
    expect(server).toHaveBeenCalledTimes(1);
  });
});
