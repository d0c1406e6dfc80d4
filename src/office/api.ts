// The back office's calls to the reviewers' API, each with the reviewer's session. An answer
// that says the session has ended (401) signs the reviewer out on this tab, so every page
// shows the sign-in form rather than a broken page.
import type { ApplicationState, DeclineReason } from '../loan/application-state';
import type { PreAssessment } from '../loan/pre-assessment';
import type { RepaymentMethod } from '../loan/types';
import { type ApiAnswer, signInStaff } from '../sync/api';
import { forgetOfficeSession, officeSession } from './session';

export { signInStaff };

/** One line of the queue. */
export interface QueueItem {
  id: string;
  reference: string;
  status: ApplicationState;
  receivedAt: string;
  productId: string;
  amount: number;
  months: number;
  help: 'assisted' | 'claimed' | null;
}

/** A page of the queue and the cursor of the next, or null on the last. */
export interface QueuePage {
  items: QueueItem[];
  next: string | null;
}

/** The filters the queue offers. */
export const QUEUE_FILTERS = [
  'all',
  'waiting',
  'call-first',
  'awaiting-approval',
  'assisted',
  'claimed-help',
] as const;

/** One of the queue's filters. */
export type QueueFilter = (typeof QUEUE_FILTERS)[number];

/** The figures of a loan as the server works them out. */
export interface Figures {
  monthlyPayment: number;
  totalPayable: number;
  annualRatePercent: number;
}

/** A decision as the server keeps it. */
export interface Decision {
  kind: 'offer' | 'decline' | 'call-first';
  by: string;
  at: string;
  amount?: number;
  months?: number;
  method?: RepaymentMethod;
  reason?: DeclineReason;
  approvedBy?: string;
  approvedAt?: string;
}

/** What the applicant sent, as stored (staff help verified in `assisted`, or only claimed in
 *  `staffClaim`). */
export interface EnteredApplication {
  productId: string;
  amount: number;
  months: number;
  method: RepaymentMethod;
  figures: Figures;
  applicant: {
    fullName: string;
    dateOfBirth: string;
    idType: string;
    idNumber: string;
    phone: string;
    country: string;
  };
  income: { monthlyIncomeBand: string; existingRepayments: number };
  trustedContact: { name: string; phone: string; relationship: string } | null;
  safety: { pressured: boolean };
  teachBack: { answeredCorrectly: boolean; attempts: number };
  locale: string;
  assisted?: { staffId: string; branch: string; madeAt: string } | null;
  staffClaim?: { staffId: string; reason: string };
}

/** An application as a reviewer sees it. */
export interface ReviewedApplication {
  id: string;
  reference: string;
  status: ApplicationState;
  receivedAt: string;
  withdrawnAt: string | null;
  erasedAt: string | null;
  body: EnteredApplication;
  figures: Figures | null;
  figuresAgree: boolean;
  product: {
    id: string;
    eligibility: { minAge: number; maxAge: number; needsBusiness?: boolean };
    review: {
      fourEyesAbove: number;
      offerValidDays: number;
      affordableShare: number;
      teachBackAttempts: number;
    };
  } | null;
  preAssessment: PreAssessment | null;
  decision: Decision | null;
  offerExpiresAt: string | null;
}

/** One entry of an application's audit record. */
export interface AuditEvent {
  seq: number;
  actor: string;
  action: string;
  at: string;
  detail: Record<string, unknown> | null;
}

/** A decision as a reviewer sends it, with the state the reviewer saw. */
export type DecisionSent =
  | {
      kind: 'offer';
      from: ApplicationState;
      amount: number;
      months: number;
      method: RepaymentMethod;
    }
  | { kind: 'decline'; from: ApplicationState; reason: DeclineReason }
  | { kind: 'call-first'; from: ApplicationState; note?: string };

/** The server's answer, or null when it could not be reached. */
export type OfficeAnswer<T> = ApiAnswer<T> | null;

async function call<T>(path: string, init: RequestInit = {}): Promise<OfficeAnswer<T>> {
  const session = officeSession.value;
  let response: Response;
  try {
    response = await fetch(path, {
      ...init,
      headers: {
        Accept: 'application/json',
        ...(init.body ? { 'Content-Type': 'application/json' } : {}),
        ...(session ? { Authorization: `Bearer ${session.token}` } : {}),
      },
    });
  } catch {
    return null;
  }
  if (response.status === 401) forgetOfficeSession(true);
  let body: T | null = null;
  if (response.headers.get('content-type')?.includes('application/json')) {
    body = (await response.json().catch(() => null)) as T | null;
  }
  return { status: response.status, body };
}

/** A page of the queue under a filter, after a cursor. */
export function fetchQueue(
  filter: QueueFilter,
  after: string | null,
): Promise<OfficeAnswer<QueuePage>> {
  const query = new URLSearchParams({ filter });
  if (after) query.set('after', after);
  return call(`/api/office/applications?${query}`);
}

/** The application with a reference, in any state, as a page of the queue. */
export function findReference(reference: string): Promise<OfficeAnswer<QueuePage>> {
  return call(`/api/office/applications?${new URLSearchParams({ reference })}`);
}

/** An application as a reviewer sees it (the server records the look). */
export function fetchReviewed(id: string): Promise<OfficeAnswer<ReviewedApplication>> {
  return call(`/api/office/applications/${encodeURIComponent(id)}`);
}

/** An application's audit record. */
export function fetchHistory(id: string): Promise<OfficeAnswer<{ events: AuditEvent[] }>> {
  return call(`/api/office/applications/${encodeURIComponent(id)}/history`);
}

/** Sends a decision. */
export function sendDecision(id: string, decision: DecisionSent): Promise<OfficeAnswer<unknown>> {
  return call(`/api/office/applications/${encodeURIComponent(id)}/decision`, {
    method: 'POST',
    body: JSON.stringify(decision),
  });
}

/** A second reviewer agrees to an offer another reviewer proposed. */
export function sendApproval(id: string): Promise<OfficeAnswer<unknown>> {
  return call(`/api/office/applications/${encodeURIComponent(id)}/approval`, {
    method: 'POST',
    body: JSON.stringify({ from: 'awaiting-approval' }),
  });
}

/** The error code of a refused answer, or null. */
export function errorCode(answer: OfficeAnswer<unknown>): string | null {
  const error = (answer?.body as { error?: { code?: unknown } } | null)?.error;
  return typeof error?.code === 'string' ? error.code : null;
}
