/** Asks the lender where each application sent from this device stands, and remembers it. */
import {
  listSentApplications,
  rememberSentApplication,
  type SentApplication,
} from '../storage/sent-applications';
import { fetchApplication } from './api';

/** The part of the server's view of an application that this device keeps. */
export interface ServerView {
  status: string;
  withdrawableUntil: string;
  keptUntil?: string;
  answer?: SentApplication['answer'];
}

/** Whether a body is the server's view of an application. */
export function isServerView(body: unknown): body is ServerView {
  const b = body as Partial<ServerView> | null;
  return typeof b?.status === 'string' && typeof b.withdrawableUntil === 'string';
}

/** The server answers 410 to a token whose application's personal data is no longer kept: it
 *  will never read anything again, so the device stops asking and says why. */
export const ACCESS_ENDED = 410;

// The states in which the lender has answered, or its offer has ended unanswered: the
// applicant is told once.
const ANSWERED: readonly string[] = ['call-first', 'offered', 'declined', 'lapsed'];

/** Updates every sent application whose access has not ended with what the server says now,
 *  and when; resolves with the references of those whose answer the applicant has not been
 *  told yet (now marked told), and rejects when the server could not be reached (what was
 *  known stays). */
export async function refreshSentApplications(): Promise<string[]> {
  const news = await Promise.all(
    listSentApplications()
      .filter((app) => !app.isAccessEnded)
      .map(async (app) => {
        const answer = await fetchApplication(app.id, app.accessToken);
        if (answer.status === 200 && isServerView(answer.body)) {
          const { answer: lenderAnswer, ...view } = answer.body;
          // Read again: while the answer was on its way, this device may have changed it
          // (an acceptance kept to be sent), and that must not be written over.
          const latest = listSentApplications().find((a) => a.id === app.id) ?? app;
          const isNews = ANSWERED.includes(view.status) && latest.toldStatus !== view.status;
          rememberSentApplication({
            ...latest,
            ...view,
            answer: lenderAnswer ?? null,
            checkedAt: new Date().toISOString(),
            ...(isNews ? { toldStatus: view.status } : {}),
          });
          return isNews ? app.reference : null;
        }
        if (answer.status === ACCESS_ENDED) {
          const latest = listSentApplications().find((a) => a.id === app.id) ?? app;
          rememberSentApplication({ ...latest, isAccessEnded: true });
        }
        return null;
      }),
  );
  return news.filter((reference) => reference !== null);
}
