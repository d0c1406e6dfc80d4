// Staff accounts, staff sessions and resume codes in SQLite. These writes are few and small (a
// sign-in, a code made or redeemed), so they run on the reading connection rather than the
// writer thread, which is kept for the stream of applications; WAL and the busy timeout let
// the two connections take turns.
import { hkdfSync } from 'node:crypto';
import type Database from 'better-sqlite3';
import { type DataCipher, dataCipher, draftAad } from './data-cipher';
import { storedSecret } from './sqlite-migrations';
import type {
  ResumeCodeStore,
  SignInFailures,
  StaffAccount,
  StaffSession,
  StaffStore,
} from './store';

const STAFF_COLUMNS = `id, name, branch, role, passcode_hash AS passcodeHash, created_at AS createdAt`;

function isPrimaryKeyClash(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Staff accounts, sessions and failed sign-ins over one connection. */
export function sqliteStaffStore(db: Database.Database): StaffStore {
  const signingKey = storedSecret(db, 'staff-signing');
  const statements = {
    add: db.prepare(`INSERT INTO staff (id, name, branch, role, passcode_hash, created_at)
      VALUES (@id, @name, @branch, @role, @passcodeHash, @createdAt)`),
    get: db.prepare(`SELECT ${STAFF_COLUMNS} FROM staff WHERE id = ?`),
    setPasscodeHash: db.prepare('UPDATE staff SET passcode_hash = ? WHERE id = ?'),
    failures: db.prepare(`SELECT failures, locked_until AS lockedUntil
      FROM staff_sign_in_failures WHERE staff_id = ?`),
    // A lock that has passed starts the count again from this failure.
    countFailure: db.prepare(`INSERT INTO staff_sign_in_failures
        (staff_id, failures, locked_until, updated_at) VALUES (@id, 1, NULL, @at)
      ON CONFLICT (staff_id) DO UPDATE SET
        failures = CASE WHEN locked_until IS NOT NULL AND locked_until <= @at THEN 1
          ELSE failures + 1 END,
        locked_until = CASE WHEN locked_until <= @at THEN NULL ELSE locked_until END,
        updated_at = @at
      RETURNING failures, locked_until AS lockedUntil`),
    lock: db.prepare(`UPDATE staff_sign_in_failures SET failures = 0, locked_until = @until
      WHERE staff_id = @id RETURNING failures, locked_until AS lockedUntil`),
    clearFailures: db.prepare('DELETE FROM staff_sign_in_failures WHERE staff_id = ?'),
    createSession: db.prepare(`INSERT INTO staff_sessions
      (token_hash, staff_id, created_at, expires_at)
      VALUES (@tokenHash, @staffId, @createdAt, @expiresAt)`),
    getSession: db.prepare(`SELECT s.expires_at AS expiresAt, ${STAFF_COLUMNS.split(', ')
      .map((column) => `staff.${column}`)
      .join(', ')}
      FROM staff_sessions s JOIN staff ON staff.id = s.staff_id
      WHERE s.token_hash = ? AND s.expires_at > ?`),
    endSession: db.prepare('DELETE FROM staff_sessions WHERE token_hash = ?'),
    purgeSessions: db.prepare('DELETE FROM staff_sessions WHERE expires_at < ?'),
    purgeFailures: db.prepare(`DELETE FROM staff_sign_in_failures
      WHERE updated_at < @before AND (locked_until IS NULL OR locked_until < @before)`),
  };

  const recordFailure = db.transaction(
    (id: string, at: string, lockAfter: number, lockUntil: string): SignInFailures => {
      const counted = statements.countFailure.get({ id, at }) as SignInFailures;
      if (counted.failures < lockAfter) return counted;
      return statements.lock.get({ id, until: lockUntil }) as SignInFailures;
    },
  );

  return {
    async add(account) {
      try {
        statements.add.run(account);
        return true;
      } catch (error) {
        if (isPrimaryKeyClash(error)) return false;
        throw error;
      }
    },
    async get(id) {
      return (statements.get.get(id) as StaffAccount | undefined) ?? null;
    },
    async setPasscodeHash(id, passcodeHash) {
      statements.setPasscodeHash.run(passcodeHash, id);
    },
    async signingKey() {
      return signingKey;
    },
    async failures(id) {
      return (statements.failures.get(id) as SignInFailures | undefined) ?? null;
    },
    async recordFailure(id, at, lockAfter, lockUntil) {
      return recordFailure.immediate(id, at, lockAfter, lockUntil);
    },
    async clearFailures(id) {
      statements.clearFailures.run(id);
    },
    async createSession(session) {
      statements.createSession.run(session);
    },
    async getSession(tokenHash, at) {
      const row = statements.getSession.get(tokenHash, at) as
        | (StaffAccount & { expiresAt: string })
        | undefined;
      if (!row) return null;
      const { expiresAt, ...staff } = row;
      return { staff, expiresAt } satisfies StaffSession;
    },
    async endSession(tokenHash) {
      return statements.endSession.run(tokenHash).changes > 0;
    },
    async purge(sessionsBefore, failuresBefore) {
      return (
        statements.purgeSessions.run(sessionsBefore).changes +
        statements.purgeFailures.run({ before: failuresBefore }).changes
      );
    },
  };
}

// Drafts stored before they were sealed with the data key were sealed (the same way, bound to
// the code's hash alone) with a key derived from the resume codes' secret, kept in the same
// database; they are sealed again with the data key at start.
function legacyDraftCipher(secret: Buffer): DataCipher {
  return dataCipher(
    Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'kindly resume-code draft', 32)),
  );
}

/** Resume codes over one connection, their drafts sealed with `cipher`; makes the codes'
 *  hashing secret on first use. `reseal` seals again under the current key every draft
 *  sealed under another. */
export function sqliteResumeCodeStore(
  db: Database.Database,
  cipher: DataCipher,
): ResumeCodeStore & { reseal(): number } {
  const secret = storedSecret(db, 'resume-code-key');
  const statements = {
    removeExpired: db.prepare('DELETE FROM resume_codes WHERE code_hash = ? AND expires_at <= ?'),
    add: db.prepare(`INSERT INTO resume_codes (code_hash, draft, created_at, expires_at, data_key)
      VALUES (@codeHash, @draft, @createdAt, @expiresAt, @dataKey)`),
    take: db.prepare(`DELETE FROM resume_codes WHERE code_hash = ? AND expires_at > ?
      RETURNING draft, data_key AS dataKey`),
    purge: db.prepare('DELETE FROM resume_codes WHERE expires_at <= ?'),
    others: db.prepare(`SELECT code_hash AS codeHash, draft, data_key AS dataKey
      FROM resume_codes WHERE data_key IS NULL OR data_key != ?`),
    reseal: db.prepare(
      'UPDATE resume_codes SET draft = @draft, data_key = @dataKey WHERE code_hash = @codeHash',
    ),
  };
  type Sealed = { codeHash: Buffer; draft: Buffer; dataKey: string | null };
  const legacy = legacyDraftCipher(secret);
  const open = ({ codeHash, draft, dataKey }: Sealed) =>
    dataKey === null
      ? legacy.open(draft, codeHash, legacy.keyId)
      : cipher.open(draft, draftAad(codeHash), dataKey);
  const seal = (codeHash: Buffer, json: string) => ({
    draft: cipher.seal(json, draftAad(codeHash)),
    dataKey: cipher.keyId,
  });
  const add = db.transaction(
    (code: { codeHash: Buffer; draft: string; createdAt: string; expiresAt: string }) => {
      // An expired code with the same hash no longer counts; a live one does.
      statements.removeExpired.run(code.codeHash, code.createdAt);
      try {
        statements.add.run({ ...code, ...seal(code.codeHash, code.draft) });
        return true;
      } catch (error) {
        if (isPrimaryKeyClash(error)) return false;
        throw error;
      }
    },
  );
  // Drafts live 48 hours and are few: all of them in one transaction.
  const reseal = db.transaction((which: 'unsealed' | 'all') => {
    const rows = (statements.others.all(cipher.keyId) as Sealed[]).filter(
      (row) => which === 'all' || row.dataKey === null,
    );
    for (const row of rows) {
      statements.reseal.run({ codeHash: row.codeHash, ...seal(row.codeHash, open(row)) });
    }
    return rows.length;
  });
  reseal.immediate('unsealed');
  return {
    async hashSecret() {
      return secret;
    },
    async add(code) {
      return add.immediate(code);
    },
    async take(codeHash, at) {
      const row = statements.take.get(codeHash, at) as Omit<Sealed, 'codeHash'> | undefined;
      return row ? open({ codeHash, ...row }) : null;
    },
    async purge(at) {
      return statements.purge.run(at).changes;
    },
    reseal: () => reseal.immediate('all'),
  };
}
