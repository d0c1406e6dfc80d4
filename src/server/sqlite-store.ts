// The embedded default store: one SQLite file in WAL mode through better-sqlite3. Reads run
// here, on the event loop (WAL lets them go on during a write, and they take microseconds);
// writes go to the writer thread of sqlite-writer.js, so that fsyncs and checkpoints never
// hold up a request. An in-memory database, which two connections cannot share, is written
// here too.
import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import { type DataCipher, dataCipher, sealBody } from './data-cipher';
import { type DataKeys, loadDataKeys } from './data-keys';
import { sqliteResumeCodeStore, sqliteStaffStore } from './sqlite-assisted';
import { migrate, storedSecret } from './sqlite-migrations';
import { sqliteReviewStore } from './sqlite-review';
import {
  APPLICATION_COLUMNS,
  type ApplicationRow,
  applicationFrom,
  groupCommit,
  IDEMPOTENCY_COLUMNS,
  openDatabase,
  type PostedOutcome,
  reviveBuffers,
  sqliteWrites,
  unslim,
} from './sqlite-writer';
import type {
  CreateOutcome,
  ErasureCutoffs,
  IdempotencyRecord,
  NewApplication,
  Store,
  StoredApplication,
} from './store';

/** The store's writes, wherever they are made. */
interface Writer {
  create(input: NewApplication): Promise<CreateOutcome>;
  withdraw(id: string, at: string): Promise<StoredApplication | null>;
  erase(id: string, at: string): Promise<StoredApplication | null>;
  eraseExpired(cutoffs: ErasureCutoffs, at: string): Promise<number>;
  purge(before: string): Promise<number>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

function writeHere(db: Database.Database, cipher: DataCipher): Writer {
  const writes = sqliteWrites(db, cipher);
  const commits = groupCommit(writes.createBatch);
  return {
    create: (input) => commits.add(input),
    withdraw: async (id, at) => writes.withdraw(id, at),
    erase: async (id, at) => writes.erase(id, at),
    eraseExpired: async (cutoffs, at) => writes.eraseExpired(cutoffs, at),
    purge: async (before) => writes.purge(before),
    ping: async () => writes.ping(),
    close: async () => commits.flush(),
  };
}

type Reply = { id: number; ok: true; value: unknown } | { id: number; ok: false; message: string };

// Calls go to the writer thread one message each, as they are made; the writer answers a
// committed batch in one message (see the end of sqlite-writer.js). Holding calls back to
// send a turn's worth together makes every submission wait longer for its commit
// (docs/decisions/sqlite-writer-thread.md).
function writeOnThread(path: string, keys: DataKeys): Writer {
  const worker = new Worker(new URL('./sqlite-writer.js', import.meta.url), {
    workerData: {
      role: 'kindly-sqlite-writer',
      path,
      keys: { current: keys.current, previous: keys.previous },
    },
  });
  // The thread must not keep a process alive by itself; close() ends it.
  worker.unref();
  const waiting = new Map<
    number,
    { resolve: (value: never) => void; reject: (e: Error) => void }
  >();
  let next = 0;
  let failure: Error | null = null;
  const fail = (error: Error) => {
    failure ??= error;
    for (const { reject } of waiting.values()) reject(failure);
    waiting.clear();
  };
  worker.on('message', (replies: Reply[]) => {
    for (const reply of replies) {
      const waiter = waiting.get(reply.id);
      waiting.delete(reply.id);
      if (reply.ok) waiter?.resolve(reviveBuffers(reply.value) as never);
      else waiter?.reject(new Error(reply.message));
    }
  });
  worker.on('error', (error) => fail(new Error(`the database writer failed: ${error.message}`)));
  worker.on('exit', () => fail(new Error('the database writer has stopped')));

  const call = <T>(op: string, ...args: unknown[]): Promise<T> => {
    if (failure) return Promise.reject(failure);
    const id = next++;
    return new Promise<T>((resolve, reject) => {
      waiting.set(id, { resolve: resolve as (value: never) => void, reject });
      worker.postMessage([{ id, op, args }]);
    });
  };

  return {
    create: async (input) => unslim(input, await call<PostedOutcome>('create', input)),
    withdraw: (id, at) => call('withdraw', id, at),
    erase: (id, at) => call('erase', id, at),
    eraseExpired: (cutoffs, at) => call('eraseExpired', cutoffs, at),
    purge: (before) => call('purge', before),
    ping: () => call('ping'),
    close: async () => {
      if (failure) return;
      // Held open until the thread has written what it was given and closed its connection.
      worker.ref();
      const exited = new Promise((resolve) => worker.once('exit', resolve));
      await call('close');
      await exited;
    },
  };
}

// Applications are sealed again in batches, each its own transaction, so that the server's
// writes go on between them when the rotation runs beside it.
const RESEAL_BATCH = 200;

/** Seals again under the cipher's current key the applications still holding personal data
 *  that are in plain text (`unsealed`: stored before sealing) or, with `all`, under any other
 *  key; answers how many. A row erased or changed meanwhile is left as it is. */
function resealApplications(
  db: Database.Database,
  cipher: DataCipher,
  which: 'unsealed' | 'all',
): number {
  const pick = db.prepare(`SELECT ${APPLICATION_COLUMNS} FROM applications
    WHERE erased_at IS NULL AND ${which === 'all' ? '(data_key IS NULL OR data_key != @current)' : 'data_key IS NULL'}
    LIMIT ${RESEAL_BATCH}`);
  const update = db.prepare(`UPDATE applications SET body = @body, data_key = @current
    WHERE id = @id AND erased_at IS NULL AND data_key IS @was`);
  const batch = db.transaction(() => {
    const rows = pick.all({ current: cipher.keyId }) as ApplicationRow[];
    for (const row of rows) {
      const application = applicationFrom(row, cipher);
      if (!application) continue;
      update.run({
        id: row.id,
        was: row.dataKey,
        current: cipher.keyId,
        body: sealBody(cipher, row.id, application.body),
      });
    }
    return rows.length;
  });
  let total = 0;
  for (let done = batch.immediate(); done > 0; done = batch.immediate()) total += done;
  return total;
}

/** Refuses a database holding personal data sealed under a key this server was not given:
 *  it could not read it, and would fail on each such application rather than at start. */
function checkKeysKnown(db: Database.Database, cipher: DataCipher) {
  const ids = db
    .prepare(`SELECT DISTINCT data_key FROM applications
      WHERE erased_at IS NULL AND data_key IS NOT NULL
      UNION SELECT DISTINCT data_key FROM resume_codes WHERE data_key IS NOT NULL`)
    .pluck()
    .all() as string[];
  const unknown = ids.filter((id) => !cipher.knows(id));
  if (unknown.length > 0) {
    throw new Error(
      `The database holds personal data sealed under a data key this server was not given ` +
        `(key id ${unknown.join(', ')}). Give that key as KINDLY_DATA_KEY or ` +
        'KINDLY_DATA_KEY_PREVIOUS (or their _FILE forms), or restore the key file of this database.',
    );
  }
}

/** Opens (creating and migrating when needed) the SQLite store at `path`; ':memory:' for a
 *  throwaway database. Personal data is sealed with `keys` (by default the key file beside
 *  the database, made on first use). */
export function openSqliteStore(
  path: string,
  keys: DataKeys = loadDataKeys({ current: null, previous: null }, path),
): Store {
  const db = openDatabase(path);
  try {
    const version = migrate(db);
    // The access-token secret is made once, on first start, before anything else writes.
    const secret = storedSecret(db, 'access-token');
    const cipher = dataCipher(keys.current, keys.previous);
    checkKeysKnown(db, cipher);
    // Applications stored before personal data was sealed are sealed now, before any request.
    resealApplications(db, cipher, 'unsealed');
    const resumeCodes = sqliteResumeCodeStore(db, cipher);
    const statements = {
      version: db.prepare('SELECT max(version) FROM schema_migrations').pluck(),
      findKey: db.prepare(`SELECT ${IDEMPOTENCY_COLUMNS} FROM idempotency_keys WHERE key_hash = ?`),
      getApplication: db.prepare(`SELECT ${APPLICATION_COLUMNS} FROM applications WHERE id = ?`),
      counts: db.prepare(`SELECT (SELECT count(*) FROM applications) AS applications,
        (SELECT count(*) FROM idempotency_keys) AS idempotencyKeys`),
    };
    const writer = path === ':memory:' ? writeHere(db, cipher) : writeOnThread(path, keys);
    let isClosed = false;

    return {
      staff: sqliteStaffStore(db),
      resumeCodes,
      review: sqliteReviewStore(db, cipher),
      // One process owns a SQLite file: its limits are counted in its memory.
      limits: null,
      async check() {
        if (statements.version.get() !== version) {
          throw new Error('the database schema is not at the expected version');
        }
        await writer.ping();
      },
      async tokenSecret() {
        return secret;
      },
      async findIdempotency(keyHash) {
        return (statements.findKey.get(keyHash) as IdempotencyRecord | undefined) ?? null;
      },
      createApplication: (input) => writer.create(input),
      async getApplication(id) {
        return applicationFrom(statements.getApplication.get(id) as ApplicationRow, cipher);
      },
      withdraw: (id, at) => writer.withdraw(id, at),
      erase: (id, at) => writer.erase(id, at),
      eraseExpired: (cutoffs, at) => writer.eraseExpired(cutoffs, at),
      async rekey() {
        return {
          applications: resealApplications(db, cipher, 'all'),
          drafts: resumeCodes.reseal(),
        };
      },
      purgeIdempotency: (before) => writer.purge(before),
      async counts() {
        return statements.counts.get() as { applications: number; idempotencyKeys: number };
      },
      async close() {
        if (isClosed) return;
        isClosed = true;
        await writer.close();
        db.close();
      },
    };
  } catch (error) {
    db.close();
    throw error;
  }
}
