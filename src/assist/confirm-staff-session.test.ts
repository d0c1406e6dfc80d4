// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetStaffSession, keepStaffSession, staffSession } from '../core/staff-session';
import { confirmStaffSession } from './confirm-staff-session';

const STAFF = { id: 'S-7F3Q', name: 'Li Wei', branch: 'Pudong 3' };
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

function serverAnswers(status: number, body?: unknown) {
  const fetchMock = vi.fn(
    async (_url: string, _init?: RequestInit) =>
      new Response(body === undefined ? null : JSON.stringify(body), {
        status,
        headers: { 'content-type': 'application/json' },
      }),
  );
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const PROOF = { attestation: 'signed-by-the-server', issuedAt: new Date().toISOString() };

describe('confirming a kept staff session with the server', () => {
  beforeEach(() =>
    keepStaffSession({ token: 'tok-1', staff: STAFF, expiresAt: inAnHour(), ...PROOF }),
  );
  afterEach(() => {
    vi.unstubAllGlobals();
    forgetStaffSession();
  });

  it('asks with the session token, and forgets a session the server has ended', async () => {
    const fetchMock = serverAnswers(401, { error: { code: 'session-invalid', message: 'x' } });
    await confirmStaffSession();
    expect(fetchMock.mock.calls[0]?.[0]).toBe('/api/staff/sessions/current');
    expect(new Headers(fetchMock.mock.calls[0]?.[1]?.headers).get('Authorization')).toBe(
      'Bearer tok-1',
    );
    expect(staffSession.value).toBeNull();
    expect(sessionStorage.getItem('kindly.staffSession')).toBeNull();
  });

  it('takes the expiry the server gives, keeping the attestation of the sign-in', async () => {
    const expiresAt = new Date(Date.now() + 600_000).toISOString();
    serverAnswers(200, { staff: STAFF, expiresAt });
    await confirmStaffSession();
    expect(staffSession.value).toEqual({
      token: 'tok-1',
      staff: STAFF,
      expiresAt,
      ...PROOF,
      clockOffsetMs: expect.any(Number),
    });
  });

  it('keeps the session when the server cannot be reached or is failing', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => Promise.reject(new TypeError('Failed to fetch'))),
    );
    await confirmStaffSession();
    expect(staffSession.value?.token).toBe('tok-1');
    serverAnswers(503);
    await confirmStaffSession();
    expect(staffSession.value?.token).toBe('tok-1');
  });

  it('leaves alone a session signed in while the question was out', async () => {
    let answer: (r: Response) => void = () => undefined;
    vi.stubGlobal(
      'fetch',
      vi.fn(() => new Promise<Response>((resolve) => (answer = resolve))),
    );
    const confirming = confirmStaffSession();
    keepStaffSession({ token: 'tok-2', staff: STAFF, expiresAt: inAnHour(), ...PROOF });
    answer(new Response(null, { status: 401 }));
    await confirming;
    expect(staffSession.value?.token).toBe('tok-2');
  });
});
