import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { getOutboxEntry, listOutbox, type OutboxEntry } from '../storage/outbox';
import { listSentApplications } from '../storage/sent-applications';
import { closeVault, database } from '../storage/vault';
import {
  BASE_DELAY_MS,
  flushOutbox,
  isDue,
  MAX_DELAY_MS,
  retryDelay,
  submitApplication,
} from './outbox-sender';

const RECEIPT = {
  id: 'app-1',
  reference: 'KND-7F3-Q9C',
  accessToken: 'token',
  receivedAt: '2026-11-28T09:00:00.000Z',
  withdrawableUntil: '2026-12-12T09:00:00.000Z',
  status: 'received',
};

function item(localId = 'draft-1'): Omit<OutboxEntry, 'createdAt' | 'attempts' | 'nextAttemptAt'> {
  return {
    localId,
    body: { productId: 'home-repair', applicant: { fullName: '王秀英' } },
    idempotencyKey: '6f1c2f0e-8a4b-4c1e-9d2a-3b5e7f9a1c2d',
    summary: {
      productId: 'home-repair',
      amount: 1_250_000,
      months: 12,
      monthlyPayment: 107_843,
      currency: 'CNY',
    },
    answers: { fullName: '王秀英' },
  };
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** Answers each POST in turn; records the Idempotency-Key of each. */
function server(...answers: (() => Response)[]) {
  const keys: string[] = [];
  const fetchMock = vi.fn(async (_url: string, init: RequestInit) => {
    keys.push(new Headers(init.headers).get('Idempotency-Key') ?? '');
    const next = answers.shift();
    if (!next) throw new TypeError('Failed to fetch');
    return next();
  });
  vi.stubGlobal('fetch', fetchMock);
  return { keys, fetchMock };
}

beforeEach(() => {
  const memory = new Map<string, string>();
  vi.stubGlobal('localStorage', {
    getItem: (k: string) => memory.get(k) ?? null,
    setItem: (k: string, v: string) => memory.set(k, v),
    removeItem: (k: string) => memory.delete(k),
  });
});

afterEach(async () => {
  vi.unstubAllGlobals();
  const db = await database();
  await db.clear('outbox');
  await closeVault();
});

describe('the retry schedule', () => {
  it('doubles from the first wait and stops at five minutes', () => {
    expect(retryDelay(1)).toBe(BASE_DELAY_MS);
    expect(retryDelay(2)).toBe(BASE_DELAY_MS * 2);
    expect(retryDelay(3)).toBe(BASE_DELAY_MS * 4);
    expect(retryDelay(20)).toBe(MAX_DELAY_MS);
    expect(MAX_DELAY_MS).toBe(300_000);
  });

  it('is due when its time has come, never while refused, and never stranded by a clock', () => {
    const now = 1_000_000_000;
    expect(isDue({ nextAttemptAt: now }, now)).toBe(true);
    expect(isDue({ nextAttemptAt: now + 10_000 }, now)).toBe(false);
    expect(isDue({ nextAttemptAt: now, refusedField: null }, now)).toBe(false);
    // Queued while the clock was 8 days ahead, then the clock was put right.
    expect(isDue({ nextAttemptAt: now + 8 * 86_400_000 }, now)).toBe(true);
  });
});

describe('submitting through the outbox', () => {
  it('a 201 receipt removes the item and remembers the application', async () => {
    server(() => json(201, RECEIPT));
    const result = await submitApplication(item());
    expect(result.kind).toBe('sent');
    expect(await listOutbox()).toEqual([]);
    expect(listSentApplications()).toMatchObject([{ id: 'app-1', localId: 'draft-1' }]);
  });

  it.each([
    ['a 500', () => json(500, { error: { code: 'internal', message: 'x' } })],
    ['a 502 with no body', () => new Response('', { status: 502 })],
    ['a 408', () => json(408, { error: { code: 'timeout', message: 'x' } })],
    ['a 429', () => json(429, { error: { code: 'rate-limited', message: 'x' } })],
    ['a 409 in progress', () => json(409, { error: { code: 'idempotency-key-in-progress' } })],
    ['a 401', () => json(401, { error: { code: 'unauthorised', message: 'x' } })],
    [
      'a captive portal 200 in HTML',
      () => new Response('<html>Log in to Wi-Fi</html>', { status: 200 }),
    ],
    ['a 200 JSON that is not a receipt', () => json(200, { ok: true })],
    [
      'a network error',
      () => {
        throw new TypeError('Failed to fetch');
      },
    ],
  ])('%s keeps the item, waiting to try again', async (_name, answer) => {
    server(answer);
    const before = Date.now();
    const result = await submitApplication(item());
    expect(result.kind).toBe('waiting');
    const kept = await getOutboxEntry('draft-1');
    expect(kept?.attempts).toBe(1);
    expect(kept?.nextAttemptAt).toBeGreaterThanOrEqual(before + BASE_DELAY_MS);
    expect(listSentApplications()).toEqual([]);
  });

  it.each([400, 422])(
    'a %i refusal goes back to the applicant and leaves the outbox',
    async (s) => {
      server(() => json(s, { error: { code: 'invalid', message: 'x', field: 'applicant.phone' } }));
      const result = await submitApplication(item());
      expect(result).toEqual({ kind: 'refused', field: 'applicant.phone' });
      expect(await listOutbox()).toEqual([]);
    },
  );

  it('pressing Send again reuses the queued item and its key, so the server sees one key', async () => {
    const { keys } = server(
      () => json(503, {}),
      () => json(201, RECEIPT),
    );
    await submitApplication(item());
    const again = await submitApplication({ ...item(), idempotencyKey: 'another-key' });
    expect(again.kind).toBe('sent');
    expect(new Set(keys)).toEqual(new Set([item().idempotencyKey]));
  });

  it('a draft already sent is not sent again', async () => {
    const { fetchMock } = server(() => json(201, RECEIPT));
    await submitApplication(item());
    const again = await submitApplication(item());
    expect(again).toMatchObject({ kind: 'sent', app: { id: 'app-1' } });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});

describe('flushing the outbox', () => {
  it('asks Background Sync to wake it only while offline, so a failing server is left to the backoff', async () => {
    const register = vi.fn(async (_tag: string) => undefined);
    const stubBrowser = (onLine: boolean) =>
      vi.stubGlobal('navigator', {
        onLine,
        serviceWorker: {
          controller: {},
          ready: Promise.resolve({ sync: { register } }),
          addEventListener: () => undefined,
        },
      });
    // Online, the server answering 500: sending waits for its timer, no sync is asked for.
    stubBrowser(true);
    const { fetchMock } = server(
      () => json(500, {}),
      () => json(500, {}),
    );
    await submitApplication(item());
    await flushOutbox({ force: true });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(fetchMock).toHaveBeenCalledTimes(2);
    expect(register).not.toHaveBeenCalled();
    // Offline: the browser is asked to wake Kindly when the connection returns.
    stubBrowser(false);
    await flushOutbox({ force: true });
    await vi.waitFor(() => expect(register).toHaveBeenCalledWith('kindly-outbox'));
  });

  it('backs off: a timer flush skips an item that is not due, a forced one sends it', async () => {
    const { fetchMock } = server(
      () => json(500, {}),
      () => json(500, {}),
      () => json(201, RECEIPT),
    );
    await submitApplication(item());
    await flushOutbox();
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await flushOutbox({ force: true });
    const kept = await getOutboxEntry('draft-1');
    expect(kept?.attempts).toBe(2);
    expect(kept && kept.nextAttemptAt - Date.now()).toBeGreaterThan(BASE_DELAY_MS);
    await flushOutbox({ force: true });
    expect(await listOutbox()).toEqual([]);
    expect(listSentApplications()).toHaveLength(1);
  });

  it('sends an item again after the replayed original receipt (response lost the first time)', async () => {
    server(
      () => {
        throw new TypeError('network connection was lost');
      },
      () => json(200, RECEIPT),
    );
    await submitApplication(item());
    await flushOutbox({ force: true });
    expect(await listOutbox()).toEqual([]);
    expect(listSentApplications()).toMatchObject([{ reference: RECEIPT.reference }]);
  });
});

describe('encryption at rest', () => {
  it('stores no personal detail in the clear', async () => {
    server(() => json(500, {}));
    await submitApplication(item());
    const db = await database();
    const record = await db.get('outbox', 'draft-1');
    const stored = new TextDecoder().decode(record?.data);
    expect(stored).not.toContain('王秀英');
    expect(JSON.stringify(record)).not.toContain('home-repair');
    const [key] = await db.getAll('keys');
    expect(key?.extractable).toBe(false);
  });

  it('keeps an assisted application whole, its attestation sealed with it, until it is sent', async () => {
    const { fetchMock } = server(() => json(500, {}));
    const assisted = {
      staffId: 'S-7F3Q',
      enteredBy: { fullName: 'staff' },
      attestation: 'attestation-signed-by-the-server',
      madeAt: '2026-11-28T09:00:00.000Z',
    };
    await submitApplication({ ...item(), body: { ...(item().body as object), assisted } });
    const record = await (await database()).get('outbox', 'draft-1');
    expect(new TextDecoder().decode(record?.data)).not.toContain('attestation-signed');
    expect(JSON.stringify(record)).not.toContain('attestation-signed');
    expect((await getOutboxEntry('draft-1'))?.body).toMatchObject({ assisted });
    const [, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(JSON.parse(String(init.body))).toMatchObject({ assisted });
  });
});
