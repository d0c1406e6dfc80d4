// The SQLite store across restarts, migrations and the keeping time of idempotency keys.
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { dataCipher } from './data-cipher';
import { hashOf } from './secrets';
import { MIGRATIONS, migrate } from './sqlite-migrations';
import { openSqliteStore } from './sqlite-store';
import { groupCommit, sqliteWrites } from './sqlite-writer';
import type { NewApplication } from './store';
import {
  removeTempDirs,
  request,
  startServer,
  submit,
  tempDir,
  validApplication,
} from './test-support';

const DAY_MS = 86_400_000;

afterAll(() => {
  removeTempDirs();
});

describe('a restart', () => {
  it('keeps every application and idempotency record', async () => {
    const dir = tempDir();
    const first = await startServer({ dir });
    const sent: {
      key: string;
      body: ReturnType<typeof validApplication>;
      answer: Record<string, string>;
    }[] = [];
    for (let i = 0; i < 5; i++) {
      const key = crypto.randomUUID();
      const body = validApplication((b) => {
        b.amount += i * 100_000;
      });
      sent.push({ key, body, answer: (await submit(first.port, body, key)).json });
    }
    await first.close();

    const second = await startServer({ dir });
    try {
      for (const { key, body, answer } of sent) {
        const seen = await request(second.port, 'GET', `/api/applications/${answer.id}`, {
          headers: { authorization: `Bearer ${answer.accessToken}` },
        });
        expect(seen.status).toBe(200);
        expect(seen.json.reference).toBe(answer.reference);
        const replay = await submit(second.port, body, key);
        expect(replay.status).toBe(201);
        expect(replay.json).toEqual(answer);
        const other = validApplication((b) => {
          b.months = 24;
        });
        const reused = await submit(second.port, other, key);
        expect(reused.status).toBe(422);
      }
      const db = new Database(second.dbPath, { readonly: true });
      const counts = db
        .prepare(
          `SELECT (SELECT count(*) FROM applications) AS a, (SELECT count(*) FROM idempotency_keys) AS k`,
        )
        .get();
      db.close();
      expect(counts).toEqual({ a: 5, k: 5 });
    } finally {
      await second.cleanUp();
    }
  });

  it('uses WAL and records the schema version', async () => {
    const dir = tempDir();
    const store = openSqliteStore(join(dir, 'data', 'kindly.sqlite'));
    await store.close();
    const db = new Database(join(dir, 'data', 'kindly.sqlite'), { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const versions = db
      .prepare('SELECT version FROM schema_migrations ORDER BY version')
      .pluck()
      .all();
    db.close();
    expect(versions).toEqual(MIGRATIONS.map((m) => m.version));
  });
});

describe('group commit', () => {
  function input(key: string): NewApplication {
    const at = new Date('2025-06-01T00:00:00Z').toISOString();
    return {
      application: {
        id: crypto.randomUUID(),
        status: 'received',
        tokenHash: hashOf('access-token', key),
        receivedAt: at,
        withdrawableUntil: at,
        withdrawnAt: null,
        erasedAt: null,
        body: '{}',
      },
      keyHash: hashOf('idempotency-key', key),
      fingerprint: hashOf('body', '{}'),
    };
  }

  it('writes concurrent applications together; one failure spares the others', async () => {
    const db = new Database(':memory:');
    migrate(db);
    // References in turn: a's, then b's ten tries all taken by a, then c's.
    const references = ['KND-AAA-AAA', ...Array(10).fill('KND-AAA-AAA'), 'KND-CCC-CCC'];
    const writes = sqliteWrites(
      db,
      dataCipher(randomBytes(32)),
      () => references.shift() ?? 'KND-ZZZ-ZZZ',
    );
    const batches: number[] = [];
    const commits = groupCommit((items) => {
      batches.push(items.length);
      return writes.createBatch(items);
    });
    const outcomes = await Promise.allSettled([
      commits.add(input('a')),
      commits.add(input('b')),
      commits.add(input('c')),
      // The same key twice in one batch: the second finds the first.
      commits.add(input('c')),
    ]);
    expect(batches).toEqual([4]);
    expect(outcomes.map((o) => o.status)).toEqual([
      'fulfilled',
      'rejected',
      'fulfilled',
      'fulfilled',
    ]);
    const last = outcomes[3];
    expect(last?.status === 'fulfilled' && last.value.kind).toBe('key-exists');
    const count = db.prepare('SELECT count(*) FROM applications').pluck().get();
    expect(count).toBe(2);
    db.close();
  });

  it('writes what is queued before closing', async () => {
    const store = openSqliteStore(join(tempDir(), 'kindly.sqlite'));
    const writes = Array.from({ length: 50 }, (_, i) => store.createApplication(input(`k${i}`)));
    const last = store.createApplication(input('late'));
    await store.close();
    expect((await last).kind).toBe('created');
    const outcomes = await Promise.all(writes);
    expect(new Set(outcomes.map((o) => o.kind === 'created' && o.application.reference)).size).toBe(
      50,
    );
  });

  it('answers the same bytes it was given', async () => {
    const store = openSqliteStore(join(tempDir(), 'kindly.sqlite'));
    try {
      const sent = input('bytes');
      const outcome = await store.createApplication(sent);
      expect(outcome.kind).toBe('created');
      const record = await store.findIdempotency(sent.keyHash);
      expect(Buffer.isBuffer(record?.fingerprint)).toBe(true);
      expect(record?.fingerprint.equals(sent.fingerprint)).toBe(true);
      const stored = await store.getApplication(sent.application.id);
      expect(stored?.tokenHash.equals(sent.application.tokenHash)).toBe(true);
    } finally {
      await store.close();
    }
  });

  it('answers, from the writer thread, the application and record exactly as stored', async () => {
    const store = openSqliteStore(join(tempDir(), 'kindly.sqlite'));
    try {
      const sent = input('whole');
      const outcome = await store.createApplication(sent);
      if (outcome.kind !== 'created') throw new Error(`expected created, got ${outcome.kind}`);
      expect(outcome.application).toEqual(await store.getApplication(sent.application.id));
      expect(outcome.record).toEqual(await store.findIdempotency(sent.keyHash));
      expect(JSON.parse(outcome.record.response).reference).toBe(outcome.application.reference);
    } finally {
      await store.close();
    }
  });
});

describe('migrations', () => {
  it('run once: a second start changes nothing', () => {
    const db = new Database(':memory:');
    expect(migrate(db)).toBe(MIGRATIONS.length);
    expect(migrate(db)).toBe(MIGRATIONS.length);
    const rows = db.prepare('SELECT count(*) FROM schema_migrations').pluck().get();
    expect(rows).toBe(MIGRATIONS.length);
    db.close();
  });

  it('apply a new step on top of an existing database', () => {
    const db = new Database(':memory:');
    migrate(db);
    const next = [
      ...MIGRATIONS,
      { version: MIGRATIONS.length + 1, description: 'test', sql: 'CREATE TABLE later (x)' },
    ];
    expect(migrate(db, next)).toBe(MIGRATIONS.length + 1);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'later'").pluck().get()).toBe(
      'later',
    );
    db.close();
  });

  it('roll a failing step back whole, and refuse a database newer than the server', () => {
    const db = new Database(':memory:');
    migrate(db);
    const broken = [
      ...MIGRATIONS,
      {
        version: MIGRATIONS.length + 1,
        description: 'half',
        sql: 'CREATE TABLE half (x); SELECT no_such_function();',
      },
    ];
    expect(() => migrate(db, broken)).toThrow();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").pluck().get()).toBe(
      undefined,
    );
    expect(() => migrate(db, MIGRATIONS.slice(0, 0))).toThrow(/newer than this server/);
    db.close();
  });
});

describe('idempotency keys', () => {
  it('are kept for the configured days, then forgotten', async () => {
    const dir = tempDir();
    let clock = new Date('2025-06-01T00:00:00Z');
    const server = await startServer({ dir, now: () => clock });
    const key = crypto.randomUUID();
    const body = validApplication();
    const first = (await submit(server.port, body, key)).json;
    await server.close();

    const store = openSqliteStore(server.dbPath);
    try {
      clock = new Date(clock.getTime() + 7 * DAY_MS);
      expect(
        await store.purgeIdempotency(new Date(clock.getTime() - 7 * DAY_MS).toISOString()),
      ).toBe(0);
      clock = new Date(clock.getTime() + DAY_MS);
      expect(
        await store.purgeIdempotency(new Date(clock.getTime() - 7 * DAY_MS).toISOString()),
      ).toBe(1);
      // The application itself stays.
      expect(await store.getApplication(first.id)).not.toBeNull();
    } finally {
      await store.close();
    }
  });

  it('are purged when the server starts', async () => {
    const dir = tempDir();
    let clock = new Date('2025-06-01T00:00:00Z');
    const first = await startServer({ dir, now: () => clock });
    await submit(first.port, validApplication());
    await first.close();
    clock = new Date(clock.getTime() + 8 * DAY_MS);
    const second = await startServer({ dir, now: () => clock });
    await second.close();
    const store = openSqliteStore(second.dbPath);
    expect(await store.counts()).toEqual({ applications: 1, idempotencyKeys: 0 });
    await store.close();
  });
});
