// The embedded default store: one SQLite file in WAL mode through better-sqlite3.
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './sqlite-migrations';
import type {
  CreateOutcome,
  IdempotencyRecord,
  NewApplication,
  Store,
  StoredApplication,
} from './store';

// A reference is drawn from 31^6 (about 887 million) values; a clash is rare, and a
// clash ten times in a row means something is broken rather than unlucky.
const REFERENCE_ATTEMPTS = 10;

// The most applications written in one transaction; more wait for the next.
const MAX_BATCH = 256;

/** Brings a database up to the newest migration, each step in its own transaction. Refuses a
 *  database made by a newer server, which this one would misread. */
export function migrate(db: Database.Database, migrations: readonly Migration[] = MIGRATIONS) {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    description TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const current = () =>
    (
      db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as {
        version: number | null;
      }
    ).version ?? 0;
  const newest = migrations.at(-1)?.version ?? 0;
  if (current() > newest) {
    throw new Error(
      `The database is at schema version ${current()}, newer than this server knows (${newest}). ` +
        'Run the newer server, or restore a backup made for this one.',
    );
  }
  for (const migration of migrations) {
    // IMMEDIATE takes the write lock first, so two servers starting together on one file
    // cannot both apply the same step.
    db.transaction(() => {
      if (current() >= migration.version) return;
      db.exec(migration.sql);
      db.prepare(
        'INSERT INTO schema_migrations (version, description, applied_at) VALUES (?, ?, ?)',
      ).run(migration.version, migration.description, new Date().toISOString());
    }).immediate();
  }
  return newest;
}

const APPLICATION_COLUMNS = `id, reference, status, token_hash AS tokenHash,
  received_at AS receivedAt, withdrawable_until AS withdrawableUntil,
  withdrawn_at AS withdrawnAt, body`;

const IDEMPOTENCY_COLUMNS = `key_hash AS keyHash, fingerprint, application_id AS applicationId,
  status_code AS statusCode, response, created_at AS createdAt`;

function isUniqueViolation(error: unknown, column: string): boolean {
  return (
    error instanceof Database.SqliteError &&
    error.code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    error.message.includes(column)
  );
}

/** Opens (creating and migrating when needed) the SQLite store at `path`; ':memory:' for a
 *  throwaway database. */
export function openSqliteStore(path: string): Store {
  if (path !== ':memory:' && !path.startsWith('file:'))
    mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // FULL: an application is on disk (fsync) before its 201 is sent, even if the power fails
  // next. NORMAL would be faster, and could lose the last answered applications to a power cut.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const version = migrate(db);

  const statements = {
    version: db.prepare('SELECT max(version) AS version FROM schema_migrations'),
    secret: db.prepare('SELECT value FROM secrets WHERE name = ?').pluck(),
    addSecret: db.prepare('INSERT OR IGNORE INTO secrets (name, value) VALUES (?, ?)'),
    findKey: db.prepare(`SELECT ${IDEMPOTENCY_COLUMNS} FROM idempotency_keys WHERE key_hash = ?`),
    addKey: db.prepare(`INSERT INTO idempotency_keys
      (key_hash, fingerprint, application_id, status_code, response, created_at)
      VALUES (@keyHash, @fingerprint, @applicationId, @statusCode, @response, @createdAt)`),
    addApplication: db.prepare(`INSERT INTO applications
      (id, reference, status, token_hash, received_at, withdrawable_until, withdrawn_at, body)
      VALUES (@id, @reference, @status, @tokenHash, @receivedAt, @withdrawableUntil,
        @withdrawnAt, @body)`),
    getApplication: db.prepare(`SELECT ${APPLICATION_COLUMNS} FROM applications WHERE id = ?`),
    withdraw: db.prepare(`UPDATE applications SET status = 'withdrawn', withdrawn_at = @at
      WHERE id = @id AND status = 'received' AND withdrawable_until > @at`),
    purge: db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?'),
    counts: db.prepare(`SELECT (SELECT count(*) FROM applications) AS applications,
      (SELECT count(*) FROM idempotency_keys) AS idempotencyKeys`),
  };

  // One application with its idempotency record. Called inside a batch's transaction, so
  // better-sqlite3 runs it as a SAVEPOINT: it stores both or neither, and its failure
  // leaves the other applications of the batch alone.
  const createOne = db.transaction((input: NewApplication) => {
    const existing = statements.findKey.get(input.keyHash) as IdempotencyRecord | undefined;
    if (existing) return { kind: 'key-exists' as const, record: existing };
    for (let attempt = 1; ; attempt++) {
      const application: StoredApplication = { ...input.application, reference: input.reference() };
      try {
        statements.addApplication.run(application);
      } catch (error) {
        if (attempt < REFERENCE_ATTEMPTS && isUniqueViolation(error, 'applications.reference')) {
          continue;
        }
        throw error;
      }
      const record: IdempotencyRecord = {
        keyHash: input.keyHash,
        fingerprint: input.fingerprint,
        applicationId: application.id,
        createdAt: application.receivedAt,
        ...input.respond(application),
      };
      statements.addKey.run(record);
      return { kind: 'created' as const, application, record };
    }
  });

  // Group commit: the applications that arrive while the event loop is busy are written in
  // one transaction, so one fsync makes a whole batch durable. On this kind of disk an fsync
  // takes about 1.4 ms; one per application would cap the server near 700 a second.
  type Pending = {
    input: NewApplication;
    resolve: (outcome: CreateOutcome) => void;
    reject: (error: unknown) => void;
  };
  const queue: Pending[] = [];
  const commitBatch = db.transaction((batch: Pending[]) =>
    batch.map((item) => {
      try {
        return { ok: true as const, outcome: createOne(item.input) };
      } catch (error) {
        return { ok: false as const, error };
      }
    }),
  );
  const flush = () => {
    const batch = queue.splice(0, MAX_BATCH);
    if (queue.length > 0) setImmediate(flush);
    if (batch.length === 0) return;
    let results: ReturnType<typeof commitBatch>;
    try {
      // IMMEDIATE: take the write lock before reading any key, so that two processes on one
      // file cannot both decide a key is new.
      results = commitBatch.immediate(batch);
    } catch (error) {
      for (const item of batch) item.reject(error);
      return;
    }
    batch.forEach((item, i) => {
      const result = results[i];
      if (result?.ok) item.resolve(result.outcome);
      else item.reject(result?.error);
    });
  };

  const withdraw = db.transaction((id: string, at: string) => {
    statements.withdraw.run({ id, at });
    return (statements.getApplication.get(id) as StoredApplication | undefined) ?? null;
  });

  let secret: Buffer | null = null;

  return {
    async check() {
      const row = statements.version.get() as { version: number | null };
      if (row.version !== version)
        throw new Error('database schema is not at the expected version');
    },
    async tokenSecret() {
      if (!secret) {
        statements.addSecret.run('access-token', randomBytes(32));
        secret = statements.secret.get('access-token') as Buffer;
      }
      return secret;
    },
    async findIdempotency(keyHash) {
      return (statements.findKey.get(keyHash) as IdempotencyRecord | undefined) ?? null;
    },
    createApplication(input) {
      return new Promise((resolve, reject) => {
        queue.push({ input, resolve, reject });
        if (queue.length === 1) setImmediate(flush);
      });
    },
    async getApplication(id) {
      return (statements.getApplication.get(id) as StoredApplication | undefined) ?? null;
    },
    async withdraw(id, at) {
      return withdraw.immediate(id, at);
    },
    async purgeIdempotency(before) {
      return statements.purge.run(before).changes;
    },
    async counts() {
      return statements.counts.get() as { applications: number; idempotencyKeys: number };
    },
    async close() {
      while (queue.length > 0) flush();
      if (db.open) db.close();
    },
  };
}
