// Decisions and the audit record in PostgreSQL. A step locks its application's row for the
// length of its transaction: of two reviewers deciding the same application at once, on any
// process or host, the second waits, then finds the state changed and writes nothing.
import type pg from 'pg';
import { nextState } from '../loan/application-state';
import { inTransaction } from './pg-migrations';
import { QUEUE_WHERE } from './sqlite-review';
import type {
  AuditEvent,
  QueueCursor,
  QueueFilter,
  QueueItem,
  ReviewStore,
  StoredApplication,
} from './store';

// The same queue lines as in SQLite; the amounts are whole minor units, read as numbers.
const QUEUE_COLUMNS = `id, reference, status, received_at AS "receivedAt",
  body::jsonb->>'productId' AS "productId", (body::jsonb->>'amount')::integer AS amount,
  (body::jsonb->>'months')::integer AS months, help`;

/** The query of one page of the queue: oldest first, after `after` when given. Each filter
 *  reads its own index in order (see migration 2), so a page costs its own rows. */
export function queueQuery(
  filter: QueueFilter,
  limit: number,
  after?: QueueCursor,
): { text: string; values: unknown[] } {
  const where = QUEUE_WHERE[filter];
  return after
    ? {
        text: `SELECT ${QUEUE_COLUMNS} FROM applications WHERE ${where}
          AND (received_at, id) > ($2, $3) ORDER BY received_at, id LIMIT $1`,
        values: [limit, after.receivedAt, after.id],
      }
    : {
        text: `SELECT ${QUEUE_COLUMNS} FROM applications WHERE ${where}
          ORDER BY received_at, id LIMIT $1`,
        values: [limit],
      };
}

/** How the store reads an application row: its columns, and the row as a StoredApplication
 *  with its personal fields opened. */
export interface ApplicationReader {
  columns: string;
  from(row: unknown): StoredApplication | null;
}

/** Decisions and the audit record over `pool`; applications are read with `read`. */
export function pgReviewStore(pool: pg.Pool, read: ApplicationReader): ReviewStore {
  const append = `INSERT INTO audit_events (application_id, actor, action, at, detail)
    VALUES ($1, $2, $3, $4, $5)`;
  return {
    async transition(request) {
      const client = await pool.connect();
      try {
        return await inTransaction(client, async () => {
          const before = (
            await client.query<{ status: StoredApplication['status'] }>(
              'SELECT status FROM applications WHERE id = $1 FOR UPDATE',
              [request.applicationId],
            )
          ).rows[0];
          if (!before) return { ok: false, reason: 'unknown' } as const;
          if (before.status !== request.from) return { ok: false, reason: 'changed' } as const;
          const next = nextState(before.status, request.event);
          if (!next.ok) return next;
          const { rows } = await client.query(
            `UPDATE applications SET status = $3,
              decision = coalesce($4, decision),
              withdrawable_until = coalesce($5, withdrawable_until),
              withdrawn_at = CASE WHEN $3 = 'withdrawn' THEN $6 ELSE withdrawn_at END
            WHERE id = $1 AND status = $2 RETURNING ${read.columns}`,
            [
              request.applicationId,
              request.from,
              next.state,
              request.decision ? JSON.stringify(request.decision) : null,
              request.withdrawableUntil ?? null,
              request.at,
            ],
          );
          const after = read.from(rows[0]);
          if (!after) return { ok: false, reason: 'changed' } as const;
          await client.query(append, [
            request.applicationId,
            request.actor,
            request.event.type,
            request.at,
            request.detail ? JSON.stringify(request.detail) : null,
          ]);
          return { ok: true, application: after } as const;
        });
      } finally {
        client.release();
      }
    },
    async recordView(applicationId, actor, at) {
      await pool.query(append, [applicationId, actor, 'viewed', at, null]);
    },
    async queue(filter, limit, after) {
      const { text, values } = queueQuery(filter, limit, after);
      return (await pool.query<QueueItem>(text, values)).rows;
    },
    async findReference(reference) {
      const { rows } = await pool.query<QueueItem>(
        `SELECT ${QUEUE_COLUMNS} FROM applications WHERE reference = $1`,
        [reference],
      );
      return rows[0] ?? null;
    },
    async history(applicationId) {
      const { rows } = await pool.query<Omit<AuditEvent, 'detail'> & { detail: string | null }>(
        `SELECT seq::float8 AS seq, application_id AS "applicationId", actor, action, at, detail
        FROM audit_events WHERE application_id = $1 ORDER BY seq`,
        [applicationId],
      );
      return rows.map((row) => ({ ...row, detail: row.detail ? JSON.parse(row.detail) : null }));
    },
  };
}
