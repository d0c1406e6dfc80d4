// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { openDB } from 'idb';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { settings, updateSettings } from '../core/settings/settings-store';
import {
  BRANCH_DEVICE_KEY,
  keepDeviceToken,
  keepStaffSession,
  STAFF_DEVICES_KEY,
  STAFF_SIGN_OUT_KEY,
  staffSession,
} from '../core/staff-session';
import { emptyAnswers } from '../journey/answers';
import { answers, enteredBy, flushDraft, saveAnswers } from '../journey/store';
import { listParked, parkDraft, takeParked } from '../storage/draft';
import { getOutboxEntry, putOutboxEntry } from '../storage/outbox';
import { listSentApplications, rememberSentApplication } from '../storage/sent-applications';
import { closeVault } from '../storage/vault';
import { flushOutbox } from '../sync/outbox-sender';
import { endAssistedSession, lastWipe } from './end-session';
import { endSessionsLeftOpen } from './sign-out';

const NAME = '王秀英';
const ID_NUMBER = '110105196803271235';

// jsdom has no Cache Storage: a small one in memory, holding request URLs and bodies.
class FakeCaches {
  readonly stores = new Map<string, Map<string, string>>();
  async keys() {
    return [...this.stores.keys()];
  }
  async open(name: string) {
    let store = this.stores.get(name);
    if (!store) {
      store = new Map();
      this.stores.set(name, store);
    }
    const entries = store;
    return {
      put: async (url: string, body: string) => void entries.set(url, body),
      keys: async () => [...entries.keys()].map((url) => ({ url })),
      delete: async (request: { url: string }) => entries.delete(request.url),
    };
  }
}

/** Everything this page can find in IndexedDB, as text (sealed data decoded as it is). */
async function everythingInIndexedDB(): Promise<Record<string, Record<string, string>>> {
  const found: Record<string, Record<string, string>> = {};
  for (const { name, version } of await indexedDB.databases()) {
    if (!name) continue;
    const db = await openDB(name, version);
    found[name] = {};
    for (const store of db.objectStoreNames) {
      const values = await db.getAll(store);
      found[name][store] = values
        .map((v) => `${JSON.stringify(v)}${v?.data ? new TextDecoder().decode(v.data) : ''}`)
        .join('\n');
    }
    db.close();
  }
  return found;
}

let fakeCaches: FakeCaches;

beforeEach(async () => {
  fakeCaches = new FakeCaches();
  vi.stubGlobal('caches', fakeCaches);
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(null, { status: 204 })),
  );
  keepStaffSession({
    token: 'staff-token',
    staff: { id: 'S-7F3Q', name: 'Li Wei', branch: 'Pudong 3' },
    expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
    attestation: 'signed-by-the-server',
    issuedAt: new Date().toISOString(),
  });
  keepDeviceToken('S-7F3Q', 'device-token-of-li-wei');
  updateSettings({ lang: 'zh-CN', textSize: '200', voiceGuidance: true, privacy: true });
  saveAnswers({ fullName: NAME, idNumber: ID_NUMBER, productId: 'home-repair' });
  await flushDraft();
  rememberSentApplication({
    id: 'app-1',
    reference: 'KND-7F3-Q9C',
    accessToken: 'secret',
    receivedAt: '2026-11-28T09:00:00.000Z',
    withdrawableUntil: '2026-12-12T09:00:00.000Z',
    productId: 'home-repair',
    amount: 100_000,
    months: 12,
    monthlyPayment: 8_800,
    currency: 'CNY',
    status: 'received',
  });
  sessionStorage.setItem('kindly.draft', JSON.stringify({ fullName: NAME }));
  const api = await fakeCaches.open('kindly-api');
  await api.put('http://localhost/api/applications/app-1', `{"fullName":"${NAME}"}`);
  const catalog = await fakeCaches.open('kindly-catalog');
  await catalog.put('http://localhost/api/products', '{"products":[]}');
  const other = await openDB('some-library', 1, {
    upgrade: (db) => void db.createObjectStore('things'),
  });
  await other.put('things', { note: NAME }, 'x');
  other.close();
});

afterEach(async () => {
  vi.unstubAllGlobals();
  await closeVault();
  for (const { name } of await indexedDB.databases()) if (name) indexedDB.deleteDatabase(name);
  localStorage.clear();
  sessionStorage.clear();
});

async function queueUnsent(): Promise<void> {
  await putOutboxEntry({
    localId: 'waiting-1',
    body: { applicant: { fullName: NAME, idNumber: ID_NUMBER } },
    idempotencyKey: 'key-1',
    summary: {
      productId: 'home-repair',
      amount: 100_000,
      months: 12,
      monthlyPayment: 8_800,
      currency: 'CNY',
    },
    answers: { fullName: NAME },
    createdAt: 1,
    attempts: 0,
    nextAttemptAt: 0,
  });
}

describe('End session', () => {
  it('leaves nothing of the applicant on the device, and keeps the unsent application', async () => {
    await queueUnsent();
    expect(JSON.stringify(await everythingInIndexedDB())).toContain('some-library');

    await endAssistedSession();

    const stored = await everythingInIndexedDB();
    expect(Object.keys(stored)).toEqual(['kindly']);
    expect(stored.kindly?.drafts).toBe('');
    // The outbox item and the key that opens it stay; sealed, so the name is not readable.
    expect(stored.kindly?.outbox).toContain('waiting-1');
    expect(stored.kindly?.keys).not.toBe('');
    expect(JSON.stringify(stored)).not.toContain(NAME);
    expect(JSON.stringify(stored)).not.toContain(ID_NUMBER);
    const kept = await getOutboxEntry('waiting-1');
    expect(kept?.answers.fullName).toBe(NAME);

    // The tablet's mark and the staff's device tokens are the tablet's, not the applicant's.
    expect(Object.keys(localStorage).sort()).toEqual([BRANCH_DEVICE_KEY, STAFF_DEVICES_KEY]);
    expect(sessionStorage.length).toBe(0);
    expect([...(fakeCaches.stores.get('kindly-api')?.keys() ?? [])]).toEqual([]);
    expect([...(fakeCaches.stores.get('kindly-catalog')?.keys() ?? [])]).toEqual([
      'http://localhost/api/products',
    ]);

    expect(answers.value).toEqual(emptyAnswers());
    expect(enteredBy.value).toEqual({});
    expect(staffSession.value).toBeNull();
    expect(settings.value).toMatchObject({
      lang: 'en',
      textSize: '100',
      voiceGuidance: false,
      privacy: false,
    });
    expect(lastWipe.value).toMatchObject({ unsent: 1, voice: { lang: 'en' } });
    expect(fetch).toHaveBeenCalledWith(
      '/api/staff/sessions/current',
      expect.objectContaining({ method: 'DELETE' }),
    );
  });

  it('an application left waiting is sent later without leaving its receipt for the next person', async () => {
    await queueUnsent();
    await endAssistedSession();
    expect(listSentApplications()).toEqual([]);
    vi.stubGlobal(
      'fetch',
      vi.fn(
        async () =>
          new Response(
            JSON.stringify({
              id: 'app-2',
              reference: 'KND-Q9C-7F3',
              accessToken: 'token-of-the-last-customer',
              receivedAt: '2026-11-28T10:00:00.000Z',
              withdrawableUntil: '2026-12-12T10:00:00.000Z',
              status: 'received',
            }),
            { status: 201, headers: { 'content-type': 'application/json' } },
          ),
      ),
    );
    await flushOutbox({ force: true });
    expect(fetch).toHaveBeenCalledWith('/api/applications', expect.anything());
    expect(await getOutboxEntry('waiting-1')).toBeNull();
    expect(listSentApplications()).toEqual([]);
    expect(JSON.stringify(localStorage)).not.toContain('token-of-the-last-customer');
  });

  it('with nothing waiting, removes the device key too', async () => {
    await endAssistedSession();
    const stored = await everythingInIndexedDB();
    expect(stored.kindly).toEqual({ drafts: '', keys: '', outbox: '' });
    expect(lastWipe.value?.unsent).toBe(0);
  });

  it('still wipes the device when the bank cannot be reached', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await endAssistedSession();
    expect(JSON.stringify(await everythingInIndexedDB())).not.toContain(NAME);
    // The tablet's mark, the staff's device tokens and the sign-out still to tell the server
    // are the tablet's, not the applicant's.
    expect(Object.keys(localStorage).sort()).toEqual(
      [BRANCH_DEVICE_KEY, STAFF_DEVICES_KEY, STAFF_SIGN_OUT_KEY].sort(),
    );
    expect(JSON.stringify(localStorage)).not.toContain(NAME);
    expect(staffSession.value).toBeNull();
  });

  it('ends a staff session signed out offline on the server at the next connection', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await endAssistedSession();
    await endSessionsLeftOpen();
    expect(localStorage.getItem(STAFF_SIGN_OUT_KEY)).toContain('staff-token');
    const online = vi.fn(async () => new Response(null, { status: 204 }));
    vi.stubGlobal('fetch', online);
    await endSessionsLeftOpen();
    expect(online).toHaveBeenCalledWith(
      '/api/staff/sessions/current',
      expect.objectContaining({
        method: 'DELETE',
        headers: expect.objectContaining({ Authorization: 'Bearer staff-token' }),
      }),
    );
    expect(localStorage.getItem(STAFF_SIGN_OUT_KEY)).toBeNull();
  });

  it('keeps a draft put away for staff, sealed, and says so', async () => {
    await parkDraft('S-7F3Q');
    saveAnswers({ fullName: 'Another Customer' });
    await flushDraft();
    await endAssistedSession();
    const stored = await everythingInIndexedDB();
    expect(stored.kindly?.drafts).toContain('parked:');
    expect(stored.kindly?.keys).not.toBe('');
    expect(JSON.stringify(stored)).not.toContain(NAME);
    expect(lastWipe.value).toMatchObject({ unsent: 0, parked: 1 });
    const [parked] = await listParked('S-7F3Q');
    expect(await takeParked(parked?.key ?? '', 'S-2222')).toBeNull();
    expect((await takeParked(parked?.key ?? '', 'S-7F3Q'))?.answers.fullName).toBe(NAME);
    expect(await listParked('S-7F3Q')).toEqual([]);
  });
});
