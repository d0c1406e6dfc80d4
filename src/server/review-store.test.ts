// The review store: steps checked against the state machine and the state the caller saw,
// each with its audit entry or neither, and an audit record nobody can rewrite.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashOf } from './secrets';
import { MIGRATIONS, migrate } from './sqlite-migrations';
import { QUEUE_WHERE } from './sqlite-review';
import { openSqliteStore } from './sqlite-store';
import type { Decision, Store } from './store';
import { removeTempDirs, tempDir } from './test-support';

const AT = '2026-03-02T09:00:00.000Z';
const LATER = '2026-03-02T10:00:00.000Z';

afterAll(() => {
  removeTempDirs();
});

async function add(store: Store, body: Record<string, unknown> = {}, key = crypto.randomUUID()) {
  const outcome = await store.createApplication({
    application: {
      id: crypto.randomUUID(),
      status: 'received',
      tokenHash: hashOf('access-token', key),
      receivedAt: AT,
      withdrawableUntil: '2026-03-16T09:00:00.000Z',
      withdrawnAt: null,
      erasedAt: null,
      body: JSON.stringify(body),
    },
    keyHash: hashOf('idempotency-key', key),
    fingerprint: hashOf('body', key),
  });
  if (outcome.kind !== 'created') throw new Error('not created');
  return outcome.application;
}

const offerBy = (by: string): Decision => ({
  kind: 'offer',
  by,
  at: AT,
  amount: 500_000,
  months: 12,
});

describe('review store', () => {
  let store: Store;
  beforeEach(() => {
    store = openSqliteStore(':memory:');
  });
  afterEach(async () => {
    await store.close();
  });

  it('takes a step with its decision and audit entry, and reads the history in order', async () => {
    const application = await add(store);
    expect(application.decision).toBeNull();
    await store.review.recordView(application.id, 'S-REV1', AT);
    const outcome = await store.review.transition({
      applicationId: application.id,
      from: 'received',
      event: { type: 'offer', needsSecondReviewer: false },
      actor: 'S-REV1',
      at: LATER,
      detail: { amount: 500_000, months: 12 },
      decision: offerBy('S-REV1'),
    });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.application.status).toBe('offered');
    expect(JSON.parse(outcome.application.decision ?? 'null')).toEqual(offerBy('S-REV1'));
    expect((await store.getApplication(application.id))?.status).toBe('offered');
    const history = await store.review.history(application.id);
    expect(history.map(({ actor, action, at, detail }) => ({ actor, action, at, detail }))).toEqual(
      [
        { actor: 'S-REV1', action: 'viewed', at: AT, detail: null },
        { actor: 'S-REV1', action: 'offer', at: LATER, detail: { amount: 500_000, months: 12 } },
      ],
    );
    expect(history[0].seq).toBeLessThan(history[1].seq);
  });

  it('refuses a step the state machine forbids, or from a state that has changed, writing nothing', async () => {
    const application = await add(store);
    const withdrawn = await store.withdraw(application.id, LATER);
    expect(withdrawn?.status).toBe('withdrawn');
    const decline = {
      applicationId: application.id,
      event: { type: 'decline' as const },
      actor: 'S-REV1',
      at: LATER,
    };
    // The reviewer's page still showed it received: it changed underneath.
    expect(await store.review.transition({ ...decline, from: 'received' })).toEqual({
      ok: false,
      reason: 'changed',
    });
    expect(await store.review.transition({ ...decline, from: 'withdrawn' })).toEqual({
      ok: false,
      reason: 'not-allowed',
    });
    expect(
      await store.review.transition({
        ...decline,
        applicationId: crypto.randomUUID(),
        from: 'received',
      }),
    ).toEqual({ ok: false, reason: 'unknown' });
    expect(await store.review.history(application.id)).toEqual([]);
    expect((await store.getApplication(application.id))?.status).toBe('withdrawn');
  });

  it('holds four eyes: the proposer cannot agree to their own offer', async () => {
    const application = await add(store);
    const proposed = await store.review.transition({
      applicationId: application.id,
      from: 'received',
      event: { type: 'offer', needsSecondReviewer: true },
      actor: 'S-REV1',
      at: AT,
      decision: offerBy('S-REV1'),
    });
    expect(proposed.ok && proposed.application.status).toBe('awaiting-approval');
    const approve = (reviewer: string) =>
      store.review.transition({
        applicationId: application.id,
        from: 'awaiting-approval',
        event: { type: 'approve', reviewer, proposedBy: 'S-REV1' },
        actor: reviewer,
        at: LATER,
      });
    expect(await approve('S-REV1')).toEqual({ ok: false, reason: 'same-reviewer' });
    const agreed = await approve('S-REV2');
    expect(agreed.ok && agreed.application.status).toBe('offered');
    // A step without a decision keeps the one there was.
    expect(agreed.ok && JSON.parse(agreed.application.decision ?? 'null')).toEqual(
      offerBy('S-REV1'),
    );
  });

  it('lets an application waiting for a call first still be withdrawn', async () => {
    const application = await add(store);
    await store.review.transition({
      applicationId: application.id,
      from: 'received',
      event: { type: 'call-first' },
      actor: 'S-REV1',
      at: AT,
    });
    expect((await store.withdraw(application.id, LATER))?.status).toBe('withdrawn');
  });
});

describe('the audit record and the queue columns in SQLite', () => {
  it('refuses to change or delete an entry', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'kindly.sqlite');
    const store = openSqliteStore(dbPath);
    const application = await add(store);
    await store.review.recordView(application.id, 'S-REV1', AT);
    await store.close();
    const db = new Database(dbPath);
    try {
      expect(() => db.prepare("UPDATE audit_events SET actor = 'S-OTHER'").run()).toThrow(
        /append-only/,
      );
      expect(() => db.prepare('DELETE FROM audit_events').run()).toThrow(/append-only/);
      expect(db.prepare('SELECT actor FROM audit_events').pluck().all()).toEqual(['S-REV1']);
    } finally {
      db.close();
    }
  });

  it('tell staff help verified from help only claimed, from the unsealed part of the body', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'kindly.sqlite');
    const store = openSqliteStore(dbPath);
    const own = await add(store);
    const helped = await add(store, { assisted: { staffId: 'S-7F3Q', branch: 'Pudong 3' } });
    const claimed = await add(store, {
      staffClaim: { staffId: 'S-7F3Q', verified: false, reason: 'no-attestation' },
    });
    await store.close();
    const db = new Database(dbPath, { readonly: true });
    try {
      const help = (id: string) =>
        db.prepare('SELECT help FROM applications WHERE id = ?').pluck().get(id);
      expect([help(own.id), help(helped.id), help(claimed.id)]).toEqual([
        null,
        'assisted',
        'claimed',
      ]);
    } finally {
      db.close();
    }
  });

  it('carry applications and their idempotency keys over from the schema before', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    migrate(
      db,
      MIGRATIONS.filter((m) => m.version <= 3),
    );
    db.prepare(`INSERT INTO applications (id, reference, status, token_hash, received_at,
      withdrawable_until, body) VALUES ('a1', 'KND-AAA-AAA', 'withdrawn', x'00', ?, ?, '{}')`).run(
      AT,
      AT,
    );
    db.prepare(`INSERT INTO idempotency_keys VALUES (x'01', x'02', 'a1', 201, '{}', ?)`).run(AT);
    migrate(db);
    expect(db.prepare('SELECT id, status, decision FROM applications').all()).toEqual([
      { id: 'a1', status: 'withdrawn', decision: null },
    ]);
    expect(db.prepare('SELECT application_id FROM idempotency_keys').pluck().all()).toEqual(['a1']);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    // The key still points at the applications table by its name after the copy.
    expect(() =>
      db
        .prepare(`INSERT INTO idempotency_keys VALUES (x'03', x'02', 'nobody', 201, '{}', ?)`)
        .run(AT),
    ).toThrow(/FOREIGN KEY/);
    db.close();
  });
});

describe('the queue', () => {
  // Applications straight into the table, many at once: the queue reads only its columns.
  function fill(db: Database.Database, count: number) {
    const insert = db.prepare(`INSERT INTO applications (id, reference, status, token_hash,
      received_at, withdrawable_until, body) VALUES (@id, @reference, @status, x'00',
      @receivedAt, @receivedAt, @body)`);
    const states = ['received', 'call-first', 'awaiting-approval', 'offered', 'withdrawn'];
    db.transaction(() => {
      for (let i = 0; i < count; i++) {
        const help =
          i % 7 === 0
            ? { assisted: { staffId: 'S-7F3Q', branch: 'Pudong 3' } }
            : i % 11 === 0
              ? { staffClaim: { staffId: 'S-7F3Q', verified: false, reason: 'no-attestation' } }
              : {};
        insert.run({
          id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
          reference: `KND-${String(i).padStart(7, '0')}`,
          status: states[i % states.length],
          // Received in an order other than the ids', so the order is the queue's own.
          receivedAt: new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % count) * 1000).toISOString(),
          body: JSON.stringify({ productId: 'home-repair', amount: 200_000, months: 12, ...help }),
        });
      }
    })();
  }

  it('pages oldest first through exactly the applications of each filter', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'kindly.sqlite');
    const setup = openSqliteStore(dbPath);
    await setup.close();
    const db = new Database(dbPath);
    fill(db, 500);
    db.close();
    const store = openSqliteStore(dbPath);
    try {
      const expected = (where: (row: { status: string; help: string | null }) => boolean) => {
        const reader = new Database(dbPath, { readonly: true });
        const rows = reader
          .prepare('SELECT id, status, help, received_at FROM applications')
          .all() as { id: string; status: string; help: string | null; received_at: string }[];
        reader.close();
        return rows
          .filter(where)
          .sort((a, b) => a.received_at.localeCompare(b.received_at) || a.id.localeCompare(b.id))
          .map((row) => row.id);
      };
      const inQueue = (status: string) =>
        ['received', 'call-first', 'awaiting-approval'].includes(status);
      const walk = async (filter: Parameters<Store['review']['queue']>[0]) => {
        const ids: string[] = [];
        let after: { receivedAt: string; id: string } | undefined;
        for (;;) {
          const page = await store.review.queue(filter, 40, after);
          ids.push(...page.map((item) => item.id));
          const last = page.at(-1);
          if (page.length < 40 || !last) return ids;
          after = { receivedAt: last.receivedAt, id: last.id };
        }
      };
      expect(await walk('all')).toEqual(expected((r) => inQueue(r.status)));
      expect(await walk('waiting')).toEqual(expected((r) => r.status === 'received'));
      expect(await walk('call-first')).toEqual(expected((r) => r.status === 'call-first'));
      expect(await walk('assisted')).toEqual(
        expected((r) => inQueue(r.status) && r.help === 'assisted'),
      );
      expect(await walk('claimed-help')).toEqual(
        expected((r) => inQueue(r.status) && r.help === 'claimed'),
      );
      const [first] = await store.review.queue('all', 1);
      expect(first).toMatchObject({ productId: 'home-repair', amount: 200_000, months: 12 });
      expect(await store.review.findReference('KND-0000042')).toMatchObject({
        reference: 'KND-0000042',
        status: 'awaiting-approval',
      });
      expect(await store.review.findReference('KND-9999999')).toBeNull();
    } finally {
      await store.close();
    }
  });

  it('answers a first page of each filter in well under 50 ms with 100,000 applications stored', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'kindly.sqlite');
    await openSqliteStore(dbPath).close();
    const db = new Database(dbPath);
    fill(db, 100_000);
    db.close();
    const store = openSqliteStore(dbPath);
    try {
      for (const filter of Object.keys(QUEUE_WHERE) as (keyof typeof QUEUE_WHERE)[]) {
        const times: number[] = [];
        for (let i = 0; i < 200; i++) {
          const start = performance.now();
          const page = await store.review.queue(filter, 25);
          times.push(performance.now() - start);
          expect(page.length).toBe(25);
        }
        times.sort((a, b) => a - b);
        const p99 = times[Math.floor(times.length * 0.99)] ?? Number.POSITIVE_INFINITY;
        expect(p99, filter).toBeLessThan(50);
      }
    } finally {
      await store.close();
    }
  }, 60_000);

  it('reads each filter from an index in order, never sorting the whole table', () => {
    const db = new Database(':memory:');
    migrate(db);
    fill(db, 2_000);
    db.exec('ANALYZE');
    for (const where of Object.values(QUEUE_WHERE)) {
      const plan = (
        db
          .prepare(`EXPLAIN QUERY PLAN SELECT id FROM applications WHERE ${where}
            AND (received_at, id) > ('2026', '') ORDER BY received_at, id LIMIT 25`)
          .all() as { detail: string }[]
      )
        .map((row) => row.detail)
        .join('\n');
      expect(plan, where).toMatch(/USING (COVERING )?INDEX applications_/);
      expect(plan, where).not.toMatch(/TEMP B-TREE/);
    }
    db.close();
  });
});
