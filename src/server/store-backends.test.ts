// The Store interface held to one contract on both backends: SQLite (a file, its writes on
// the writer thread) and PostgreSQL (a throwaway cluster). Without PostgreSQL installed the
// PostgreSQL half is skipped, and the run says so.
import { randomBytes, randomUUID } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readConfig } from './config';
import { openStore } from './open-store';
import { openPgStore } from './pg-store';
import { postgresAvailable, startTestCluster, type TestCluster } from './pg-test-cluster';
import { hashOf } from './secrets';
import { openSqliteStore } from './sqlite-store';
import { hashPasscode } from './staff';
import type { NewApplication, Store } from './store';
import { removeTempDirs, tempDir, validApplication } from './test-support';

const KEY = { current: randomBytes(32), previous: [], madeFile: null };
const DAY_MS = 86_400_000;

/** A backend under test: a fresh store, a second one on the same data, and the raw stored
 *  body of an application (as a person reading the database would see it). */
interface Backend {
  open(): Promise<{ store: Store; again(): Promise<Store>; rawBody(id: string): Promise<string> }>;
}

let cluster: TestCluster | null = null;
const hasPostgres = postgresAvailable();

const backends: [string, Backend][] = [
  [
    'SQLite',
    {
      async open() {
        const path = join(tempDir(), 'kindly.sqlite');
        return {
          store: openSqliteStore(path, KEY),
          again: async () => openSqliteStore(path, KEY),
          async rawBody(id) {
            const db = new Database(path, { readonly: true });
            try {
              return (
                db.prepare('SELECT body FROM applications WHERE id = ?').get(id) as { body: string }
              ).body;
            } finally {
              db.close();
            }
          },
        };
      },
    },
  ],
  [
    'PostgreSQL',
    {
      async open() {
        if (!cluster) throw new Error('no cluster');
        const url = await cluster.newDatabase();
        return {
          store: await openPgStore(url, KEY),
          again: () => openPgStore(url, KEY),
          async rawBody(id) {
            const client = new pg.Client({ connectionString: url });
            await client.connect();
            try {
              return (await client.query('SELECT body FROM applications WHERE id = $1', [id]))
                .rows[0].body;
            } finally {
              await client.end();
            }
          },
        };
      },
    },
  ],
];

beforeAll(async () => {
  if (hasPostgres) cluster = await startTestCluster();
}, 60_000);

afterAll(() => {
  cluster?.stop();
  removeTempDirs();
});

function newApplication(at = '2026-03-02T01:00:00.000Z', key = randomUUID()): NewApplication {
  const body = validApplication();
  return {
    application: {
      id: randomUUID(),
      status: 'received',
      tokenHash: hashOf('access-token', randomUUID()),
      receivedAt: at,
      withdrawableUntil: new Date(Date.parse(at) + 14 * DAY_MS).toISOString(),
      withdrawnAt: null,
      erasedAt: null,
      body: JSON.stringify(body),
    },
    keyHash: hashOf('idempotency-key', key),
    fingerprint: hashOf('fingerprint', JSON.stringify(body)),
  };
}

describe.each(backends)('the %s store', (name, backend) => {
  const skip = name === 'PostgreSQL' && !hasPostgres;

  it.skipIf(skip)('stores an application once per key, even sent many times at once', async () => {
    const { store, rawBody } = await backend.open();
    try {
      const input = newApplication();
      const outcomes = await Promise.all(
        Array.from({ length: 12 }, (_, i) =>
          store.createApplication(
            i === 0 ? input : { ...input, application: { ...input.application, id: randomUUID() } },
          ),
        ),
      );
      const created = outcomes.filter((o) => o.kind === 'created');
      expect(created).toHaveLength(1);
      const record = created[0]?.kind === 'created' ? created[0].record : null;
      for (const o of outcomes) expect(o.record).toEqual(record);
      expect(await store.counts()).toEqual({ applications: 1, idempotencyKeys: 1 });
      expect(await store.findIdempotency(input.keyHash)).toEqual(record);

      const stored = await store.getApplication(record?.applicationId ?? '');
      expect(stored?.reference).toMatch(/^KND-\w{3}-\w{3}$/);
      expect(JSON.parse(stored?.body ?? '')).toEqual(JSON.parse(input.application.body));
      // Sealed at rest: the applicant's name and id number are not in the stored row.
      const raw = await rawBody(stored?.id ?? '');
      const applicant = JSON.parse(input.application.body).applicant;
      expect(raw).not.toContain(applicant.fullName);
      expect(raw).not.toContain(applicant.idNumber);
      expect(JSON.parse(raw).productId).toBe(JSON.parse(input.application.body).productId);
    } finally {
      await store.close();
    }
  });

  it.skipIf(skip)('withdraws within the cooling-off time, erases, and keeps secrets', async () => {
    const { store, again } = await backend.open();
    const secret = await store.tokenSecret();
    const made = await store.createApplication(newApplication());
    if (made.kind !== 'created') throw new Error('not created');
    const id = made.application.id;
    expect((await store.erase(id, '2026-03-03T00:00:00.000Z'))?.erasedAt).toBeNull();
    const late = await store.withdraw(id, '2026-04-01T00:00:00.000Z');
    expect(late?.status).toBe('received');
    const withdrawn = await store.withdraw(id, '2026-03-03T00:00:00.000Z');
    expect(withdrawn).toMatchObject({
      status: 'withdrawn',
      withdrawnAt: '2026-03-03T00:00:00.000Z',
    });
    const erased = await store.erase(id, '2026-03-04T00:00:00.000Z');
    expect(erased?.erasedAt).toBe('2026-03-04T00:00:00.000Z');
    const kept = JSON.parse(erased?.body ?? '');
    expect(Object.keys(kept).sort()).toEqual([
      'amount',
      'figures',
      'method',
      'months',
      'productId',
    ]);
    expect(await store.getApplication('no-such-id')).toBeNull();
    await store.close();
    const reopened = await again();
    try {
      expect(await reopened.tokenSecret()).toEqual(secret);
      expect((await reopened.getApplication(id))?.erasedAt).toBe('2026-03-04T00:00:00.000Z');
    } finally {
      await reopened.close();
    }
  });

  it.skipIf(skip)('erases what is kept past retention and purges old keys', async () => {
    const { store } = await backend.open();
    try {
      const old = await store.createApplication(newApplication('2026-01-01T00:00:00.000Z'));
      const recent = await store.createApplication(newApplication('2026-03-01T00:00:00.000Z'));
      if (old.kind !== 'created' || recent.kind !== 'created') throw new Error('not created');
      const erased = await store.eraseExpired(
        { withdrawnBefore: '2026-02-01T00:00:00.000Z', receivedBefore: '2026-02-01T00:00:00.000Z' },
        '2026-03-02T00:00:00.000Z',
      );
      expect(erased).toBe(1);
      expect((await store.getApplication(old.application.id))?.erasedAt).not.toBeNull();
      expect((await store.getApplication(recent.application.id))?.erasedAt).toBeNull();
      expect(await store.purgeIdempotency('2026-02-01T00:00:00.000Z')).toBe(1);
      expect(await store.counts()).toEqual({ applications: 2, idempotencyKeys: 1 });
      await store.check();
    } finally {
      await store.close();
    }
  });

  it.skipIf(skip)('counts failed sign-ins made at once, and locks at the fifth', async () => {
    const { store } = await backend.open();
    try {
      const at = '2026-03-02T01:00:00.000Z';
      const until = '2026-03-02T01:15:00.000Z';
      const counted = await Promise.all(
        Array.from({ length: 4 }, () => store.staff.recordFailure('S-7F3Q', at, 5, until)),
      );
      expect(counted.map((c) => c.failures).sort()).toEqual([1, 2, 3, 4]);
      expect(await store.staff.recordFailure('S-7F3Q', at, 5, until)).toEqual({
        failures: 0,
        lockedUntil: until,
      });
      // After the lock has passed the count starts again.
      expect(await store.staff.recordFailure('S-7F3Q', until, 5, until)).toEqual({
        failures: 1,
        lockedUntil: null,
      });
      await store.staff.clearFailures('S-7F3Q');
      expect(await store.staff.failures('S-7F3Q')).toBeNull();

      const account = {
        id: 'S-K9MP',
        name: 'Wang Fang',
        branch: 'Xuhui 1',
        role: 'reviewer' as const,
        passcodeHash: await hashPasscode('lantern-88', {
          memoryCost: 1024,
          timeCost: 1,
          parallelism: 1,
        }),
        createdAt: at,
      };
      expect(await store.staff.add(account)).toBe(true);
      expect(await store.staff.add(account)).toBe(false);
      expect(await store.staff.get('S-K9MP')).toEqual(account);
      const tokenHash = randomBytes(32);
      await store.staff.createSession({
        tokenHash,
        staffId: 'S-K9MP',
        createdAt: at,
        expiresAt: until,
      });
      expect((await store.staff.getSession(tokenHash, at))?.staff).toEqual(account);
      expect(await store.staff.getSession(tokenHash, until)).toBeNull();
      expect(await store.staff.endSession(tokenHash)).toBe(true);
      expect(await store.staff.endSession(tokenHash)).toBe(false);
      expect((await store.staff.signingKey()).length).toBe(32);
    } finally {
      await store.close();
    }
  });

  it.skipIf(skip)("gives a resume code's draft to one of many redeeming it at once", async () => {
    const { store } = await backend.open();
    try {
      const codeHash = randomBytes(32);
      const code = {
        codeHash,
        draft: JSON.stringify({ name: '陈美玲' }),
        createdAt: '2026-03-02T01:00:00.000Z',
        expiresAt: '2026-03-04T01:00:00.000Z',
      };
      expect(await store.resumeCodes.add(code)).toBe(true);
      expect(await store.resumeCodes.add(code)).toBe(false);
      // Connections opened beforehand, so that the takes reach the database together.
      await Promise.all(Array.from({ length: 6 }, () => store.check()));
      const taken = await Promise.all(
        Array.from({ length: 6 }, () =>
          store.resumeCodes.take(codeHash, '2026-03-02T02:00:00.000Z'),
        ),
      );
      expect(taken.filter((t) => t !== null)).toEqual([code.draft]);
    } finally {
      await store.close();
    }
  });
});

describe('choosing the backend', () => {
  it('takes PostgreSQL from KINDLY_DATABASE_URL, and several processes only with it', () => {
    expect(readConfig({})).toMatchObject({ databaseUrl: null, processes: 1 });
    const url = 'postgres://kindly:secret@db.example:5432/kindly';
    expect(readConfig({ KINDLY_DATABASE_URL: url, KINDLY_PROCESSES: '4' })).toMatchObject({
      databaseUrl: url,
      processes: 4,
    });
    expect(() => readConfig({ KINDLY_DATABASE_URL: 'mysql://db/kindly' })).toThrow(
      'KINDLY_DATABASE_URL must be a PostgreSQL URL',
    );
    expect(() => readConfig({ KINDLY_PROCESSES: '2' })).toThrow(
      'KINDLY_PROCESSES above 1 needs PostgreSQL',
    );
  });

  it('refuses PostgreSQL without a data key given, before connecting', async () => {
    await expect(
      openStore({
        dbPath: ':memory:',
        databaseUrl: 'postgres://kindly@127.0.0.1:1/none',
        dataKeys: { current: null, previous: null },
      }),
    ).rejects.toThrow('give the data key as KINDLY_DATA_KEY or KINDLY_DATA_KEY_FILE');
  });
});

describe.skipIf(!hasPostgres)('PostgreSQL only', () => {
  it('applies its migrations once when several processes start together', async () => {
    if (!cluster) throw new Error('no cluster');
    const url = await cluster.newDatabase();
    const stores = await Promise.all(Array.from({ length: 4 }, () => openPgStore(url, KEY, 2)));
    try {
      const secrets = await Promise.all(stores.map((s) => s.tokenSecret()));
      for (const s of secrets) expect(s).toEqual(secrets[0]);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      const { rows } = await client.query('SELECT version FROM schema_migrations ORDER BY version');
      await client.end();
      expect(rows).toEqual([{ version: 1 }, { version: 2 }]);
    } finally {
      await Promise.all(stores.map((s) => s.close()));
    }
  });

  it('refuses a key it was not given, and seals everything again under a new key', async () => {
    if (!cluster) throw new Error('no cluster');
    const url = await cluster.newDatabase();
    const first = await openPgStore(url, KEY, 2);
    const made = await first.createApplication(newApplication());
    if (made.kind !== 'created') throw new Error('not created');
    const codeHash = randomBytes(32);
    await first.resumeCodes.add({
      codeHash,
      draft: '{"a":1}',
      createdAt: '2026-03-02T01:00:00.000Z',
      expiresAt: '2026-03-04T01:00:00.000Z',
    });
    await first.close();
    const next = { current: randomBytes(32), previous: [], madeFile: null };
    await expect(openPgStore(url, next, 2)).rejects.toThrow('sealed under a data key');
    const rotating = await openPgStore(url, { ...next, previous: [KEY.current] }, 2);
    expect(await rotating.rekey()).toEqual({ applications: 1, drafts: 1 });
    await rotating.close();
    const after = await openPgStore(url, next, 2);
    try {
      expect((await after.getApplication(made.application.id))?.body).toBe(made.application.body);
      expect(await after.resumeCodes.take(codeHash, '2026-03-02T02:00:00.000Z')).toBe('{"a":1}');
    } finally {
      await after.close();
    }
  });

  it('lets one sign-in attempt of a staff id run at a time over stores', async () => {
    if (!cluster) throw new Error('no cluster');
    const url = await cluster.newDatabase();
    const [a, b] = await Promise.all([openPgStore(url, KEY, 2), openPgStore(url, KEY, 2)]);
    try {
      const spans: [number, number][] = [];
      const work = async () => {
        const start = performance.now();
        await new Promise((resolve) => setTimeout(resolve, 150));
        spans.push([start, performance.now()]);
      };
      const run = (s: Store, id: string) => s.staff.exclusive?.(id, work);
      await Promise.all([run(a, 'S-7F3Q'), run(b, 'S-7F3Q')]);
      const [first, second] = spans.sort((x, y) => x[0] - y[0]);
      expect(second?.[0]).toBeGreaterThanOrEqual(first?.[1] ?? Number.POSITIVE_INFINITY);
      // Other ids are not held up.
      spans.length = 0;
      await Promise.all([run(a, 'S-7F3Q'), run(b, 'S-K9MP')]);
      const [one, two] = spans.sort((x, y) => x[0] - y[0]);
      expect(two?.[0]).toBeLessThan(one?.[1] ?? 0);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it("counts a client's requests together over stores, in windows", async () => {
    if (!cluster) throw new Error('no cluster');
    const url = await cluster.newDatabase();
    const [a, b] = await Promise.all([openPgStore(url, KEY, 2), openPgStore(url, KEY, 2)]);
    try {
      const key = randomBytes(32);
      const hits = await Promise.all(
        Array.from({ length: 6 }, (_, i) => (i % 2 ? a : b).limits?.hit(key, 1000, 5000)),
      );
      expect(hits.map((h) => h?.hits).sort()).toEqual([1, 2, 3, 4, 5, 6]);
      expect(hits.every((h) => h?.windowEnds === 6000)).toBe(true);
      expect(await a.limits?.hit(key, 1000, 6000)).toEqual({ hits: 1, windowEnds: 7000 });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
