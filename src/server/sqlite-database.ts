// Opening Kindly's SQLite file and bringing its schema up to date; shared by the store's
// reading connection and its writer thread.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS, type Migration } from './sqlite-migrations';

/** The columns of an application, named as StoredApplication names them. */
export const APPLICATION_COLUMNS = `id, reference, status, token_hash AS tokenHash,
  received_at AS receivedAt, withdrawable_until AS withdrawableUntil,
  withdrawn_at AS withdrawnAt, body`;

/** The columns of an idempotency record, named as IdempotencyRecord names them. */
export const IDEMPOTENCY_COLUMNS = `key_hash AS keyHash, fingerprint,
  application_id AS applicationId, status_code AS statusCode, response, created_at AS createdAt`;

/** Opens (creating its folder if needed) a SQLite file the way Kindly uses it. */
export function openDatabase(path: string): Database.Database {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // FULL: an application is on disk (fsync) before its 201 is sent, even if the power fails
  // next. NORMAL would be faster, and could lose the last answered applications to a power cut.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // Two servers on one file, or the reading connection and the writer thread, wait for each
  // other's locks rather than fail.
  db.pragma('busy_timeout = 5000');
  return db;
}

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
