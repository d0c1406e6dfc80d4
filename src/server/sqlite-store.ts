// The embedded default store: one SQLite file in WAL mode through better-sqlite3.
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { APPLICATION_COLUMNS, IDEMPOTENCY_COLUMNS, migrate, openDatabase } from './sqlite-database';
import { groupCommit, sqliteWrites } from './sqlite-writes';
import type { IdempotencyRecord, Store, StoredApplication } from './store';

// A WAL checkpoint copies the log back into the database file and fsyncs it: tens of
// milliseconds on a busy disk. Run by the writing connection (SQLite's default, every 1000
// pages) it would stall the event loop and every request waiting on it, so the store turns
// that off and this small thread checkpoints once a second on a connection of its own.
// Plain JavaScript, so the thread starts in milliseconds without a TypeScript loader.
const CHECKPOINTER = `
const { workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 5000');
setInterval(() => db.pragma('wal_checkpoint(PASSIVE)'), workerData.everyMs);
`;

const CHECKPOINT_EVERY_MS = 1000;

function startCheckpointer(db: Database.Database, path: string) {
  db.pragma('wal_autocheckpoint = 0');
  // After a checkpoint, a WAL grown by a burst is cut back to this size.
  db.pragma(`journal_size_limit = ${64 * 1024 * 1024}`);
  const worker = new Worker(CHECKPOINTER, {
    eval: true,
    workerData: {
      driver: createRequire(import.meta.url).resolve('better-sqlite3'),
      path,
      everyMs: CHECKPOINT_EVERY_MS,
    },
  });
  // The thread must not keep a process alive on its own; the store's close() ends it.
  worker.unref();
  // Should the thread ever fail, the writing connection checkpoints again, as SQLite would.
  worker.on('error', () => {
    if (db.open) db.pragma('wal_autocheckpoint = 1000');
  });
  return {
    // Stopping mid-checkpoint is safe: SQLite keeps the WAL until a checkpoint is complete,
    // and the last connection to close checkpoints what is left.
    stop: () => worker.terminate(),
  };
}

/** Opens (creating and migrating when needed) the SQLite store at `path`; ':memory:' for a
 *  throwaway database. Applications are written by group commit (see sqlite-writes.ts). */
export function openSqliteStore(path: string): Store {
  const db = openDatabase(path);
  try {
    const version = migrate(db);
    // The access-token secret is made once, on first start.
    db.prepare('INSERT OR IGNORE INTO secrets (name, value) VALUES (?, ?)').run(
      'access-token',
      randomBytes(32),
    );
    const secret = db
      .prepare('SELECT value FROM secrets WHERE name = ?')
      .pluck()
      .get('access-token') as Buffer;

    const statements = {
      version: db.prepare('SELECT max(version) FROM schema_migrations').pluck(),
      findKey: db.prepare(`SELECT ${IDEMPOTENCY_COLUMNS} FROM idempotency_keys WHERE key_hash = ?`),
      getApplication: db.prepare(`SELECT ${APPLICATION_COLUMNS} FROM applications WHERE id = ?`),
      counts: db.prepare(`SELECT (SELECT count(*) FROM applications) AS applications,
        (SELECT count(*) FROM idempotency_keys) AS idempotencyKeys`),
    };
    const writes = sqliteWrites(db);
    const commits = groupCommit(writes.createBatch);
    const checkpointer = path === ':memory:' ? null : startCheckpointer(db, path);
    let isClosed = false;

    return {
      async check() {
        if (statements.version.get() !== version) {
          throw new Error('the database schema is not at the expected version');
        }
        writes.ping();
      },
      async tokenSecret() {
        return secret;
      },
      async findIdempotency(keyHash) {
        return (statements.findKey.get(keyHash) as IdempotencyRecord | undefined) ?? null;
      },
      createApplication: (input) => commits.add(input),
      async getApplication(id) {
        return (statements.getApplication.get(id) as StoredApplication | undefined) ?? null;
      },
      async withdraw(id, at) {
        return writes.withdraw(id, at);
      },
      async purgeIdempotency(before) {
        return writes.purge(before);
      },
      async counts() {
        return statements.counts.get() as { applications: number; idempotencyKeys: number };
      },
      async close() {
        if (isClosed) return;
        isClosed = true;
        commits.flush();
        await checkpointer?.stop();
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
