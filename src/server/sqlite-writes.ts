// Every write of the SQLite store, synchronous, over one connection. Applications are
// written by group commit: those that arrive in one turn of the event loop are written
// together, in one transaction and so one fsync (about 1.5 ms on this project's disks; one
// per application would cap the server near 600 a second), each in its own savepoint.
import type Database from 'better-sqlite3';
import { makeReference } from './secrets';
import { APPLICATION_COLUMNS, IDEMPOTENCY_COLUMNS } from './sqlite-database';
import {
  type CreateOutcome,
  type IdempotencyRecord,
  type NewApplication,
  RECEIPT_STATUS,
  receiptOf,
  type StoredApplication,
} from './store';

// A reference is drawn from 31^6 (about 887 million) values; a clash is rare, and a
// clash ten times in a row means something is broken rather than unlucky.
const REFERENCE_ATTEMPTS = 10;

// The most applications written in one transaction; more wait for the next.
const MAX_BATCH = 256;

/** The outcome of one application of a batch. */
export type BatchResult = { ok: true; outcome: CreateOutcome } | { ok: false; error: Error };

/** The store's writes over one connection. */
export interface Writes {
  /** Writes a batch of applications in one transaction, each in its own savepoint, so one
   *  failure leaves the others stored. */
  createBatch(items: NewApplication[]): BatchResult[];
  withdraw(id: string, at: string): StoredApplication | null;
  purge(before: string): number;
  /** A round trip through this connection. */
  ping(): void;
}

function isUniqueViolation(error: unknown, column: string): boolean {
  return (
    error instanceof Error &&
    (error as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    error.message.includes(column)
  );
}

/** Prepares the writes over a connection. */
export function sqliteWrites(db: Database.Database, reference = makeReference): Writes {
  const statements = {
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
    ping: db.prepare('SELECT 1'),
  };

  // One application with its idempotency record: inside a batch's transaction better-sqlite3
  // runs it as a SAVEPOINT, so it stores both or neither.
  const createOne = db.transaction((input: NewApplication): CreateOutcome => {
    const existing = statements.findKey.get(input.keyHash) as IdempotencyRecord | undefined;
    if (existing) return { kind: 'key-exists', record: existing };
    for (let attempt = 1; ; attempt++) {
      const application: StoredApplication = { ...input.application, reference: reference() };
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
        statusCode: RECEIPT_STATUS,
        response: JSON.stringify(receiptOf(application)),
        createdAt: application.receivedAt,
      };
      statements.addKey.run(record);
      return { kind: 'created', application, record };
    }
  });

  const createBatch = db.transaction((items: NewApplication[]): BatchResult[] =>
    items.map((item) => {
      try {
        return { ok: true, outcome: createOne(item) };
      } catch (error) {
        return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
      }
    }),
  );

  const withdraw = db.transaction((id: string, at: string) => {
    statements.withdraw.run({ id, at });
    return (statements.getApplication.get(id) as StoredApplication | undefined) ?? null;
  });

  return {
    // IMMEDIATE: take the write lock before reading any key, so that two processes on one
    // file cannot both decide a key is new.
    createBatch: (items) => createBatch.immediate(items),
    withdraw: (id, at) => withdraw.immediate(id, at),
    purge: (before) => statements.purge.run(before).changes,
    ping: () => {
      statements.ping.get();
    },
  };
}

/** Group commit over a connection's writes: `add` queues an application and answers when the
 *  batch it joined is committed; `flush` writes what is queued now. */
export function groupCommit(createBatch: Writes['createBatch']) {
  type Pending = {
    input: NewApplication;
    resolve: (outcome: CreateOutcome) => void;
    reject: (error: Error) => void;
  };
  const queue: Pending[] = [];
  const flush = () => {
    while (queue.length > 0) {
      const batch = queue.splice(0, MAX_BATCH);
      let results: BatchResult[];
      try {
        results = createBatch(batch.map((item) => item.input));
      } catch (error) {
        for (const item of batch) item.reject(error as Error);
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
    add(input: NewApplication): Promise<CreateOutcome> {
      return new Promise((resolve, reject) => {
        queue.push({ input, resolve, reject });
        // Everything queued in this turn of the event loop joins the same batch.
        if (queue.length === 1) setImmediate(flush);
      });
    },
    flush,
  };
}
