import { forgetStaffSession, STAFF_SIGN_OUT_KEY, staffSession } from '../core/staff-session';
import { endStaffSession } from '../sync/api';

// Sessions signed out on this tablet that the server has not yet heard of: the token and
// its expiry, in localStorage so that a reload or a closed tab does not leave the session
// valid on the server; each goes once the server has ended it, or at its expiry.
interface Pending {
  token: string;
  expiresAt: string;
}

function readPending(now = Date.now()): Pending[] {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(STAFF_SIGN_OUT_KEY) ?? '[]');
    if (!Array.isArray(raw)) return [];
    return raw.filter(
      (p): p is Pending =>
        typeof p?.token === 'string' &&
        typeof p.expiresAt === 'string' &&
        Date.parse(p.expiresAt) > now,
    );
  } catch {
    return [];
  }
}

function writePending(pending: readonly Pending[]): void {
  try {
    if (pending.length > 0) localStorage.setItem(STAFF_SIGN_OUT_KEY, JSON.stringify(pending));
    else localStorage.removeItem(STAFF_SIGN_OUT_KEY);
  } catch {
    // Storage blocked: the session then ends on the server at its own expiry.
  }
}

// Ended now (204), or already ended or expired there (401): nothing is left to end.
async function endOnServer(token: string): Promise<boolean> {
  const answer = await endStaffSession(token).catch(() => null);
  return answer?.status === 204 || answer?.status === 401;
}

/** Signs staff out: at once on this tablet (the banner goes, answers stop being recorded as
 *  staff's), and on the server now or, if it cannot be reached, at the next connection. */
export async function signOutStaff(): Promise<void> {
  const session = staffSession.value;
  forgetStaffSession();
  if (!session) return;
  // Noted first, so that a tab closed before the server answers still ends it later.
  writePending([...readPending(), { token: session.token, expiresAt: session.expiresAt }]);
  await endOne(session.token);
}

async function endOne(token: string): Promise<void> {
  if (await endOnServer(token)) writePending(readPending().filter((p) => p.token !== token));
}

let isEnding = false;

/** Ends on the server the sessions signed out here while it could not be reached; called at
 *  start and whenever the tablet comes back online. */
export async function endSessionsLeftOpen(): Promise<void> {
  if (isEnding) return;
  isEnding = true;
  try {
    for (const { token } of readPending()) await endOne(token);
  } finally {
    isEnding = false;
  }
}
