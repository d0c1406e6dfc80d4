// Staff accounts, staff sessions and resume codes in SQLite. These writes are few and small (a
// sign-in, a code made or redeemed), so they run on the reading connection rather than the
// writer thread, which is kept for the stream of applications; WAL and the busy timeout let
// the two connections take turns.
import type Database from 'better-sqlite3';
import { storedSecret } from './sqlite-migrations';
import type {
  ResumeCodeStore,
  SignInFailures,
  StaffAccount,
  StaffSession,
  StaffStore,
} from './store';

const STAFF_COLUMNS = `id, name, branch, passcode_hash AS passcodeHash, created_at AS createdAt`;

function isPrimaryKeyClash(error: unknown): boolean {
  return (error as { code?: string } | null)?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** Staff accounts, sessions and failed sign-ins over one connection. */
export function sqliteStaffStore(db: Database.Database): StaffStore {
  const signingKey = storedSecret(db, 'staff-signing');
  const statements = {
    add: db.prepare(`INSERT INTO staff (id, name, branch, passcode_hash, created_at)
      VALUES (@id, @name, @branch, @passcodeHash, @createdAt)`),
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

/** Resume codes over one connection; makes the drafts' key on first use. */
export function sqliteResumeCodeStore(db: Database.Database): ResumeCodeStore {
  const key = storedSecret(db, 'resume-code-key');
  const statements = {
    removeExpired: db.prepare('DELETE FROM resume_codes WHERE code_hash = ? AND expires_at <= ?'),
    add: db.prepare(`INSERT INTO resume_codes (code_hash, draft, created_at, expires_at)
      VALUES (@codeHash, @draft, @createdAt, @expiresAt)`),
    take: db
      .prepare(`DELETE FROM resume_codes WHERE code_hash = ? AND expires_at > ?
        RETURNING draft`)
      .pluck(),
    purge: db.prepare('DELETE FROM resume_codes WHERE expires_at <= ?'),
  };
  const add = db.transaction(
    (code: { codeHash: Buffer; draft: Buffer; createdAt: string; expiresAt: string }) => {
      // An expired code with the same hash no longer counts; a live one does.
      statements.removeExpired.run(code.codeHash, code.createdAt);
      try {
        statements.add.run(code);
        return true;
      } catch (error) {
        if (isPrimaryKeyClash(error)) return false;
        throw error;
      }
    },
  );
  return {
    async key() {
      return key;
    },
    async add(code) {
      return add.immediate(code);
    },
    async take(codeHash, at) {
      return (statements.take.get(codeHash, at) as Buffer | undefined) ?? null;
    },
    async purge(at) {
      return statements.purge.run(at).changes;
    },
  };
}
