import { computed, signal } from '@preact/signals';

/** A member of branch staff as the server names them. */
export interface StaffMember {
  id: string;
  name: string;
  branch: string;
}

/** A signed-in staff session: the token the server gave, who it is, and when it ends. */
export interface StaffSession {
  token: string;
  staff: StaffMember;
  expiresAt: string;
}

// The token lives in memory and in this tab's sessionStorage only (a reload keeps the
// session, closing the tab ends it); never in the draft, the outbox or localStorage.
const SESSION_KEY = 'kindly.staffSession';
/** The localStorage key marking this tablet as a branch device; the wipe keeps it. */
export const BRANCH_DEVICE_KEY = 'kindly.branchDevice';

/** True for a staff session as the server gives it. */
export function isStaffSession(value: unknown): value is StaffSession {
  const v = value as Partial<StaffSession> | null;
  return (
    typeof v?.token === 'string' &&
    typeof v.expiresAt === 'string' &&
    typeof v.staff?.id === 'string' &&
    typeof v.staff.name === 'string' &&
    typeof v.staff.branch === 'string'
  );
}

function isLive(session: StaffSession | null, now = Date.now()): session is StaffSession {
  return session !== null && Date.parse(session.expiresAt) > now;
}

function readSession(): StaffSession | null {
  try {
    const raw: unknown = JSON.parse(sessionStorage.getItem(SESSION_KEY) ?? 'null');
    return isStaffSession(raw) && isLive(raw) ? raw : null;
  } catch {
    return null;
  }
}

function readBranchDevice(): boolean {
  try {
    return localStorage.getItem(BRANCH_DEVICE_KEY) === 'yes';
  } catch {
    return false;
  }
}

/** The staff session on this tab, or null; while it is set the app is in assisted mode. */
export const staffSession = signal<StaffSession | null>(readSession());

/** Whether this tablet is marked as a branch device (shared by many customers). */
export const isBranchDevice = signal<boolean>(readBranchDevice());

/** True while staff are signed in and helping: the banner shows and answers record who
 *  entered them. */
export const isAssisted = computed(() => staffSession.value !== null);

/** True on a tablet many people use: the idle warning and timeout apply. */
export const isSharedDevice = computed(() => isAssisted.value || isBranchDevice.value);

let expiryTimer: ReturnType<typeof setTimeout> | undefined;

function watchExpiry(session: StaffSession | null): void {
  clearTimeout(expiryTimer);
  if (!session) return;
  // A session ends at its expiry even if nobody touches the tablet; timers longer than
  // about 24 days overflow, sessions are hours.
  const left = Math.min(Date.parse(session.expiresAt) - Date.now(), 2 ** 31 - 1);
  expiryTimer = setTimeout(() => forgetStaffSession(), Math.max(0, left));
}
watchExpiry(staffSession.value);

/** Keeps a new staff session (after sign-in) and marks this tablet as a branch device. */
export function keepStaffSession(session: StaffSession): void {
  staffSession.value = session;
  try {
    sessionStorage.setItem(SESSION_KEY, JSON.stringify(session));
  } catch {
    // Storage blocked: the session lasts as long as this page.
  }
  setBranchDevice(true);
  watchExpiry(session);
}

/** Forgets the staff session on this tab (it has ended or expired). */
export function forgetStaffSession(): void {
  staffSession.value = null;
  watchExpiry(null);
  try {
    sessionStorage.removeItem(SESSION_KEY);
  } catch {
    // Nothing to forget when storage is blocked.
  }
}

/** Marks or unmarks this tablet as a branch device. */
export function setBranchDevice(isOn: boolean): void {
  isBranchDevice.value = isOn;
  try {
    if (isOn) localStorage.setItem(BRANCH_DEVICE_KEY, 'yes');
    else localStorage.removeItem(BRANCH_DEVICE_KEY);
  } catch {
    // The mark still applies for this visit.
  }
}

/** The header an application sent now carries, when staff `staffId` is signed in here: the
 *  server checks the session belongs to the staff member the application names. */
export function staffSessionHeader(staffId: unknown): Record<string, string> {
  const session = staffSession.value;
  if (!isLive(session) || session.staff.id !== staffId) return {};
  return { 'Kindly-Staff-Session': session.token };
}
