// Decisions and the audit record in SQLite. A step and its audit entry are written in one
// transaction on the reading connection, as the staff store's writes are: they are few (a
// reviewer's click), and WAL with the busy timeout lets this connection and the writer
// thread's take turns.
import type Database from 'better-sqlite3';
import { nextState } from '../loan/application-state';
import type { DataCipher } from './data-cipher';
import { APPLICATION_COLUMNS, type ApplicationRow, applicationFrom } from './sqlite-writer';
import type {
  AuditEvent,
  QueueFilter,
  QueueItem,
  ReviewStore,
  TransitionOutcome,
  TransitionRequest,
} from './store';

const QUEUE_COLUMNS = `id, reference, status, received_at AS receivedAt,
  body->>'$.productId' AS productId, body->>'$.amount' AS amount, body->>'$.months' AS months,
  help`;

// The states the queue holds, written as the partial indexes of migration 4 write them: the
// planner uses a partial index only for a query whose WHERE repeats its condition.
const IN_QUEUE = `status IN ('received', 'call-first', 'awaiting-approval')`;

/** The condition of each queue filter. Each reads its own index in order, so a page costs its
 *  own rows, however many applications wait. */
export const QUEUE_WHERE: Record<QueueFilter, string> = {
  all: IN_QUEUE,
  waiting: `status = 'received'`,
  'call-first': `status = 'call-first'`,
  'awaiting-approval': `status = 'awaiting-approval'`,
  assisted: `help = 'assisted' AND ${IN_QUEUE} AND help IS NOT NULL`,
  'claimed-help': `help = 'claimed' AND ${IN_QUEUE} AND help IS NOT NULL`,
};

/** Decisions and the audit record over one connection; applications are read with `cipher`. */
export function sqliteReviewStore(db: Database.Database, cipher: DataCipher): ReviewStore {
  const statements = {
    get: db.prepare(`SELECT ${APPLICATION_COLUMNS} FROM applications WHERE id = ?`),
    // The state is compared again in the update itself: a change between the read and the
    // write (another reviewer, a withdrawal on the writer thread) leaves the row alone.
    step: db.prepare(`UPDATE applications SET status = @to,
        decision = coalesce(@decision, decision),
        withdrawable_until = coalesce(@withdrawableUntil, withdrawable_until),
        withdrawn_at = CASE WHEN @to = 'withdrawn' THEN @at ELSE withdrawn_at END
      WHERE id = @id AND status = @from`),
    append: db.prepare(`INSERT INTO audit_events (application_id, actor, action, at, detail)
      VALUES (@applicationId, @actor, @action, @at, @detail)`),
    findReference: db.prepare(`SELECT ${QUEUE_COLUMNS} FROM applications WHERE reference = ?`),
    history: db.prepare(`SELECT seq, application_id AS applicationId, actor, action, at, detail
      FROM audit_events WHERE application_id = ? ORDER BY seq`),
  };

  const pages = Object.fromEntries(
    Object.entries(QUEUE_WHERE).map(([filter, where]) => [
      filter,
      {
        first: db.prepare(`SELECT ${QUEUE_COLUMNS} FROM applications WHERE ${where}
          ORDER BY received_at, id LIMIT @limit`),
        after: db.prepare(`SELECT ${QUEUE_COLUMNS} FROM applications WHERE ${where}
          AND (received_at, id) > (@receivedAt, @id) ORDER BY received_at, id LIMIT @limit`),
      },
    ]),
  ) as Record<QueueFilter, { first: Database.Statement; after: Database.Statement }>;

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
      withdrawableUntil: request.withdrawableUntil ?? null,
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
    async queue(filter, limit, after) {
      const page = pages[filter];
      return (
        after ? page.after.all({ ...after, limit }) : page.first.all({ limit })
      ) as QueueItem[];
    },
    async findReference(reference) {
      return (statements.findReference.get(reference) as QueueItem | undefined) ?? null;
    },
    async history(applicationId) {
      const rows = statements.history.all(applicationId) as (Omit<AuditEvent, 'detail'> & {
        detail: string | null;
      })[];
      return rows.map((row) => ({ ...row, detail: row.detail ? JSON.parse(row.detail) : null }));
    },
  };
}
