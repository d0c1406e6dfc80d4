import { askToPersist, database, type OutboxRecord, seal, unseal } from './vault';

/** What My applications shows of an application that is not sent yet. */
export interface OutboxSummary {
  productId: string;
  amount: number;
  months: number;
  monthlyPayment: number;
  currency: string;
}

/** An application waiting on this device to be sent. Only a receipt from the server
 *  removes it (see src/sync/outbox-sender.ts). */
export interface OutboxEntry {
  /** The draft it came from, so the same draft is never queued twice. */
  localId: string;
  body: unknown;
  idempotencyKey: string;
  summary: OutboxSummary;
  /** The answers it was made from, so a refusal can go back to the applicant to fix. */
  answers: Record<string, unknown>;
  createdAt: number;
  attempts: number;
  nextAttemptAt: number;
  /** Set when the server refused it (a 400 or 422): it waits for the applicant, not a retry. */
  refusedField?: string | null;
  /** Its session has ended: once sent, it leaves no receipt on this device. */
  forgetAfterSending?: boolean;
}

type Contents = Pick<OutboxEntry, 'body' | 'idempotencyKey' | 'summary' | 'answers'> & {
  refusedField?: string | null;
};

async function write(entry: OutboxEntry): Promise<void> {
  const contents: Contents = {
    body: entry.body,
    idempotencyKey: entry.idempotencyKey,
    summary: entry.summary,
    answers: entry.answers,
    refusedField: entry.refusedField,
  };
  const record: OutboxRecord = {
    localId: entry.localId,
    createdAt: entry.createdAt,
    attempts: entry.attempts,
    nextAttemptAt: entry.nextAttemptAt,
    ...(entry.forgetAfterSending ? { forgetAfterSending: true } : {}),
    ...(await seal(contents)),
  };
  const db = await database();
  // Strict durability: Send is only reported as safe once the item is on disk, so a tablet
  // that loses power straight after still has it.
  const tx = db.transaction('outbox', 'readwrite', { durability: 'strict' });
  await Promise.all([tx.store.put(record), tx.done]);
}

async function read(record: OutboxRecord): Promise<OutboxEntry | null> {
  try {
    const c = (await unseal(record)) as Contents;
    return {
      localId: record.localId,
      createdAt: record.createdAt,
      attempts: record.attempts,
      nextAttemptAt: record.nextAttemptAt,
      body: c.body,
      idempotencyKey: c.idempotencyKey,
      summary: c.summary,
      answers: c.answers,
      refusedField: c.refusedField,
      ...(record.forgetAfterSending ? { forgetAfterSending: true } : {}),
    };
  } catch {
    return null;
  }
}

/** Puts an application in the outbox (or replaces it); resolves once it is on disk. Throws
 *  when the browser refused to store it (a full disk, say). */
export async function putOutboxEntry(entry: OutboxEntry): Promise<void> {
  askToPersist();
  await write(entry);
}

/** One waiting application, or null. */
export async function getOutboxEntry(localId: string): Promise<OutboxEntry | null> {
  const db = await database();
  const record = await db.get('outbox', localId);
  return record ? read(record) : null;
}

/** Every waiting application, oldest first. Items this device can no longer open (its key
 *  was lost) are left out. */
export async function listOutbox(): Promise<OutboxEntry[]> {
  const db = await database();
  const records = await db.getAll('outbox');
  const entries = await Promise.all(records.map(read));
  return entries
    .filter((e): e is OutboxEntry => e !== null)
    .sort((a, b) => a.createdAt - b.createdAt);
}

/** Removes an application from the outbox: only after the server's receipt, or when the
 *  applicant takes a refused one back to change it. */
export async function removeOutboxEntry(localId: string): Promise<void> {
  const db = await database();
  await db.delete('outbox', localId);
}

/** Updates when to try again: the schedule only, the sealed contents are untouched. */
export async function rescheduleOutboxEntry(
  localId: string,
  attempts: number,
  nextAttemptAt: number,
): Promise<void> {
  const db = await database();
  const tx = db.transaction('outbox', 'readwrite');
  const record = await tx.store.get(localId);
  if (record) await tx.store.put({ ...record, attempts, nextAttemptAt });
  await tx.done;
}
