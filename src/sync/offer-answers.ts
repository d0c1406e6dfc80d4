/** The applicant's answer to the lender's offer. Accepting is kept on this device first, with
 *  its own Idempotency-Key, and sent from there like an application in the outbox: at once
 *  when online, otherwise when the connection returns, so it reaches the lender exactly once. */
import {
  listSentApplications,
  rememberSentApplication,
  type SentApplication,
} from '../storage/sent-applications';
import { acceptOffer, fetchApplication, refuseOffer } from './api';
import { SEND_TIMEOUT_MS } from './send';
import { ACCESS_ENDED, isServerView, type ServerView } from './sent-status';

/** What came of sending an answer to an offer: the lender has it, it waits on this device
 *  to be sent, or the offer is no longer open (it lapsed, or was answered or withdrawn). */
export type OfferAnswerOutcome = 'done' | 'waiting' | 'closed';

function current(id: string): SentApplication | undefined {
  return listSentApplications().find((a) => a.id === id);
}

function remember(app: SentApplication, view: ServerView): SentApplication {
  const { answer, ...rest } = view;
  const { pendingAcceptance: _, ...kept } = app;
  const next: SentApplication = {
    ...kept,
    ...rest,
    answer: answer ?? null,
    checkedAt: new Date().toISOString(),
    // The applicant gave this answer: nothing to tell them about it later.
    toldStatus: rest.status,
  };
  rememberSentApplication(next);
  return next;
}

// The offer was not open: what the application's state is now, read again (or, when that
// fails, the acceptance is dropped and the next check of My applications says).
async function settleClosed(app: SentApplication): Promise<void> {
  const { pendingAcceptance: _, ...kept } = app;
  rememberSentApplication(kept);
  try {
    const reply = await fetchApplication(app.id, app.accessToken);
    if (reply.status === 200 && isServerView(reply.body)) remember(kept, reply.body);
    else if (reply.status === ACCESS_ENDED)
      rememberSentApplication({ ...kept, isAccessEnded: true });
  } catch {
    // Unreachable just now: the state is read again on the next visit to My applications.
  }
}

/** Keeps the applicant's acceptance of an offer on this device (a second press keeps the
 *  first, with its key), so it is sent even if the page is closed before it goes. */
export function keepAcceptance(app: SentApplication): SentApplication {
  const known = current(app.id) ?? app;
  if (known.pendingAcceptance) return known;
  const next = {
    ...known,
    pendingAcceptance: { idempotencyKey: crypto.randomUUID(), at: new Date().toISOString() },
  };
  rememberSentApplication(next);
  return next;
}

/** Sends a kept acceptance once. Only the lender's own answer counts: accepted (or accepted
 *  already, with the same key), or the offer no longer open; anything else leaves it kept. */
export async function sendAcceptance(id: string): Promise<OfferAnswerOutcome> {
  const app = current(id);
  if (!app?.pendingAcceptance) return app?.status === 'accepted' ? 'done' : 'closed';
  try {
    const reply = await acceptOffer(
      app.id,
      app.accessToken,
      app.pendingAcceptance.idempotencyKey,
      AbortSignal.timeout(SEND_TIMEOUT_MS),
    );
    if (reply.status === 200 && isServerView(reply.body)) {
      remember(app, reply.body);
      return 'done';
    }
    // 409: the offer lapsed or was answered; 410: the token ended; 404: it is not this
    // device's to answer any more. Sending again would be answered the same.
    if (reply.status === 409 || reply.status === 404 || reply.status === ACCESS_ENDED) {
      if (reply.status === ACCESS_ENDED) {
        const { pendingAcceptance: _, ...kept } = app;
        rememberSentApplication({ ...kept, isAccessEnded: true });
      } else await settleClosed(app);
      return 'closed';
    }
    return 'waiting';
  } catch {
    return 'waiting';
  }
}

/** Sends every acceptance kept on this device; resolves with how many were tried. */
export async function sendKeptAcceptances(): Promise<number> {
  const kept = listSentApplications().filter((a) => a.pendingAcceptance && !a.isAccessEnded);
  for (const app of kept) await sendAcceptance(app.id);
  return kept.length;
}

/** Says no thank you to the offer, online only (the applicant sees at once whether it went):
 *  'waiting' here means it did not reach the lender, and nothing is kept. */
export async function sendRefusal(id: string): Promise<OfferAnswerOutcome> {
  const app = current(id);
  if (!app) return 'closed';
  try {
    const reply = await refuseOffer(app.id, app.accessToken);
    if (reply.status === 200 && isServerView(reply.body)) {
      remember(app, reply.body);
      return 'done';
    }
    if (reply.status === 409 || reply.status === 404 || reply.status === ACCESS_ENDED) {
      await settleClosed(app);
      return 'closed';
    }
    return 'waiting';
  } catch {
    return 'waiting';
  }
}
