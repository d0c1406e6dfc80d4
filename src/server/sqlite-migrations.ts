// The SQLite schema, one numbered step at a time. A step, once released, is never edited:
// a change to the schema is a new step at the end. Each step runs in its own transaction.
import { randomBytes } from 'node:crypto';
import type Database from 'better-sqlite3';

/** One versioned change to the schema. */
export interface Migration {
  version: number;
  description: string;
  sql: string;
}

/** Every migration, in order. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    description: 'applications, idempotency keys, server secrets',
    sql: `
      CREATE TABLE applications (
        id TEXT PRIMARY KEY,
        reference TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL CHECK (status IN ('received', 'withdrawn')),
        token_hash BLOB NOT NULL,
        received_at TEXT NOT NULL,
        withdrawable_until TEXT NOT NULL,
        withdrawn_at TEXT,
        body TEXT NOT NULL CHECK (json_valid(body))
      ) STRICT;

      CREATE TABLE idempotency_keys (
        key_hash BLOB PRIMARY KEY,
        fingerprint BLOB NOT NULL,
        application_id TEXT NOT NULL REFERENCES applications (id),
        status_code INTEGER NOT NULL,
        response TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);

      CREATE TABLE secrets (
        name TEXT PRIMARY KEY,
        value BLOB NOT NULL
      ) STRICT;
    `,
  },
  {
    version: 2,
    description: 'staff accounts, sessions and failed sign-ins; resume codes',
    sql: `
      CREATE TABLE staff (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        branch TEXT NOT NULL,
        passcode_hash TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE staff_sessions (
        token_hash BLOB PRIMARY KEY,
        staff_id TEXT NOT NULL REFERENCES staff (id),
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX staff_sessions_expires_at ON staff_sessions (expires_at);

      -- Keyed by the id as typed, account or not, so unknown ids lock like real ones.
      CREATE TABLE staff_sign_in_failures (
        staff_id TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        locked_until TEXT,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE resume_codes (
        code_hash BLOB PRIMARY KEY,
        draft BLOB NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL
      ) STRICT;
      CREATE INDEX resume_codes_expires_at ON resume_codes (expires_at);
    `,
  },
  {
    version: 3,
    description: 'personal data sealed under a data key kept outside the database; erasure',
    sql: `
      -- The id of the data key an application's personal fields are sealed under; NULL for
      -- one stored before sealing (sealed at the next start) or erased.
      ALTER TABLE applications ADD COLUMN data_key TEXT;
      -- When its personal fields were erased (kept past retention, or asked by the applicant).
      ALTER TABLE applications ADD COLUMN erased_at TEXT;
      -- Only applications still holding personal data are indexed: what rotation and the
      -- retention job look for.
      CREATE INDEX applications_data_key ON applications (data_key) WHERE erased_at IS NULL;
      CREATE INDEX applications_kept ON applications (received_at) WHERE erased_at IS NULL;
      ALTER TABLE resume_codes ADD COLUMN data_key TEXT;
    `,
  },
  {
    version: 4,
    description:
      'review: states beyond received and withdrawn, decisions, the queue, the audit record, staff roles',
    sql: `
      -- SQLite cannot widen a CHECK in place: the applications are copied into a table with
      -- the new states, and idempotency_keys (which references it) with them, so that no
      -- foreign key ever points at a table being dropped.
      CREATE TABLE applications_next (
        id TEXT PRIMARY KEY,
        reference TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL CHECK (status IN ('received', 'call-first', 'awaiting-approval',
          'offered', 'declined', 'accepted', 'refused', 'lapsed', 'withdrawn')),
        token_hash BLOB NOT NULL,
        received_at TEXT NOT NULL,
        withdrawable_until TEXT NOT NULL,
        withdrawn_at TEXT,
        body TEXT NOT NULL CHECK (json_valid(body)),
        data_key TEXT,
        erased_at TEXT,
        -- The latest decision (who, when, what), as JSON; NULL until a reviewer decides.
        decision TEXT CHECK (decision IS NULL OR json_valid(decision)),
        -- Staff help as the queue filters it: verified, claimed but not verified, or none.
        -- Read from the body's unsealed part, so it is kept up to date by SQLite itself.
        help TEXT GENERATED ALWAYS AS (CASE
          WHEN body->>'$.assisted.staffId' IS NOT NULL THEN 'assisted'
          WHEN body->>'$.staffClaim.staffId' IS NOT NULL THEN 'claimed' END) STORED
      ) STRICT;
      INSERT INTO applications_next (id, reference, status, token_hash, received_at,
          withdrawable_until, withdrawn_at, body, data_key, erased_at)
        SELECT id, reference, status, token_hash, received_at, withdrawable_until, withdrawn_at,
          body, data_key, erased_at FROM applications;

      CREATE TABLE idempotency_keys_next (
        key_hash BLOB PRIMARY KEY,
        fingerprint BLOB NOT NULL,
        application_id TEXT NOT NULL REFERENCES applications_next (id),
        status_code INTEGER NOT NULL,
        response TEXT NOT NULL,
        created_at TEXT NOT NULL
      ) STRICT;
      INSERT INTO idempotency_keys_next SELECT key_hash, fingerprint, application_id,
        status_code, response, created_at FROM idempotency_keys;

      DROP TABLE idempotency_keys;
      DROP TABLE applications;
      -- Renaming also renames the reference in idempotency_keys_next.
      ALTER TABLE applications_next RENAME TO applications;
      ALTER TABLE idempotency_keys_next RENAME TO idempotency_keys;
      CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
      CREATE INDEX applications_data_key ON applications (data_key) WHERE erased_at IS NULL;
      CREATE INDEX applications_kept ON applications (received_at) WHERE erased_at IS NULL;

      -- The queue, oldest first: all that wait for a reviewer, those in one state, and those
      -- with staff help of one kind, each read in order from its own index.
      CREATE INDEX applications_queue ON applications (received_at, id)
        WHERE status IN ('received', 'call-first', 'awaiting-approval');
      CREATE INDEX applications_by_state ON applications (status, received_at, id);
      CREATE INDEX applications_queue_help ON applications (help, received_at, id)
        WHERE status IN ('received', 'call-first', 'awaiting-approval') AND help IS NOT NULL;

      -- Who looked at an application's personal details or decided on it, when, and what:
      -- added to, never changed.
      CREATE TABLE audit_events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        application_id TEXT NOT NULL REFERENCES applications (id),
        actor TEXT NOT NULL,
        action TEXT NOT NULL CHECK (action IN ('viewed', 'call-first', 'offer', 'approve',
          'decline', 'accept', 'refuse', 'lapse', 'withdraw')),
        at TEXT NOT NULL,
        detail TEXT CHECK (detail IS NULL OR json_valid(detail))
      ) STRICT;
      CREATE INDEX audit_events_application ON audit_events (application_id, seq);
      CREATE TRIGGER audit_events_append_only_update BEFORE UPDATE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'the audit record is append-only'); END;
      CREATE TRIGGER audit_events_append_only_delete BEFORE DELETE ON audit_events
        BEGIN SELECT RAISE(ABORT, 'the audit record is append-only'); END;

      ALTER TABLE staff ADD COLUMN role TEXT NOT NULL DEFAULT 'branch'
        CHECK (role IN ('branch', 'reviewer'));
    `,
  },
];

/** Brings a database up to the newest migration, each step in its own transaction. Refuses a
 *  database made by a newer server, which this one would misread. Answers the version. */
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

/** The server secret called `name` (32 random bytes), made on first use and the same ever
 *  after: the access-token secret, the resume codes' hashing key. */
export function storedSecret(db: Database.Database, name: string): Buffer {
  db.prepare('INSERT OR IGNORE INTO secrets (name, value) VALUES (?, ?)').run(
    name,
    randomBytes(32),
  );
  return db.prepare('SELECT value FROM secrets WHERE name = ?').pluck().get(name) as Buffer;
}
