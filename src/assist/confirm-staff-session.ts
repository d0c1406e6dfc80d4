import {
  forgetStaffSession,
  isStaffSession,
  keepStaffSession,
  staffSession,
} from '../core/staff-session';
import { fetchStaffSession } from '../sync/api';

/** Asks the server whether the staff session kept in this tab still stands: a reload keeps
 *  the session (sessionStorage), but the server may have ended it meanwhile (signed out
 *  elsewhere, or removed). Refused (401), the banner goes and answers stop being recorded as
 *  staff's; confirmed, its expiry is the server's. With no answer (offline, or the server
 *  busy) the session stays until its own expiry, as it would have without the check. */
export async function confirmStaffSession(): Promise<void> {
  const session = staffSession.value;
  if (!session) return;
  const answer = await fetchStaffSession(session.token).catch(() => null);
  // Another sign-in or an End session may have happened while the question was out.
  if (staffSession.value?.token !== session.token) return;
  if (answer?.status === 401) {
    forgetStaffSession();
    return;
  }
  const confirmed = answer?.status === 200 ? { ...session, ...answer.body } : null;
  if (isStaffSession(confirmed)) keepStaffSession(confirmed);
}
