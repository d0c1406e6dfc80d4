// The store on PostgreSQL, for a lender running Kindly on several processes or hosts. Every
// guarantee the SQLite store gives within one process holds here across all of them, because
// each is decided by the database in one statement or one transaction: an Idempotency-Key
// by its primary key and INSERT … ON CONFLICT, a resume code by DELETE … RETURNING, a staff
// id's failed sign-ins by an upsert whose row lock lasts the transaction, and the per-client
// limits by an upsert counter. Personal fields are sealed here, on the event loop, before a
// query is sent: tens of microseconds an application, against a network round trip.
import { createHmac } from 'node:crypto';
import pg from 'pg';
import { type DataCipher, dataCipher, draftAad, openBody, sealBody } from './data-cipher';
import type { DataKeys } from './data-keys';
import { inTransaction, migratePg, storedSecretPg } from './pg-migrations';
import { pgReviewStore } from './pg-review';
import { createdOutcome, makeReference } from './sqlite-writer';
import type {
  IdempotencyRecord,
  ResumeCodeStore,
  SharedLimits,
  SignInFailures,
  StaffAccount,
  StaffStore,
  Store,
  StoredApplication,
} from './store';

const APPLICATION_COLUMNS = `id, reference, status, token_hash AS "tokenHash",
  received_at AS "receivedAt", withdrawable_until AS "withdrawableUntil",
  withdrawn_at AS "withdrawnAt", erased_at AS "erasedAt", body, decision,
  data_key AS "dataKey"`;

const IDEMPOTENCY_COLUMNS = `key_hash AS "keyHash", fingerprint,
  application_id AS "applicationId", status_code AS "statusCode", response,
  created_at AS "createdAt"`;

const STAFF_COLUMNS = `id, name, branch, role, passcode_hash AS "passcodeHash",
  created_at AS "createdAt"`;

// What an application keeps once its personal fields are erased: what accounting needs (the
// same fields as in SQLite).
const ERASED_BODY = `json_build_object('productId', body::json->'productId',
  'amount', body::json->'amount', 'months', body::json->'months',
  'method', body::json->'method', 'figures', body::json->'figures')::text`;

type ApplicationRow = StoredApplication & { dataKey: string | null };

// A clash of references is rare; ten in a row means something is broken, not unlucky.
const REFERENCE_ATTEMPTS = 10;

// Applications are sealed again in batches, each its own statement, so that the server's
// writes go on between them.
const RESEAL_BATCH = 200;

const FOREIGN_KEY_VIOLATION = '23503';

function applicationFrom(row: ApplicationRow | undefined, cipher: DataCipher) {
  if (!row) return null;
  const { dataKey, ...application } = row;
  if (dataKey !== null) application.body = openBody(cipher, row.id, row.body, dataKey);
  return application as StoredApplication;
}

/** The connection pool for a postgres:// URL, with its size. */
export function pgPool(url: string, max = 10): pg.Pool {
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle connection the server lost is replaced at the next query; without a listener its
  // error would end the process.
  pool.on('error', () => {});
  return pool;
}

/** Opens the PostgreSQL store at `url`, applying its migrations; personal data is sealed with
 *  `keys`. `poolSize` is how many connections this process keeps. */
export async function openPgStore(url: string, keys: DataKeys, poolSize = 10): Promise<Store> {
  const pool = pgPool(url, poolSize);
  const locks = pgPool(url, LOCK_CONNECTIONS);
  try {
    return await storeOver(pool, locks, keys);
  } catch (error) {
    await Promise.all([pool.end(), locks.end()]);
    throw error;
  }
}

// Connections that hold a staff id's lock during a sign-in attempt, kept apart from the pool.
const LOCK_CONNECTIONS = 4;

async function storeOver(pool: pg.Pool, locks: pg.Pool, keys: DataKeys): Promise<Store> {
  const version = await migratePg(pool);
  const cipher = dataCipher(keys.current, keys.previous);
  await checkKeysKnown(pool, cipher);
  const secret = await storedSecretPg(pool, 'access-token');
  const staff = await pgStaffStore(pool, locks);
  const resumeCodes = await pgResumeCodeStore(pool, cipher);
  const one = async <T>(text: string, values: unknown[]) =>
    (await pool.query(text, values)).rows[0] as T | undefined;
  const getApplication = async (id: string) =>
    applicationFrom(
      await one<ApplicationRow>(`SELECT ${APPLICATION_COLUMNS} FROM applications WHERE id = $1`, [
        id,
      ]),
      cipher,
    );
  const findIdempotency = async (keyHash: Buffer) =>
    (await one<IdempotencyRecord>(
      `SELECT ${IDEMPOTENCY_COLUMNS} FROM idempotency_keys WHERE key_hash = $1`,
      [keyHash],
    )) ?? null;

  return {
    staff,
    resumeCodes,
    review: pgReviewStore(pool, {
      columns: APPLICATION_COLUMNS,
      from: (row) => applicationFrom(row as ApplicationRow | undefined, cipher),
    }),
    limits: pgLimits(pool, await storedSecretPg(pool, 'client-limit')),
    async check() {
      const row = await one<{ version: number }>(
        'SELECT max(version) AS version FROM schema_migrations',
        [],
      );
      if (row?.version !== version) {
        throw new Error('the database schema is not at the expected version');
      }
    },
    async tokenSecret() {
      return secret;
    },
    findIdempotency,
    async createApplication(input) {
      const sealed = sealBody(cipher, input.application.id, input.application.body);
      for (let attempt = 1; ; attempt++) {
        const outcome = createdOutcome(input, makeReference());
        const { application: a, record: r } = outcome;
        // One statement, so one transaction: the key is claimed by its primary key (a second
        // process sending the same key at the same moment waits for this one, then does
        // nothing), and the application is stored only when the claim succeeded. A reference
        // already taken leaves the key pointing nowhere, which the foreign key refuses, and
        // the whole statement is undone and tried again with another.
        try {
          const row = await one<{ claimed: boolean }>(
            `WITH claim AS (
              INSERT INTO idempotency_keys
                (key_hash, fingerprint, application_id, status_code, response, created_at)
              VALUES ($1, $2, $3, $4, $5, $6)
              ON CONFLICT (key_hash) DO NOTHING RETURNING key_hash
            ), stored AS (
              INSERT INTO applications (id, reference, status, token_hash, received_at,
                withdrawable_until, withdrawn_at, body, data_key)
              SELECT $3, $7, $8, $9, $10, $11, $12, $13, $14 WHERE EXISTS (SELECT 1 FROM claim)
              ON CONFLICT (reference) DO NOTHING RETURNING id
            ) SELECT EXISTS (SELECT 1 FROM claim) AS claimed`,
            [
              r.keyHash,
              r.fingerprint,
              a.id,
              r.statusCode,
              r.response,
              r.createdAt,
              a.reference,
              a.status,
              a.tokenHash,
              a.receivedAt,
              a.withdrawableUntil,
              a.withdrawnAt,
              sealed,
              cipher.keyId,
            ],
          );
          if (row?.claimed) return outcome;
        } catch (error) {
          const code = (error as { code?: string }).code;
          if (code === FOREIGN_KEY_VIOLATION && attempt < REFERENCE_ATTEMPTS) continue;
          throw error;
        }
        const record = await findIdempotency(input.keyHash);
        if (record) return { kind: 'key-exists', record };
        // The key was purged between the two statements: try again as new.
        if (attempt >= REFERENCE_ATTEMPTS) throw new Error('the idempotency key could not be kept');
      }
    },
    getApplication,
    async withdraw(id, at) {
      await pool.query(
        `UPDATE applications SET status = 'withdrawn', withdrawn_at = $2
        WHERE id = $1 AND status IN ('received', 'call-first', 'awaiting-approval')
          AND withdrawable_until > $2`,
        [id, at],
      );
      return getApplication(id);
    },
    async erase(id, at) {
      await pool.query(
        `UPDATE applications SET body = ${ERASED_BODY}, data_key = NULL, erased_at = $2
        WHERE id = $1 AND status = 'withdrawn' AND erased_at IS NULL`,
        [id, at],
      );
      return getApplication(id);
    },
    async eraseExpired(cutoffs, at) {
      const { rowCount } = await pool.query(
        `UPDATE applications SET body = ${ERASED_BODY}, data_key = NULL, erased_at = $3
        WHERE erased_at IS NULL AND (received_at < $2
          OR (received_at < $1 AND status = 'withdrawn' AND withdrawn_at < $1))`,
        [cutoffs.withdrawnBefore, cutoffs.receivedBefore, at],
      );
      return rowCount ?? 0;
    },
    async rekey() {
      return {
        applications: await resealApplications(pool, cipher),
        drafts: await resumeCodes.reseal(),
      };
    },
    async purgeIdempotency(before) {
      const { rowCount } = await pool.query('DELETE FROM idempotency_keys WHERE created_at < $1', [
        before,
      ]);
      // Counters of windows that have ended go at the same time; they are not in the answer.
      await pool.query('DELETE FROM client_limits WHERE window_ends < $1', [Date.now()]);
      return rowCount ?? 0;
    },
    async counts() {
      const row = await one<{ applications: number; idempotencyKeys: number }>(
        `SELECT (SELECT count(*)::int FROM applications) AS applications,
          (SELECT count(*)::int FROM idempotency_keys) AS "idempotencyKeys"`,
        [],
      );
      return row ?? { applications: 0, idempotencyKeys: 0 };
    },
    async close() {
      if (!pool.ended) await Promise.all([pool.end(), locks.end()]);
    },
  };
}

/** Refuses a database holding personal data sealed under a key this server was not given. */
async function checkKeysKnown(pool: pg.Pool, cipher: DataCipher) {
  const { rows } = await pool.query<{ id: string }>(
    `SELECT DISTINCT data_key AS id FROM applications
      WHERE erased_at IS NULL AND data_key IS NOT NULL
      UNION SELECT DISTINCT data_key FROM resume_codes WHERE data_key IS NOT NULL`,
  );
  const unknown = rows.map((row) => row.id).filter((id) => !cipher.knows(id));
  if (unknown.length > 0) {
    throw new Error(
      `The database holds personal data sealed under a data key this server was not given ` +
        `(key id ${unknown.join(', ')}). Give that key as KINDLY_DATA_KEY or ` +
        'KINDLY_DATA_KEY_PREVIOUS (or their _FILE forms).',
    );
  }
}

/** Seals again under the current key every application still holding personal data sealed
 *  under another; a row erased or changed meanwhile is left as it is. */
async function resealApplications(pool: pg.Pool, cipher: DataCipher): Promise<number> {
  let total = 0;
  for (;;) {
    const { rows } = await pool.query<ApplicationRow>(
      `SELECT ${APPLICATION_COLUMNS} FROM applications
      WHERE erased_at IS NULL AND data_key IS NOT NULL AND data_key != $1 LIMIT ${RESEAL_BATCH}`,
      [cipher.keyId],
    );
    if (rows.length === 0) return total;
    for (const row of rows) {
      const application = applicationFrom(row, cipher);
      if (!application) continue;
      const { rowCount } = await pool.query(
        `UPDATE applications SET body = $2, data_key = $3
        WHERE id = $1 AND erased_at IS NULL AND data_key = $4`,
        [row.id, sealBody(cipher, row.id, application.body), cipher.keyId, row.dataKey],
      );
      total += rowCount ?? 0;
    }
  }
}

/** The per-client limits, counted in the database by every process together. A client's
 *  address is kept only under a keyed hash: there are too few IPv4 addresses for a plain hash
 *  to hide one. */
function pgLimits(pool: pg.Pool, secret: Buffer): SharedLimits {
  return {
    async hit(clientHash, windowMs, nowMs) {
      const keyHash = createHmac('sha256', secret).update(clientHash).digest();
      const { rows } = await pool.query<{ hits: number; windowEnds: string }>(
        `INSERT INTO client_limits (key_hash, hits, window_ends) VALUES ($1, 1, $2::bigint + $3)
        ON CONFLICT (key_hash) DO UPDATE SET
          hits = CASE WHEN client_limits.window_ends <= $2 THEN 1 ELSE client_limits.hits + 1 END,
          window_ends = CASE WHEN client_limits.window_ends <= $2 THEN $2::bigint + $3
            ELSE client_limits.window_ends END
        RETURNING hits, window_ends AS "windowEnds"`,
        [keyHash, nowMs, windowMs],
      );
      const row = rows[0];
      if (!row) throw new Error('the limit could not be counted');
      return { hits: row.hits, windowEnds: Number(row.windowEnds) };
    },
  };
}

/** Staff accounts, sessions and failed sign-ins in PostgreSQL. */
async function pgStaffStore(pool: pg.Pool, locks: pg.Pool): Promise<StaffStore> {
  const signingKey = await storedSecretPg(pool, 'staff-signing');
  return {
    async add(account) {
      const { rowCount } = await pool.query(
        `INSERT INTO staff (id, name, branch, role, passcode_hash, created_at)
        VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (id) DO NOTHING`,
        [
          account.id,
          account.name,
          account.branch,
          account.role,
          account.passcodeHash,
          account.createdAt,
        ],
      );
      return rowCount === 1;
    },
    async get(id) {
      const { rows } = await pool.query<StaffAccount>(
        `SELECT ${STAFF_COLUMNS} FROM staff WHERE id = $1`,
        [id],
      );
      return rows[0] ?? null;
    },
    async setPasscodeHash(id, passcodeHash) {
      await pool.query('UPDATE staff SET passcode_hash = $2 WHERE id = $1', [id, passcodeHash]);
    },
    async signingKey() {
      return signingKey;
    },
    async failures(id) {
      const { rows } = await pool.query<SignInFailures>(
        `SELECT failures, locked_until AS "lockedUntil" FROM staff_sign_in_failures
        WHERE staff_id = $1`,
        [id],
      );
      return rows[0] ?? null;
    },
    async recordFailure(id, at, lockAfter, lockUntil) {
      const client = await pool.connect();
      try {
        return await inTransaction(client, async () => {
          // The upsert takes the row's lock until commit: a failure counted by another
          // process at the same moment waits, then counts on top of this one.
          const counted = (
            await client.query<SignInFailures>(
              `INSERT INTO staff_sign_in_failures (staff_id, failures, locked_until, updated_at)
              VALUES ($1, 1, NULL, $2)
              ON CONFLICT (staff_id) DO UPDATE SET
                failures = CASE WHEN staff_sign_in_failures.locked_until IS NOT NULL
                    AND staff_sign_in_failures.locked_until <= $2 THEN 1
                  ELSE staff_sign_in_failures.failures + 1 END,
                locked_until = CASE WHEN staff_sign_in_failures.locked_until <= $2 THEN NULL
                  ELSE staff_sign_in_failures.locked_until END,
                updated_at = $2
              RETURNING failures, locked_until AS "lockedUntil"`,
              [id, at],
            )
          ).rows[0] as SignInFailures;
          if (counted.failures < lockAfter) return counted;
          return (
            await client.query<SignInFailures>(
              `UPDATE staff_sign_in_failures SET failures = 0, locked_until = $2
              WHERE staff_id = $1 RETURNING failures, locked_until AS "lockedUntil"`,
              [id, lockUntil],
            )
          ).rows[0] as SignInFailures;
        });
      } finally {
        client.release();
      }
    },
    async exclusive(key, work) {
      // On a pool of its own: the work's queries take connections from the main pool, so a
      // burst of sign-ins holding locks cannot leave none for them.
      const client = await locks.connect();
      try {
        await client.query('SELECT pg_advisory_lock(hashtextextended($1, 0))', [`staff ${key}`]);
        try {
          return await work();
        } finally {
          await client.query('SELECT pg_advisory_unlock(hashtextextended($1, 0))', [
            `staff ${key}`,
          ]);
        }
      } finally {
        client.release();
      }
    },
    async clearFailures(id) {
      await pool.query('DELETE FROM staff_sign_in_failures WHERE staff_id = $1', [id]);
    },
    async createSession(session) {
      await pool.query(
        `INSERT INTO staff_sessions (token_hash, staff_id, created_at, expires_at)
        VALUES ($1, $2, $3, $4)`,
        [session.tokenHash, session.staffId, session.createdAt, session.expiresAt],
      );
    },
    async getSession(tokenHash, at) {
      const { rows } = await pool.query<StaffAccount & { expiresAt: string }>(
        `SELECT s.expires_at AS "expiresAt", staff.id, staff.name, staff.branch, staff.role,
          staff.passcode_hash AS "passcodeHash", staff.created_at AS "createdAt"
        FROM staff_sessions s JOIN staff ON staff.id = s.staff_id
        WHERE s.token_hash = $1 AND s.expires_at > $2`,
        [tokenHash, at],
      );
      const row = rows[0];
      if (!row) return null;
      const { expiresAt, ...account } = row;
      return { staff: account, expiresAt };
    },
    async endSession(tokenHash) {
      const { rowCount } = await pool.query('DELETE FROM staff_sessions WHERE token_hash = $1', [
        tokenHash,
      ]);
      return (rowCount ?? 0) > 0;
    },
    async purge(sessionsBefore, failuresBefore) {
      const sessions = await pool.query('DELETE FROM staff_sessions WHERE expires_at < $1', [
        sessionsBefore,
      ]);
      const failures = await pool.query(
        `DELETE FROM staff_sign_in_failures
        WHERE updated_at < $1 AND (locked_until IS NULL OR locked_until < $1)`,
        [failuresBefore],
      );
      return (sessions.rowCount ?? 0) + (failures.rowCount ?? 0);
    },
  };
}

/** Resume codes in PostgreSQL, their drafts sealed with `cipher`. */
async function pgResumeCodeStore(
  pool: pg.Pool,
  cipher: DataCipher,
): Promise<ResumeCodeStore & { reseal(): Promise<number> }> {
  const secret = await storedSecretPg(pool, 'resume-code-key');
  type Sealed = { codeHash: Buffer; draft: Buffer; dataKey: string };
  const open = ({ codeHash, draft, dataKey }: Sealed) =>
    cipher.open(draft, draftAad(codeHash), dataKey);
  return {
    async hashSecret() {
      return secret;
    },
    async add(code) {
      const draft = cipher.seal(code.draft, draftAad(code.codeHash));
      const client = await pool.connect();
      try {
        return await inTransaction(client, async () => {
          // An expired code with the same hash no longer counts; a live one does.
          await client.query('DELETE FROM resume_codes WHERE code_hash = $1 AND expires_at <= $2', [
            code.codeHash,
            code.createdAt,
          ]);
          const { rowCount } = await client.query(
            `INSERT INTO resume_codes (code_hash, draft, created_at, expires_at, data_key)
            VALUES ($1, $2, $3, $4, $5) ON CONFLICT (code_hash) DO NOTHING`,
            [code.codeHash, draft, code.createdAt, code.expiresAt, cipher.keyId],
          );
          return rowCount === 1;
        });
      } finally {
        client.release();
      }
    },
    async take(codeHash, at) {
      // One statement: of two processes redeeming the same code at once, one deletes the row
      // and the other finds none.
      const { rows } = await pool.query<Omit<Sealed, 'codeHash'>>(
        `DELETE FROM resume_codes WHERE code_hash = $1 AND expires_at > $2
        RETURNING draft, data_key AS "dataKey"`,
        [codeHash, at],
      );
      const row = rows[0];
      return row ? open({ codeHash, ...row }) : null;
    },
    async purge(at) {
      const { rowCount } = await pool.query('DELETE FROM resume_codes WHERE expires_at <= $1', [
        at,
      ]);
      return rowCount ?? 0;
    },
    async reseal() {
      const { rows } = await pool.query<Sealed>(
        `SELECT code_hash AS "codeHash", draft, data_key AS "dataKey" FROM resume_codes
        WHERE data_key != $1`,
        [cipher.keyId],
      );
      let done = 0;
      for (const row of rows) {
        const { rowCount } = await pool.query(
          `UPDATE resume_codes SET draft = $2, data_key = $3
          WHERE code_hash = $1 AND data_key = $4`,
          [row.codeHash, cipher.seal(open(row), draftAad(row.codeHash)), cipher.keyId, row.dataKey],
        );
        done += rowCount ?? 0;
      }
      return done;
    },
  };
}
