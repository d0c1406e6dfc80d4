// @vitest-environment jsdom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { deviceTokenFor, keepDeviceToken } from '../core/staff-session';
import { fetchProducts, postApplication, signInStaff } from './api';

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

describe('staff sign-in and assisted applications', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    localStorage.clear();
  });

  const sentBody = (server: ReturnType<typeof vi.fn>) =>
    JSON.parse(String((server.mock.calls[0] as unknown as [string, RequestInit])[1].body));

  it("sends the device token this tablet was given for the id typed, however it is typed, and no other's", async () => {
    const server = vi.fn(() => Promise.resolve(json({})));
    vi.stubGlobal('fetch', server);
    keepDeviceToken('S-7F3Q', 'device-of-li');
    keepDeviceToken('S-K9MP', 'device-of-wang');
    expect(deviceTokenFor(' s 7f3q')).toBe('device-of-li');
    await signInStaff('s7f-3q', 'plum-blossom-42');
    expect(sentBody(server)).toEqual({
      staffId: 's7f-3q',
      passcode: 'plum-blossom-42',
      deviceToken: 'device-of-li',
    });
    server.mockClear();
    await signInStaff('S-2222', 'guess');
    expect(sentBody(server)).toEqual({ staffId: 'S-2222', passcode: 'guess' });
  });

  it('posts an assisted application with its proof in the body and no staff session header', async () => {
    const server = vi.fn(() => Promise.resolve(json({})));
    vi.stubGlobal('fetch', server);
    const body = {
      assisted: { staffId: 'S-7F3Q', attestation: 'att', madeAt: '2026-03-02T01:00:00.000Z' },
    };
    await postApplication(body, '6f1c2f0e-8a4b-4c1e-9d2a-3b5e7f9a1c2d');
    const [, init] = server.mock.calls[0] as unknown as [string, RequestInit];
    expect(new Headers(init.headers).has('Kindly-Staff-Session')).toBe(false);
    expect(sentBody(server)).toEqual(body);
  });
});
