import { signal } from '@preact/signals';
import {
  getOutboxEntry,
  listOutbox,
  type OutboxEntry,
  putOutboxEntry,
  removeOutboxEntry,
  rescheduleOutboxEntry,
} from '../storage/outbox';
import {
  findSentByLocalId,
  hasKeptAcceptances,
  rememberSentApplication,
  type SentApplication,
} from '../storage/sent-applications';
import { sendApplication } from './send';

/** The first wait after a failed attempt; it doubles with each further failure. */
export const BASE_DELAY_MS = 5_000;
/** The longest wait between attempts. */
export const MAX_DELAY_MS = 5 * 60_000;

/** What came of trying to send one outbox item. */
export type AttemptResult =
  | { kind: 'sent'; app: SentApplication }
  | { kind: 'refused'; field: string | null }
  | { kind: 'waiting'; nextAttemptAt: number };

/** How long to wait after the n-th failed attempt (n >= 1): exponential, capped at 5 min. */
export function retryDelay(attempts: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** Math.max(0, attempts - 1));
}

/** True when an item should be tried now. A wait longer than the cap can only come from a
 *  clock that was wrong and has been corrected; the item is then due, never stranded. */
export function isDue(entry: Pick<OutboxEntry, 'nextAttemptAt' | 'refusedField'>, now: number) {
  if (entry.refusedField !== undefined) return false;
  return entry.nextAttemptAt <= now || entry.nextAttemptAt - now > MAX_DELAY_MS;
}

/** Bumped whenever the outbox changes, in this tab or another; pages showing pending
 *  items read it to know when to look again. */
export const outboxVersion = signal(0);

const CHANNEL = 'kindly-outbox';
const LOCK = 'kindly-outbox';
let channel: BroadcastChannel | null = null;

function changed(): void {
  outboxVersion.value++;
  channel?.postMessage('changed');
}

// Sending is serialised across tabs by a Web Lock, so two tabs never post the same item at
// once. Without the Locks API (Safari before 15.4) the lock only covers this tab; a second
// tab's duplicate post is then answered by the server's Idempotency-Key replay, still one row.
let localQueue: Promise<unknown> = Promise.resolve();
function withLock<T>(work: () => Promise<T>): Promise<T> {
  if (typeof navigator !== 'undefined' && navigator.locks?.request) {
    return navigator.locks.request(LOCK, work) as Promise<T>;
  }
  const run = localQueue.then(work, work);
  localQueue = run.catch(() => undefined);
  return run;
}

async function attempt(entry: OutboxEntry): Promise<AttemptResult> {
  const outcome = await sendApplication(entry.body, entry.idempotencyKey);
  if (outcome.kind === 'sent') {
    const { kind: _, ...receipt } = outcome;
    const app: SentApplication = { ...receipt, ...entry.summary, localId: entry.localId };
    // Remembered before it leaves the outbox: a crash in between only means one more post,
    // which the server answers with the same receipt. Not when its applicant's session on a
    // shared tablet has ended: the receipt (with the token that withdraws it) stays off it.
    if (!entry.forgetAfterSending) rememberSentApplication(app);
    await removeOutboxEntry(entry.localId);
    return { kind: 'sent', app };
  }
  if (outcome.kind === 'refused') {
    await putOutboxEntry({ ...entry, refusedField: outcome.field });
    return { kind: 'refused', field: outcome.field };
  }
  const attempts = entry.attempts + 1;
  const nextAttemptAt = Date.now() + retryDelay(attempts);
  await rescheduleOutboxEntry(entry.localId, attempts, nextAttemptAt);
  return { kind: 'waiting', nextAttemptAt };
}

/** What came of pressing Send. `unsaved` means the device refused to store it (full) and
 *  the one direct attempt did not get through either: the answers stay on the page. */
export type SubmitResult = AttemptResult | { kind: 'unsaved' };

/** Sends an application through the outbox: it is stored (sealed) first, then tried once.
 *  Pressing Send again, or in a second tab with the same draft, finds the same item or its
 *  receipt, so nothing is ever sent twice. */
export async function submitApplication(
  fresh: Omit<OutboxEntry, 'createdAt' | 'attempts' | 'nextAttemptAt'>,
): Promise<SubmitResult> {
  const result = await withLock(async (): Promise<SubmitResult> => {
    const known = findSentByLocalId(fresh.localId);
    if (known) return { kind: 'sent', app: known };
    const queued = await getOutboxEntry(fresh.localId).catch(() => null);
    const entry: OutboxEntry =
      queued && queued.refusedField === undefined
        ? queued
        : { ...fresh, createdAt: Date.now(), attempts: 0, nextAttemptAt: Date.now() };
    try {
      if (entry !== queued) await putOutboxEntry(entry);
    } catch {
      const direct = await sendApplication(entry.body, entry.idempotencyKey);
      if (direct.kind === 'sent') {
        const { kind: _, ...receipt } = direct;
        const app: SentApplication = { ...receipt, ...entry.summary, localId: entry.localId };
        rememberSentApplication(app);
        return { kind: 'sent', app };
      }
      if (direct.kind === 'refused') return { kind: 'refused', field: direct.field };
      return { kind: 'unsaved' };
    }
    const outcome = await attempt(entry);
    // The applicant is on the page to fix a refusal, so it leaves the outbox at once.
    if (outcome.kind === 'refused') await removeOutboxEntry(entry.localId);
    return outcome;
  });
  changed();
  if (result.kind === 'waiting') scheduleNext();
  return result;
}

/** Tries every item that is due (every item, when `force`: the network just came back or
 *  the person just returned), then every acceptance of an offer kept on this device. Only
 *  one tab at a time does this. */
export async function flushOutbox(options: { force?: boolean } = {}): Promise<void> {
  const touched = await withLock(async () => {
    let count = 0;
    for (const entry of await listOutbox()) {
      if (entry.refusedField !== undefined) continue;
      if (!options.force && !isDue(entry, Date.now())) continue;
      // Read again inside the lock: another tab may have sent it a moment ago.
      const current = await getOutboxEntry(entry.localId);
      if (!current) continue;
      await attempt(current);
      count++;
    }
    // Answers to offers are rare: their code comes only when one waits, not with every start.
    const acceptances = hasKeptAcceptances()
      ? await import('./offer-answers').then((m) => m.sendKeptAcceptances())
      : 0;
    return count + acceptances;
  }).catch(() => 0);
  if (touched > 0) changed();
  scheduleNext();
}

let timer: ReturnType<typeof setTimeout> | null = null;

/** Sets the timer for the earliest item still waiting. */
function scheduleNext(): void {
  void listOutbox()
    .then((entries) => {
      if (timer) clearTimeout(timer);
      timer = null;
      const waiting = entries.filter((e) => e.refusedField === undefined);
      const hasAcceptances = hasKeptAcceptances();
      if (waiting.length === 0 && !hasAcceptances) return;
      const now = Date.now();
      // A kept acceptance is tried again as soon as an application's first retry would be.
      const soonest = Math.min(
        ...waiting.map((e) => e.nextAttemptAt),
        ...(hasAcceptances ? [now + BASE_DELAY_MS] : []),
      );
      const wait = Math.min(MAX_DELAY_MS, Math.max(1_000, soonest - now));
      timer = setTimeout(() => void flushOutbox(), wait);
      requestBackgroundSync();
    })
    .catch(() => undefined);
}

interface SyncRegistration extends ServiceWorkerRegistration {
  sync?: { register(tag: string): Promise<void> };
}

/** Asks the service worker to wake Kindly when the connection returns (Chromium only;
 *  Safari has no Background Sync, so the other triggers work without it). Only while the
 *  browser is offline: online, Chromium fires the sync at once, the worker asks the page to
 *  send now, and a server that is down or failing was asked again and again without pause
 *  (dozens of times a second, seen under Orca with the connection to the server cut). */
function requestBackgroundSync(): void {
  if (navigator.onLine !== false) return;
  if (!('serviceWorker' in navigator) || !navigator.serviceWorker.controller) return;
  void navigator.serviceWorker.ready
    .then((registration) => (registration as SyncRegistration).sync?.register(LOCK))
    .catch(() => undefined);
}

let isStarted = false;

/** Starts sending: now, when the connection returns, when the person comes back to the
 *  tab, on a timer, and when the service worker's Background Sync asks. */
export function startOutbox(): void {
  if (isStarted) return;
  isStarted = true;
  if (typeof BroadcastChannel !== 'undefined') {
    channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = () => {
      outboxVersion.value++;
    };
  }
  window.addEventListener('online', () => void flushOutbox({ force: true }));
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void flushOutbox({ force: true });
  });
  navigator.serviceWorker?.addEventListener('message', (event: MessageEvent) => {
    if ((event.data as { type?: string } | null)?.type === 'kindly-flush-outbox') {
      void flushOutbox({ force: true });
    }
  });
  void flushOutbox({ force: true });
}
