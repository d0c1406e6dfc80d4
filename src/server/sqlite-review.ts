// Decisions and the audit record in SQLite. A step and its audit entry are written in one
// transaction on the reading connection, as the staff store's writes are: they are few (a
// reviewer's click), and WAL with the busy timeout lets this connection and the writer
// thread's take turns.
import type Database from 'better-sqlite3';
import { nextState } from '../loan/application-state';
import type { DataCipher } from './data-cipher';
import { APPLICATION_COLUMNS, type ApplicationRow, applicationFrom } from './sqlite-writer';
import type { AuditEvent, ReviewStore, TransitionOutcome, TransitionRequest } from './store';

/** Decisions and the audit record over one connection; applications are read with `cipher`. */
export function sqliteReviewStore(db: Database.Database, cipher: DataCipher): ReviewStore {
  const statements = {
    get: db.prepare(`SELECT ${APPLICATION_COLUMNS} FROM applications WHERE id = ?`),
    // The state is compared again in the update itself: a change between the read and the
    // write (another reviewer, a withdrawal on the writer thread) leaves the row alone.
    step: db.prepare(`UPDATE applications SET status = @to,
        decision = coalesce(@decision, decision),
        withdrawn_at = CASE WHEN @to = 'withdrawn' THEN @at ELSE withdrawn_at END
      WHERE id = @id AND status = @from`),
    append: db.prepare(`INSERT INTO audit_events (application_id, actor, action, at, detail)
      VALUES (@applicationId, @actor, @action, @at, @detail)`),
    history: db.prepare(`SELECT seq, application_id AS applicationId, actor, action, at, detail
      FROM audit_events WHERE application_id = ? ORDER BY seq`),
  };

  const transition = db.transaction((request: TransitionRequest): TransitionOutcome => {
    const before = statements.get.get(request.applicationId) as ApplicationRow | undefined;
    if (!before) return { ok: false, reason: 'unknown' };
    if (before.status !== request.from) return { ok: false, reason: 'changed' };
    const next = nextState(before.status, request.event);
    if (!next.ok) return next;
    const changed = statements.step.run({
      id: request.applicationId,
      from: request.from,
      to: next.state,
      at: request.at,
      decision: request.decision ? JSON.stringify(request.decision) : null,
    }).changes;
    if (changed === 0) return { ok: false, reason: 'changed' };
    statements.append.run({
      applicationId: request.applicationId,
      actor: request.actor,
      action: request.event.type,
      at: request.at,
      detail: request.detail ? JSON.stringify(request.detail) : null,
    });
    const after = applicationFrom(
      statements.get.get(request.applicationId) as ApplicationRow,
      cipher,
    );
    return after ? { ok: true, application: after } : { ok: false, reason: 'unknown' };
  });

  return {
    async transition(request) {
      return transition.immediate(request);
    },
    async recordView(applicationId, actor, at) {
      statements.append.run({ applicationId, actor, action: 'viewed', at, detail: null });
    },
    async history(applicationId) {
      const rows = statements.history.all(applicationId) as (Omit<AuditEvent, 'detail'> & {
        detail: string | null;
      })[];
      return rows.map((row) => ({ ...row, detail: row.detail ? JSON.parse(row.detail) : null }));
    },
  };
}
