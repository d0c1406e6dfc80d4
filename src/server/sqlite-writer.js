// Every write of the SQLite store, and the thread that makes them.
//
// better-sqlite3 is synchronous: a commit with synchronous=FULL waits for an fsync and a WAL
// checkpoint for longer. Made on the event loop, those waits hold up every request
// (docs/decisions/sqlite-writer-thread.md). Applications are written by group commit: those that arrive while a commit is under way are written together, in one
// transaction and so one fsync, each in its own savepoint.
//
// Plain JavaScript (types in sqlite-writer.d.ts) because Node 20 does not pass a TypeScript
// loader's hooks on to worker threads: this file must run as it is.
import { randomInt } from 'node:crypto';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { dataCipher, openBody, sealBody } from './data-cipher.js';

/** Characters of a reference: no 0/O, no 1/I/L, so it survives being read aloud. */
export const REFERENCE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';

/** A new reference such as KND-7F3-Q9C (31^6, about 887 million, possibilities). */
export function makeReference() {
  const pick = () => REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return `KND-${pick()}${pick()}${pick()}-${pick()}${pick()}${pick()}`;
}

// A clash of references is rare; ten in a row means something is broken, not unlucky.
const REFERENCE_ATTEMPTS = 10;

// The most applications written in one transaction; more wait for the next.
const MAX_BATCH = 256;

/** The HTTP status of a receipt. */
export const RECEIPT_STATUS = 201;

/** The columns of an application, named as StoredApplication names them, and the id of the
 *  key its personal fields are sealed under (see applicationFrom). */
export const APPLICATION_COLUMNS = `id, reference, status, token_hash AS tokenHash,
  received_at AS receivedAt, withdrawable_until AS withdrawableUntil,
  withdrawn_at AS withdrawnAt, erased_at AS erasedAt, body, decision, data_key AS dataKey`;

/** An application row as read (APPLICATION_COLUMNS) as a StoredApplication: its personal
 *  fields opened. */
export function applicationFrom(row, cipher) {
  if (!row) return null;
  const { dataKey, ...application } = row;
  if (dataKey !== null) application.body = openBody(cipher, row.id, row.body, dataKey);
  return application;
}

// What an application keeps once its personal fields are erased: what accounting needs.
const ERASED_BODY = `json_object('productId', body->>'$.productId', 'amount', body->>'$.amount',
  'months', body->>'$.months', 'method', body->>'$.method', 'figures', json(body->'$.figures'))`;

/** The columns of an idempotency record, named as IdempotencyRecord names them. */
export const IDEMPOTENCY_COLUMNS = `key_hash AS keyHash, fingerprint,
  application_id AS applicationId, status_code AS statusCode, response, created_at AS createdAt`;

// The database, its WAL and its shared memory readable by the server's own user alone.
// SQLite gives the WAL and shared-memory files the database file's mode, so the database
// file is made 600 before SQLite opens it; files made by older versions are brought to 600.
function ownerOnly(path) {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  closeSync(openSync(path, 'a', 0o600));
  for (const file of [path, `${path}-wal`, `${path}-shm`]) {
    if (existsSync(file)) chmodSync(file, 0o600);
  }
}

/** Opens (creating its folder if needed) a SQLite file the way Kindly uses it. */
export function openDatabase(path) {
  if (path !== ':memory:') ownerOnly(path);
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // FULL: an application is on disk (fsync) before its 201 is sent, even if the power fails
  // next. NORMAL would be faster, and could lose the last answered applications to a power cut.
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  // The reading connection and the writer thread (or two servers on one file) wait for each
  // other's locks rather than fail.
  db.pragma('busy_timeout = 5000');
  // What is deleted or overwritten (erased personal fields, old idempotency keys) is
  // overwritten with zeros rather than left in free space.
  db.pragma('secure_delete = ON');
  return db;
}

/** What an applicant is told when an application is received, and told again word for word
 *  on a retry with the same key (the access token is added then, never stored). */
export function receiptOf(application) {
  return {
    id: application.id,
    reference: application.reference,
    status: application.status,
    receivedAt: application.receivedAt,
    withdrawableUntil: application.withdrawableUntil,
  };
}

/** A new application as stored, with the reference it was given, and its idempotency record.
 *  Built from the same input and reference it is the same on both sides of the thread, so the
 *  writer answers with the reference alone (see `slim` and `unslim`). */
export function createdOutcome(input, reference) {
  const application = { ...input.application, reference, decision: null };
  const record = {
    keyHash: input.keyHash,
    fingerprint: input.fingerprint,
    applicationId: application.id,
    statusCode: RECEIPT_STATUS,
    response: JSON.stringify(receiptOf(application)),
    createdAt: application.receivedAt,
  };
  return { kind: 'created', application, record };
}

/** An outcome as the writer thread posts it: a new application's reference rather than the
 *  application and record the server already holds (they would be copied back for nothing). */
export function slim(outcome) {
  return outcome.kind === 'created'
    ? { kind: 'created', reference: outcome.application.reference }
    : outcome;
}

/** The outcome again from what the writer posted and the input it was sent. */
export function unslim(input, posted) {
  return posted.kind === 'created' ? createdOutcome(input, posted.reference) : posted;
}

function isUniqueViolation(error, column) {
  return error?.code === 'SQLITE_CONSTRAINT_UNIQUE' && String(error.message).includes(column);
}

/** Prepares the store's writes over one connection; personal fields are sealed with
 *  `cipher`. */
export function sqliteWrites(db, cipher, reference = makeReference) {
  const statements = {
    findKey: db.prepare(`SELECT ${IDEMPOTENCY_COLUMNS} FROM idempotency_keys WHERE key_hash = ?`),
    addKey: db.prepare(`INSERT INTO idempotency_keys
      (key_hash, fingerprint, application_id, status_code, response, created_at)
      VALUES (@keyHash, @fingerprint, @applicationId, @statusCode, @response, @createdAt)`),
    addApplication: db.prepare(`INSERT INTO applications
      (id, reference, status, token_hash, received_at, withdrawable_until, withdrawn_at, body,
        data_key)
      VALUES (@id, @reference, @status, @tokenHash, @receivedAt, @withdrawableUntil,
        @withdrawnAt, @body, @dataKey)`),
    getApplication: db.prepare(`SELECT ${APPLICATION_COLUMNS} FROM applications WHERE id = ?`),
    withdraw: db.prepare(`UPDATE applications SET status = 'withdrawn', withdrawn_at = @at
      WHERE id = @id AND status IN ('received', 'call-first', 'awaiting-approval')
        AND withdrawable_until > @at`),
    purge: db.prepare('DELETE FROM idempotency_keys WHERE created_at < ?'),
    eraseOne: db.prepare(`UPDATE applications SET body = ${ERASED_BODY}, data_key = NULL,
      erased_at = @at WHERE id = @id AND status = 'withdrawn' AND erased_at IS NULL`),
    // Withdrawn at or after it was received: a withdrawal before the cut-off is of an
    // application received before it, which the partial index finds.
    eraseWithdrawn: db.prepare(`UPDATE applications SET body = ${ERASED_BODY}, data_key = NULL,
      erased_at = @at WHERE erased_at IS NULL AND received_at < @withdrawnBefore
        AND status = 'withdrawn' AND withdrawn_at < @withdrawnBefore`),
    eraseReceived: db.prepare(`UPDATE applications SET body = ${ERASED_BODY}, data_key = NULL,
      erased_at = @at WHERE erased_at IS NULL AND received_at < @receivedBefore`),
    ping: db.prepare('SELECT 1'),
  };

  // One application with its idempotency record: inside a batch's transaction better-sqlite3
  // runs it as a SAVEPOINT, so it stores both or neither.
  const createOne = db.transaction((input) => {
    const existing = statements.findKey.get(input.keyHash);
    if (existing) return { kind: 'key-exists', record: existing };
    const { id, body } = input.application;
    const sealed = { body: sealBody(cipher, id, body), dataKey: cipher.keyId };
    for (let attempt = 1; ; attempt++) {
      const outcome = createdOutcome(input, reference());
      try {
        statements.addApplication.run({ ...outcome.application, ...sealed });
      } catch (error) {
        if (attempt < REFERENCE_ATTEMPTS && isUniqueViolation(error, 'applications.reference')) {
          continue;
        }
        throw error;
      }
      statements.addKey.run(outcome.record);
      return outcome;
    }
  });

  const createBatch = db.transaction((items) =>
    items.map((item) => {
      try {
        return { ok: true, outcome: createOne(item) };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
      }
    }),
  );

  const withdraw = db.transaction((id, at) => {
    statements.withdraw.run({ id, at });
    return applicationFrom(statements.getApplication.get(id), cipher);
  });

  const eraseOne = db.transaction((id, at) => {
    statements.eraseOne.run({ id, at });
    return applicationFrom(statements.getApplication.get(id), cipher);
  });

  const eraseExpired = db.transaction(
    (cutoffs, at) =>
      statements.eraseWithdrawn.run({ withdrawnBefore: cutoffs.withdrawnBefore, at }).changes +
      statements.eraseReceived.run({ receivedBefore: cutoffs.receivedBefore, at }).changes,
  );

  return {
    // IMMEDIATE: take the write lock before reading any key, so that two processes on one
    // file cannot both decide a key is new.
    createBatch: (items) => createBatch.immediate(items),
    withdraw: (id, at) => withdraw.immediate(id, at),
    erase: (id, at) => eraseOne.immediate(id, at),
    eraseExpired: (cutoffs, at) => {
      const erased = eraseExpired.immediate(cutoffs, at);
      // The pages from before the erasure leave the WAL too, not only the database file.
      if (erased > 0 && db.name !== ':memory:') db.pragma('wal_checkpoint(TRUNCATE)');
      return erased;
    },
    purge: (before) => statements.purge.run(before).changes,
    ping: () => {
      statements.ping.get();
    },
  };
}

/** Group commit over a batch writer: `add` queues an application and answers when the batch
 *  it joined is committed; `flush` writes everything queued now. */
export function groupCommit(createBatch) {
  const queue = [];
  const flush = () => {
    while (queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      let results;
      try {
        results = createBatch(batch.map((item) => item.input));
      } catch (error) {
        for (const item of batch) item.reject(error);
        continue;
      }
      batch.forEach((item, i) => {
        const result = results[i];
        if (result?.ok) item.resolve(result.outcome);
        else item.reject(result?.error ?? new Error('no result'));
      });
    }
  };
  return {
    add(input) {
      return new Promise((resolve, reject) => {
        queue.push({ input, resolve, reject });
        // Everything that arrives in this turn of the event loop joins the same batch.
        if (queue.length === 1) setImmediate(flush);
      });
    },
    flush,
  };
}

/** Buffers come through postMessage as plain Uint8Arrays; better-sqlite3 and the server want
 *  Buffers. Turns every Uint8Array inside a message back into a Buffer, in place. */
export function reviveBuffers(value) {
  if (value instanceof Uint8Array) {
    return Buffer.isBuffer(value)
      ? value
      : Buffer.from(value.buffer, value.byteOffset, value.byteLength);
  }
  if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) value[key] = reviveBuffers(inner);
  }
  return value;
}

// Run as the writer thread: arrays of {id, op, args} in, arrays of {id, ok, value | message}
// out (see writeOnThread in sqlite-store.ts). The answers of one committed batch leave in one
// message: each postMessage wakes the event loop and sets up a structured clone.
if (!isMainThread && workerData?.role === 'kindly-sqlite-writer') {
  const port = parentPort;
  const db = openDatabase(workerData.path);
  const writes = sqliteWrites(db, dataCipher(workerData.keys.current, workerData.keys.previous));
  const commits = groupCommit(writes.createBatch);
  const outbox = [];
  const post = () => {
    if (outbox.length > 0) port.postMessage(outbox.splice(0));
  };
  // The answers of one committed batch are settled together, so they leave together: the
  // first queues the message after the others' promise callbacks.
  const send = (message) => {
    outbox.push(message);
    if (outbox.length === 1) queueMicrotask(post);
  };
  const reply = (id, run) => {
    try {
      send({ id, ok: true, value: run() });
    } catch (error) {
      send({ id, ok: false, message: error.message });
    }
  };
  const handle = ({ id, op, args }) => {
    switch (op) {
      case 'create':
        commits.add(reviveBuffers(args[0])).then(
          (outcome) => send({ id, ok: true, value: slim(outcome) }),
          (error) => send({ id, ok: false, message: error.message }),
        );
        break;
      case 'withdraw':
        reply(id, () => writes.withdraw(args[0], args[1]));
        break;
      case 'erase':
        reply(id, () => writes.erase(args[0], args[1]));
        break;
      case 'eraseExpired':
        reply(id, () => writes.eraseExpired(args[0], args[1]));
        break;
      case 'purge':
        reply(id, () => writes.purge(args[0]));
        break;
      case 'ping':
        reply(id, () => writes.ping());
        break;
      case 'close':
        commits.flush();
        // After the answers of the flushed applications, posted from promise callbacks.
        setImmediate(() => {
          reply(id, () => db.close());
          post();
          port.close();
        });
        break;
      default:
        reply(id, () => {
          throw new Error(`unknown operation ${op}`);
        });
    }
  };
  port.on('message', (calls) => {
    for (const call of calls) handle(call);
  });
}
