// The PostgreSQL schema, one numbered step at a time, as the SQLite one is kept (a released
// step is never edited). Instants stay ISO 8601 text, as in SQLite, so that both backends
// compare and answer them the same way; bodies stay text, so that their JSON comes back
// exactly as it was stored.
import { randomBytes } from 'node:crypto';
import type { Pool, PoolClient } from 'pg';
import type { Migration } from './sqlite-migrations';

/** Every PostgreSQL migration, in order. */
export const PG_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'applications, idempotency keys, secrets, staff, resume codes, shared limits',
    sql: `
      CREATE TABLE applications (
        id TEXT PRIMARY KEY,
        reference TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL CHECK (status IN ('received', 'withdrawn')),
        token_hash BYTEA NOT NULL,
        received_at TEXT NOT NULL,
        withdrawable_until TEXT NOT NULL,
        withdrawn_at TEXT,
        body TEXT NOT NULL CHECK (body::jsonb IS NOT NULL),
        data_key TEXT,
        erased_at TEXT
      );
      CREATE INDEX applications_data_key ON applications (data_key) WHERE erased_at IS NULL;
      CREATE INDEX applications_kept ON applications (received_at) WHERE erased_at IS NULL;

      CREATE TABLE idempotency_keys (
        key_hash BYTEA PRIMARY KEY,
        fingerprint BYTEA NOT NULL,
        application_id TEXT NOT NULL REFERENCES applications (id),
        status_code INTEGER NOT NULL,
        response TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);

      CREATE TABLE secrets (
        name TEXT PRIMARY KEY,
        value BYTEA NOT NULL
      );

      CREATE TABLE staff (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        branch TEXT NOT NULL,
        passcode_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
      );

      CREATE TABLE staff_sessions (
        token_hash BYTEA PRIMARY KEY,
        staff_id TEXT NOT NULL REFERENCES staff (id),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      );
      CREATE INDEX staff_sessions_expires_at ON staff_sessions (expires_at);

      -- Keyed by the id as typed, account or not, so unknown ids lock like real ones.
      CREATE TABLE staff_sign_in_failures (
        staff_id TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        locked_until TEXT,
        updated_at TEXT NOT NULL
      );

      CREATE TABLE resume_codes (
        code_hash BYTEA PRIMARY KEY,
        draft BYTEA NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        data_key TEXT
      );
      CREATE INDEX resume_codes_expires_at ON resume_codes (expires_at);

      -- The per-client limits that protect people, counted here so that every process and
      -- host counts together. The key is a keyed hash: no client address is kept.
      CREATE TABLE client_limits (
        key_hash BYTEA PRIMARY KEY,
        hits INTEGER NOT NULL,
        window_ends BIGINT NOT NULL
      );
      CREATE INDEX client_limits_window_ends ON client_limits (window_ends);
    `,
  },
  {
    version: 2,
    description:
      'review: states beyond received and withdrawn, decisions, the queue, the audit record, staff roles',
    sql: `
      ALTER TABLE applications DROP CONSTRAINT applications_status_check;
      ALTER TABLE applications ADD CONSTRAINT applications_status_check
        CHECK (status IN ('received', 'call-first', 'awaiting-approval', 'offered', 'declined',
          'accepted', 'refused', 'lapsed', 'withdrawn'));
      -- The latest decision (who, when, what), as JSON; NULL until a reviewer decides.
      ALTER TABLE applications ADD COLUMN decision TEXT
        CHECK (decision IS NULL OR decision::jsonb IS NOT NULL);
      -- Staff help as the queue filters it: verified, claimed but not verified, or none. Read
      -- from the body's unsealed part, so PostgreSQL keeps it up to date itself.
      ALTER TABLE applications ADD COLUMN help TEXT GENERATED ALWAYS AS (CASE
        WHEN body::jsonb #>> '{assisted,staffId}' IS NOT NULL THEN 'assisted'
        WHEN body::jsonb #>> '{staffClaim,staffId}' IS NOT NULL THEN 'claimed' END) STORED;

      -- The queue, oldest first: all that wait for a reviewer, those in one state, and those
      -- with staff help of one kind, each read in order from its own index.
      CREATE INDEX applications_queue ON applications (received_at, id)
        WHERE status IN ('received', 'call-first', 'awaiting-approval');
      CREATE INDEX applications_by_state ON applications (status, received_at, id);
      CREATE INDEX applications_queue_help ON applications (help, received_at, id)
        WHERE status IN ('received', 'call-first', 'awaiting-approval') AND help IS NOT NULL;

      -- Who looked at an application's personal details or decided on it, when, and what:
      -- added to, never changed. The triggers hold every role to that, the table's owner too.
      CREATE TABLE audit_events (
        seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        application_id TEXT NOT NULL REFERENCES applications (id),
        actor TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('viewed', 'call-first', 'offer', 'approve',
          'decline', 'accept', 'refuse', 'lapse', 'withdraw')),
        at TEXT NOT NULL,
        detail TEXT CHECK (detail IS NULL OR detail::jsonb IS NOT NULL)
      );
      CREATE INDEX audit_events_application ON audit_events (application_id, seq);
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'the audit record is append-only'; END $$;
      CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
        FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
      CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
        FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

      ALTER TABLE staff ADD COLUMN role TEXT NOT NULL DEFAULT 'branch'
        CHECK (role IN ('branch', 'reviewer'));
    `,
  },
];

// Any fixed number, the same in every Kindly process: the lock that makes migrations one at a
// time across processes and hosts.
const MIGRATION_LOCK = 0x4b696e64;

/** Brings the database up to the newest migration under an advisory lock held for the whole
 *  run, so that processes starting together apply each step once. Refuses a database made by
 *  a newer server. Answers the version. */
export async function migratePg(
  pool: Pool,
  migrations: readonly Migration[] = PG_MIGRATIONS,
): Promise<number> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        description TEXT NOT NULL,
        applied_at TEXT NOT NULL
      )`);
      const current = async () =>
        (
          await client.query<{ version: number | null }>(
            'SELECT max(version) AS version FROM schema_migrations',
          )
        ).rows[0]?.version ?? 0;
      const newest = migrations.at(-1)?.version ?? 0;
      const at = await current();
      if (at > newest) {
        throw new Error(
          `The database is at schema version ${at}, newer than this server knows (${newest}). ` +
            'Run the newer server, or restore a backup made for this one.',
        );
      }
      for (const migration of migrations) {
        if (migration.version <= at) continue;
        await inTransaction(client, async () => {
          await client.query(migration.sql);
          await client.query(
            'INSERT INTO schema_migrations (version, description, applied_at) VALUES ($1, $2, $3)',
            [migration.version, migration.description, new Date().toISOString()],
          );
        });
      }
      return newest;
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

/** Runs `work` in a transaction on `client`: committed when it returns, rolled back when it
 *  throws. */
export async function inTransaction<T>(client: PoolClient, work: () => Promise<T>): Promise<T> {
  await client.query('BEGIN');
  try {
    const result = await work();
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  }
}

/** The server secret called `name` (32 random bytes), made on first use by whichever process
 *  comes first and the same for every process ever after. */
export async function storedSecretPg(pool: Pool, name: string): Promise<Buffer> {
  await pool.query(
    'INSERT INTO secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING',
    [name, randomBytes(32)],
  );
  const { rows } = await pool.query<{ value: Buffer }>(
    'SELECT value FROM secrets WHERE name = $1',
    [name],
  );
  const value = rows[0]?.value;
  if (!value) throw new Error(`the secret ${name} could not be stored`);
  return value;
}
