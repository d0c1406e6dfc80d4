// Types of sqlite-writer.js, which is JavaScript so that it can run as a worker thread.
import type Database from 'better-sqlite3';
import type { DataCipher } from './data-cipher';
import type {
  CreateOutcome,
  ErasureCutoffs,
  NewApplication,
  Receipt,
  StoredApplication,
} from './store';

/** Characters of a reference: no 0/O, no 1/I/L, so it survives being read aloud. */
export declare const REFERENCE_ALPHABET: string;

/** A new reference such as KND-7F3-Q9C. */
export declare function makeReference(): string;

/** The HTTP status of a receipt. */
export declare const RECEIPT_STATUS: 201;

/** The columns of an application, named as StoredApplication names them, and its data key. */
export declare const APPLICATION_COLUMNS: string;

/** An application row as APPLICATION_COLUMNS reads it. */
export type ApplicationRow = StoredApplication & { dataKey: string | null };

/** An application row as a StoredApplication, its personal fields opened; null for none. */
export declare function applicationFrom(
  row: ApplicationRow | undefined,
  cipher: DataCipher,
): StoredApplication | null;

/** The columns of an idempotency record, named as IdempotencyRecord names them. */
export declare const IDEMPOTENCY_COLUMNS: string;

/** Opens (creating its folder if needed) a SQLite file the way Kindly uses it. */
export declare function openDatabase(path: string): Database.Database;

/** What an applicant is told when an application is received. */
export declare function receiptOf(application: StoredApplication): Receipt;

/** A new application as stored, with its reference, and its idempotency record. */
export declare function createdOutcome(
  input: NewApplication,
  reference: string,
): Extract<CreateOutcome, { kind: 'created' }>;

/** An outcome as the writer thread posts it: a new application's reference alone. */
export type PostedOutcome =
  | { kind: 'created'; reference: string }
  | Extract<CreateOutcome, { kind: 'key-exists' }>;

/** An outcome as the writer thread posts it. */
export declare function slim(outcome: CreateOutcome): PostedOutcome;

/** The outcome again from what the writer posted and the input it was sent. */
export declare function unslim(input: NewApplication, posted: PostedOutcome): CreateOutcome;

/** The outcome of one application of a batch. */
export type BatchResult = { ok: true; outcome: CreateOutcome } | { ok: false; error: Error };

/** The store's writes over one connection. */
export interface Writes {
  /** Writes applications in one transaction, each in its own savepoint. */
  createBatch(items: NewApplication[]): BatchResult[];
  withdraw(id: string, at: string): StoredApplication | null;
  /** Erases the personal fields of a withdrawn application; answers it as it is after. */
  erase(id: string, at: string): StoredApplication | null;
  /** Erases the personal fields of applications kept past the cut-offs; answers how many. */
  eraseExpired(cutoffs: ErasureCutoffs, at: string): number;
  purge(before: string): number;
  /** A round trip through this connection. */
  ping(): void;
}

/** Prepares the store's writes over one connection, sealing personal fields with `cipher`. */
export declare function sqliteWrites(
  db: Database.Database,
  cipher: DataCipher,
  reference?: () => string,
): Writes;

/** Group commit over a batch writer. */
export declare function groupCommit(createBatch: Writes['createBatch']): {
  add(input: NewApplication): Promise<CreateOutcome>;
  flush(): void;
};

/** Turns every Uint8Array inside a message back into a Buffer, in place. */
export declare function reviveBuffers<T>(value: T): T;
