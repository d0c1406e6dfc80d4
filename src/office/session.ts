// The reviewer signed in to the back office on this tab. Kept apart from the branch staff
// session in core: a reviewer deciding applications is not helping a customer, so signing in
// here must not put the applicant's pages into assisted mode.
import { signal } from '@preact/signals';
import type { StaffMember } from '../core/staff-session';

/** A reviewer's session: the server's token, who it is, and when it ends. */
export interface OfficeSession {
  token: string;
  staff: StaffMember & { role: string };
  expiresAt: string;
}

// In this tab's sessionStorage only, as the staff session is: closing the tab signs out.
const KEY = 'kindly.officeSession';

function isOfficeSession(value: unknown): value is OfficeSession {
  const v = value as Partial<OfficeSession> | null;
  return (
    typeof v?.token === 'string' &&
    typeof v.expiresAt === 'string' &&
    typeof v.staff?.id === 'string' &&
    typeof v.staff.name === 'string' &&
    typeof v.staff.branch === 'string' &&
    typeof v.staff.role === 'string'
  );
}

function read(): OfficeSession | null {
  try {
    const raw: unknown = JSON.parse(sessionStorage.getItem(KEY) ?? 'null');
    return isOfficeSession(raw) && Date.parse(raw.expiresAt) > Date.now() ? raw : null;
  } catch {
    return null;
  }
}

/** The reviewer signed in on this tab, or null. */
export const officeSession = signal<OfficeSession | null>(read());

/** Keeps a reviewer's session after sign-in; false (nothing kept) for an answer that is not one. */
export function keepOfficeSession(given: unknown): boolean {
  if (!isOfficeSession(given)) return false;
  const session = {
    token: given.token,
    staff: {
      id: given.staff.id,
      name: given.staff.name,
      branch: given.staff.branch,
      role: given.staff.role,
    },
    expiresAt: given.expiresAt,
  };
  officeSession.value = session;
  hasOfficeSessionEnded.value = false;
  try {
    sessionStorage.setItem(KEY, JSON.stringify(session));
  } catch {
    // Storage blocked: the session lasts as long as this page.
  }
  return true;
}

/** True once the server has said the session on this tab ended: the sign-in says so. */
export const hasOfficeSessionEnded = signal(false);

/** Forgets the reviewer's session on this tab: signed out, or (`hasEnded`) the server ended it. */
export function forgetOfficeSession(hasEnded = false): void {
  officeSession.value = null;
  hasOfficeSessionEnded.value = hasEnded;
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing kept to forget.
  }
}
