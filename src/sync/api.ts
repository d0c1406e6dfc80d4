/** The one place the app talks to Kindly's server. Views never call fetch themselves. */
import { deviceTokenFor, type StaffSession } from '../core/staff-session';

/** What the server answered: the HTTP status and its JSON body (null when it sent none or
 *  something that is not our JSON, such as a captive portal's login page). */
export interface ApiAnswer<T = unknown> {
  status: number;
  body: T | null;
}

/** An error the server reported in its `{"error": {...}}` shape. */
export interface ApiError {
  error: { code: string; message: string; field?: string | null };
}

declare global {
  interface Window {
    /** The catalog as src/app/boot.js asked for it on a journey page, before the app ran;
     *  null when that request failed. Taken once by fetchProducts. */
    kindlyEarlyProducts?: Promise<Response | null>;
  }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<ApiAnswer<T>> {
  return answerOf<T>(
    await fetch(path, { ...init, headers: { Accept: 'application/json', ...init.headers } }),
  );
}

async function answerOf<T>(response: Response): Promise<ApiAnswer<T>> {
  const isJson = response.headers.get('content-type')?.includes('application/json') ?? false;
  let body: T | null = null;
  if (isJson) {
    try {
      body = (await response.json()) as T;
    } catch {
      body = null;
    }
  }
  return { status: response.status, body };
}

/** The lender's loan catalog: the answer boot.js asked for already, the first time there is
 *  one, otherwise a new request. */
export async function fetchProducts(): Promise<ApiAnswer> {
  const early = window.kindlyEarlyProducts;
  window.kindlyEarlyProducts = undefined;
  const response = early ? await early : null;
  return response ? answerOf(response) : call('/api/products');
}

/** Sends an application once: the same Idempotency-Key makes a retry safe. An assisted
 *  application carries its own proof of staff help (assisted.attestation), so one queued
 *  offline goes as it was made, whenever it goes. */
export function postApplication(
  body: unknown,
  idempotencyKey: string,
  signal?: AbortSignal,
): Promise<ApiAnswer> {
  return call('/api/applications', {
    method: 'POST',
    signal,
    headers: { 'Content-Type': 'application/json', 'Idempotency-Key': idempotencyKey },
    body: JSON.stringify(body),
  });
}

/** An application's status, with the access token the server gave when it was sent. */
export function fetchApplication(id: string, token: string): Promise<ApiAnswer> {
  return call(`/api/applications/${encodeURIComponent(id)}`, {
    headers: { Authorization: `Bearer ${token}` },
  });
}

/** Withdraws an application within the cooling-off period. */
export function withdrawApplication(id: string, token: string): Promise<ApiAnswer> {
  return call(`/api/applications/${encodeURIComponent(id)}/withdraw`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
  });
}

/** Accepts the lender's offer once: the same Idempotency-Key makes sending it again safe. */
export function acceptOffer(
  id: string,
  token: string,
  idempotencyKey: string,
  signal?: AbortSignal,
): Promise<ApiAnswer> {
  return call(`/api/applications/${encodeURIComponent(id)}/acceptance`, {
    method: 'POST',
    signal,
    headers: { Authorization: `Bearer ${token}`, 'Idempotency-Key': idempotencyKey },
  });
}

/** Says no thank you to the lender's offer. */
export function refuseOffer(id: string, token: string): Promise<ApiAnswer> {
  return call(`/api/applications/${encodeURIComponent(id)}/refusal`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
  });
}

/** Asks the lender to erase a withdrawn application's personal details now (409 while it is
 *  still being considered). */
export function eraseApplication(id: string, token: string): Promise<ApiAnswer> {
  return call(`/api/applications/${encodeURIComponent(id)}/erase`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}` },
  });
}

/** What a sign-in answers: the session, and a device token to keep for the next ones. */
export type StaffSignIn = StaffSession & { deviceToken?: string };

/** Signs a member of branch staff in with their staff id and passcode, and the device token
 *  this tablet was given at an earlier sign-in of that id, if any. */
export function signInStaff(staffId: string, passcode: string): Promise<ApiAnswer<StaffSignIn>> {
  const deviceToken = deviceTokenFor(staffId);
  return call('/api/staff/sessions', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ staffId, passcode, ...(deviceToken ? { deviceToken } : {}) }),
  });
}

/** Asks the server whether a staff session still stands, and who it is for. */
export function fetchStaffSession(
  token: string,
): Promise<ApiAnswer<Pick<StaffSession, 'staff' | 'expiresAt'>>> {
  return call('/api/staff/sessions/current', { headers: { Authorization: `Bearer ${token}` } });
}

/** Ends a staff session on the server. */
export function endStaffSession(token: string): Promise<ApiAnswer> {
  return call('/api/staff/sessions/current', {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${token}` },
  });
}

/** A resume code the server gave for a stored draft, and when it stops working. */
export interface ResumeCode {
  code: string;
  expiresAt: string;
}

/** Stores a draft on the server (encrypted there) and gets the code that brings it back. */
export function createResumeCode(draft: unknown): Promise<ApiAnswer<ResumeCode>> {
  return call('/api/resume-codes', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ draft }),
  });
}

/** Exchanges a resume code (once) for the draft it stands for. */
export function redeemResumeCode(code: string): Promise<ApiAnswer<{ draft: unknown }>> {
  return call('/api/resume-codes/redeem', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ code }),
  });
}
