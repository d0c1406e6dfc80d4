// The SQLite schema, one numbered step at a time. A step, once released, is never edited:
// a change to the schema is a new step at the end. Each step runs in its own transaction.

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
];
