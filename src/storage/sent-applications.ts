/** Applications sent from this device, so "My applications" can list them and ask the
 *  server for their status. Kept in localStorage: ids, references and access tokens only,
 *  never the applicant's personal details. */
const KEY = 'kindly.sent';

/** What this device remembers of a sent application. */
export interface SentApplication {
  id: string;
  reference: string;
  accessToken: string;
  receivedAt: string;
  withdrawableUntil: string;
  productId: string;
  amount: number;
  months: number;
  monthlyPayment: number;
  currency: string;
  status: string;
  /** Until when the lender keeps its personal details, as the server last said. */
  keptUntil?: string;
  /** The outbox item it was sent from, so a page waiting on that item can find it. */
  localId?: string;
  /** The lender no longer keeps its personal data, and its access token has ended. */
  isAccessEnded?: boolean;
  /** The lender's answer as last read: its kind, a decline's reason, an offer's terms and,
   *  once accepted, when the agreement was made. */
  answer?: LenderAnswer | null;
  /** The applicant accepted the offer on this device and the lender has not had it yet: the
   *  key that makes sending it again safe, and when it was pressed (ISO instant). */
  pendingAcceptance?: { idempotencyKey: string; at: string };
  /** When the status was last read from the lender (ISO instant). */
  checkedAt?: string;
  /** The status the applicant was last told has an answer, so it is told once. */
  toldStatus?: string;
}

/** The terms of an offer as the lender made it (figures are worked out from them again). */
export interface OfferTerms {
  amount: number;
  months: number;
  method: string;
  /** When the offer lapses if not accepted (ISO instant). */
  expiresAt: string;
}

/** The lender's answer to an application, as the server last gave it. */
export interface LenderAnswer {
  kind: string;
  reason?: string;
  offer?: OfferTerms;
  /** When the applicant accepted the offer: the agreement was made then (ISO instant). */
  agreedAt?: string;
}

/** Every application sent from this device, newest first. */
export function listSentApplications(): SentApplication[] {
  try {
    const raw = JSON.parse(localStorage.getItem(KEY) ?? '[]');
    return Array.isArray(raw) ? (raw as SentApplication[]) : [];
  } catch {
    return [];
  }
}

/** The application sent from this outbox item, if it has been sent. */
export function findSentByLocalId(localId: string): SentApplication | null {
  return listSentApplications().find((a) => a.localId === localId) ?? null;
}

/** Remembers a sent application, or updates it (its status, say) if already known. */
export function rememberSentApplication(app: SentApplication): void {
  const known = listSentApplications();
  const next = known.some((a) => a.id === app.id)
    ? known.map((a) => (a.id === app.id ? app : a))
    : [app, ...known];
  try {
    localStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Storage full: the server still has the application, and the reference is on screen.
  }
}

/** Whether an acceptance of an offer waits on this device to be sent. */
export function hasKeptAcceptances(): boolean {
  return listSentApplications().some((a) => a.pendingAcceptance && !a.isAccessEnded);
}
