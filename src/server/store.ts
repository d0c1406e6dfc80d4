// What the server needs from its database, and nothing more: small enough that a PostgreSQL
// backend is one more file implementing it. Every method is async: the SQLite backend
// batches its writes, and a PostgreSQL one would be on the network.

/** Where an application stands. */
export type ApplicationStatus = 'received' | 'withdrawn';

/** An application as stored: the validated body plus what the server decided about it. */
export interface StoredApplication {
  id: string;
  /** Short, read-aloud-safe reference such as KND-7F3-Q9C. */
  reference: string;
  status: ApplicationStatus;
  /** SHA-256 of the access token; the token itself is never stored. */
  tokenHash: Buffer;
  /** ISO 8601 UTC instants. */
  receivedAt: string;
  withdrawableUntil: string;
  withdrawnAt: string | null;
  /** The validated application body as JSON. */
  body: string;
}

/** A used Idempotency-Key and the answer it was given, kept so a retry gets the same answer. */
export interface IdempotencyRecord {
  /** SHA-256 of the key: a key seen in a log cannot be matched to an application. */
  keyHash: Buffer;
  /** SHA-256 of the canonical validated body, to tell a retry from a different request. */
  fingerprint: Buffer;
  applicationId: string;
  statusCode: number;
  /** The response body as JSON, without the access token (which is derived again on replay). */
  response: string;
  createdAt: string;
}

/** What createApplication did: stored both, or found the key already used (nothing stored). */
export type CreateOutcome =
  | { kind: 'created'; application: StoredApplication; record: IdempotencyRecord }
  | { kind: 'key-exists'; record: IdempotencyRecord };

/** Everything createApplication needs: the application without its reference (the store
 *  makes a unique one) and the key. The key's response is the application's receipt. */
export interface NewApplication {
  application: Omit<StoredApplication, 'reference'>;
  keyHash: Buffer;
  fingerprint: Buffer;
}

/** What an applicant is told when an application is received (and told again, word for
 *  word, on a retry with the same key); the access token is added to it, never stored. */
export interface Receipt {
  id: string;
  reference: string;
  status: ApplicationStatus;
  receivedAt: string;
  withdrawableUntil: string;
}

/** The storage of applications and idempotency records. */
export interface Store {
  /** A real round trip to the database; throws when it cannot answer. */
  check(): Promise<void>;
  /** A secret made on first start and kept with the data (access tokens are derived from it). */
  tokenSecret(): Promise<Buffer>;
  /** The record of a used key, or null. */
  findIdempotency(keyHash: Buffer): Promise<IdempotencyRecord | null>;
  /** Stores the application and its idempotency record in one transaction: both or neither.
   *  When the key is already used, stores nothing and answers the existing record. */
  createApplication(input: NewApplication): Promise<CreateOutcome>;
  /** The application with this id, or null. */
  getApplication(id: string): Promise<StoredApplication | null>;
  /** Marks a received application withdrawn if `at` is before its withdrawableUntil; answers
   *  the application as it is afterwards (null if unknown). */
  withdraw(id: string, at: string): Promise<StoredApplication | null>;
  /** Forgets idempotency records created before `before`; answers how many. */
  purgeIdempotency(before: string): Promise<number>;
  /** How many applications and idempotency records are stored (for tests and health). */
  counts(): Promise<{ applications: number; idempotencyKeys: number }>;
  /** Closes the database; the store cannot be used afterwards. */
  close(): Promise<void>;
}
