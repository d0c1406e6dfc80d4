// What the server needs from its database, and nothing more: SQLite (sqlite-store.ts, the
// default) and PostgreSQL (pg-store.ts) implement it, and nothing above it knows which is in
// use. Every method is async: the SQLite backend batches its writes, and PostgreSQL is on the
// network.

import type { ApplicationEvent, ApplicationState } from '../loan/application-state';
import type { RepaymentMethod } from '../loan/types';

/** Where an application stands (see src/loan/application-state.ts for the steps between). */
export type ApplicationStatus = ApplicationState;

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
  /** When its personal fields were erased (its body then keeps product, amount, terms and
   *  figures alone), or null. */
  erasedAt: string | null;
  /** The validated application body as JSON (the store seals its personal fields at rest). */
  body: string;
  /** The latest decision on it as JSON (a Decision), or null before any. */
  decision: string | null;
}

/** A reviewer's decision as kept with the application: what was decided, by whom and when,
 *  and for an offer that needed a second reviewer, who agreed and when. */
export interface Decision {
  kind: 'offer' | 'decline' | 'call-first';
  by: string;
  at: string;
  /** An offer's amount (minor units) and number of monthly payments. */
  amount?: number;
  months?: number;
  method?: RepaymentMethod;
  /** A decline's reason, one of the list the applicant is told in their language. */
  reason?: string;
  approvedBy?: string;
  approvedAt?: string;
  /** When the applicant accepted the offer: the agreement's date. */
  agreedAt?: string;
}

/** What is recorded of each look at an application's personal details and each step it
 *  takes: the action, its actor (a staff id, or 'applicant' or 'system'), and details
 *  without personal data. */
export type AuditAction = 'viewed' | ApplicationEvent['type'];

/** One entry of an application's audit record, as appended. */
export interface AuditEvent {
  /** Increases with each entry of the whole record. */
  seq: number;
  applicationId: string;
  actor: string;
  action: AuditAction;
  at: string;
  detail: Record<string, unknown> | null;
}

/** A step asked of the store: `event` taken from the state `from` the caller saw, by `actor`
 *  at `at`; `decision`, when given, replaces the application's decision. */
export interface TransitionRequest {
  applicationId: string;
  from: ApplicationStatus;
  event: ApplicationEvent;
  actor: string;
  at: string;
  detail?: Record<string, unknown>;
  decision?: Decision;
  /** A new end of the time to withdraw (an agreement's 14 days run from when it is made). */
  withdrawableUntil?: string;
}

/** What a step came to: the application after it, or why it was not taken ('changed': the
 *  application is no longer in the state the caller saw). */
export type TransitionOutcome =
  | { ok: true; application: StoredApplication }
  | { ok: false; reason: 'unknown' | 'changed' | 'not-allowed' | 'same-reviewer' };

/** Which applications the queue shows: all waiting for a reviewer, or one kind of them. */
export type QueueFilter =
  | 'all'
  | 'waiting'
  | 'call-first'
  | 'awaiting-approval'
  | 'assisted'
  | 'claimed-help';

/** Where a page of the queue starts: after this application (the last of the page before). */
export interface QueueCursor {
  receivedAt: string;
  id: string;
}

/** One line of the queue: enough to choose what to open, and no personal data. */
export interface QueueItem {
  id: string;
  reference: string;
  status: ApplicationStatus;
  receivedAt: string;
  productId: string;
  amount: number;
  months: number;
  /** Staff help: verified, claimed but not verified, or none. */
  help: 'assisted' | 'claimed' | null;
}

/** The back office's storage: the steps applications take after they are received, and the
 *  append-only record of who saw and decided what. */
export interface ReviewStore {
  /** Takes one step of the state machine, writing the new state, the decision and the audit
   *  entry in one transaction, or nothing at all. */
  transition(request: TransitionRequest): Promise<TransitionOutcome>;
  /** Appends that `actor` looked at an application's personal details at `at`. */
  recordView(applicationId: string, actor: string, at: string): Promise<void>;
  /** An application's audit record, oldest first. */
  history(applicationId: string): Promise<AuditEvent[]>;
  /** Up to `limit` applications of the queue, oldest first, after `after` when given. */
  queue(filter: QueueFilter, limit: number, after?: QueueCursor): Promise<QueueItem[]>;
  /** The application with this reference as a queue line, in whatever state, or null. */
  findReference(reference: string): Promise<QueueItem | null>;
}

/** The instants before which applications lose their personal fields: withdrawn ones by
 *  when they were withdrawn, and all others by when they were received. */
export interface ErasureCutoffs {
  withdrawnBefore: string;
  receivedBefore: string;
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
  application: Omit<StoredApplication, 'reference' | 'decision'>;
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

/** What a staff member may do: help customers in the branch, or also review and decide. */
export type StaffRole = 'branch' | 'reviewer';

/** A staff account, made by `npm run staff:add`. */
export interface StaffAccount {
  /** Read-aloud-safe id such as S-7F3Q. */
  id: string;
  name: string;
  branch: string;
  role: StaffRole;
  /** The passcode's hash (Argon2id, or scrypt from before) with its salt and parameters;
   *  never the passcode. */
  passcodeHash: string;
  createdAt: string;
}

/** A signed-in staff session: the staff member and when it ends. */
export interface StaffSession {
  staff: StaffAccount;
  expiresAt: string;
}

/** Failed sign-ins counted under one key: a staff id as typed (whether or not such an account
 *  exists, so that an unknown id answers exactly as a known one), or a staff id on one device
 *  that has signed it in before. */
export interface SignInFailures {
  failures: number;
  /** ISO instant until which the id is locked, or null. */
  lockedUntil: string | null;
}

/** The storage of branch staff accounts, their sessions and their failed sign-ins. */
export interface StaffStore {
  /** Adds an account; false when its id is taken (the caller makes another). */
  add(account: StaffAccount): Promise<boolean>;
  /** The account with this id, or null. */
  get(id: string): Promise<StaffAccount | null>;
  /** Replaces an account's passcode hash (a stronger hash of the same passcode). */
  setPasscodeHash(id: string, passcodeHash: string): Promise<void>;
  /** The key that signs attestations and device tokens, made on first use and kept with the
   *  data. */
  signingKey(): Promise<Buffer>;
  /** The failed sign-ins of this id, or null when there are none. */
  failures(id: string): Promise<SignInFailures | null>;
  /** Counts one more failure at `at` (counting afresh after a lock has passed); when it
   *  reaches `lockAfter`, locks the id until `lockUntil` and starts the count again. */
  recordFailure(
    id: string,
    at: string,
    lockAfter: number,
    lockUntil: string,
  ): Promise<SignInFailures>;
  /** Runs `work` while no other process runs work under the same key (a sign-in attempt of
   *  one staff id); absent when the store serves one process, whose own turn-taking does. */
  exclusive?<T>(key: string, work: () => Promise<T>): Promise<T>;
  /** Forgets the failures of this id (after a successful sign-in). */
  clearFailures(id: string): Promise<void>;
  /** Stores a new session under the hash of its token. */
  createSession(session: {
    tokenHash: Buffer;
    staffId: string;
    createdAt: string;
    expiresAt: string;
  }): Promise<void>;
  /** The session with this token hash if it has not expired at `at`, or null. */
  getSession(tokenHash: Buffer, at: string): Promise<StaffSession | null>;
  /** Ends a session; false if there was none. */
  endSession(tokenHash: Buffer): Promise<boolean>;
  /** Forgets sessions expired before `sessionsBefore`, and failures last counted before
   *  `failuresBefore` with no lock still running then; answers how many rows went. */
  purge(sessionsBefore: string, failuresBefore: string): Promise<number>;
}

/** The storage of resume codes: a draft (JSON) kept under the hash of its code, sealed at
 *  rest with the data key and bound to that hash. */
export interface ResumeCodeStore {
  /** The secret codes are hashed with, made on first start and kept with the data. */
  hashSecret(): Promise<Buffer>;
  /** Stores a code's draft; false when a live code already has this hash. */
  add(code: {
    codeHash: Buffer;
    draft: string;
    createdAt: string;
    expiresAt: string;
  }): Promise<boolean>;
  /** Takes (answers and deletes at once) the draft of a code not expired at `at`, or null. */
  take(codeHash: Buffer, at: string): Promise<string | null>;
  /** Forgets codes expired at `at`; answers how many. */
  purge(at: string): Promise<number>;
}

/** Per-client counters kept in the database, so that every process and host counts a client
 *  together. */
export interface SharedLimits {
  /** Counts one request under `keyHash` at `nowMs` in a window of `windowMs` that starts at
   *  the first request after the last window ended; answers the count and when it ends. */
  hit(
    keyHash: Buffer,
    windowMs: number,
    nowMs: number,
  ): Promise<{ hits: number; windowEnds: number }>;
}

/** The storage of applications and idempotency records. */
export interface Store {
  /** Staff accounts and sessions (assisted sessions). */
  staff: StaffStore;
  /** Resume codes carrying a draft between devices. */
  resumeCodes: ResumeCodeStore;
  /** Decisions and the audit record. */
  review: ReviewStore;
  /** Where the limits that protect people (sign-in, resume codes, submissions) are counted
   *  when several processes share the database; null: each process counts its own. */
  limits: SharedLimits | null;
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
  /** Erases the personal fields of a withdrawn application at `at`; answers the application
   *  as it is afterwards (unchanged when it is not withdrawn; null if unknown). */
  erase(id: string, at: string): Promise<StoredApplication | null>;
  /** Erases the personal fields of every application kept past the cut-offs; answers how
   *  many. */
  eraseExpired(cutoffs: ErasureCutoffs, at: string): Promise<number>;
  /** Seals again, under the current data key, every application and draft sealed under
   *  another; answers how many of each. */
  rekey(): Promise<{ applications: number; drafts: number }>;
  /** Forgets idempotency records created before `before`; answers how many. */
  purgeIdempotency(before: string): Promise<number>;
  /** How many applications and idempotency records are stored (for tests and health). */
  counts(): Promise<{ applications: number; idempotencyKeys: number }>;
  /** Closes the database; the store cannot be used afterwards. */
  close(): Promise<void>;
}
