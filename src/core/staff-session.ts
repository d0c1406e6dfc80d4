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
  /** The server's signed statement of this sign-in (staff id, branch, when it began and
   *  ends): an assisted application carries it, and counts as staff's only with it. */
  attestation: string;
  /** The server's clock at sign-in. */
  issuedAt: string;
  /** The server's clock less this device's, measured at sign-in: applications say when they
   *  were made on the server's clock, so a tablet whose clock is wrong is still believed. */
  clockOffsetMs?: number;
}

// The token lives in memory and in this tab's sessionStorage only (a reload keeps the
// session, closing the tab ends it); never in the draft, the outbox or localStorage.
const SESSION_KEY = 'kindly.staffSession';
/** The localStorage key marking this tablet as a branch device; the wipe keeps it. */
export const BRANCH_DEVICE_KEY = 'kindly.branchDevice';
/** The localStorage key of the device tokens the server gave this tablet, by staff id: a
 *  staff member's sign-ins here are then counted apart from a stranger's guesses (which
 *  cannot lock them out here). Not secret enough to sign anyone in; the wipe keeps them. */
export const STAFF_DEVICES_KEY = 'kindly.staffDevices';
/** The localStorage key of staff sessions signed out here that the server has not yet heard
 *  of (src/assist/sign-out.ts); the wipe keeps it. */
export const STAFF_SIGN_OUT_KEY = 'kindly.staffSessionsToEnd';

/** True for a staff session as the server gives it. */
export function isStaffSession(value: unknown): value is StaffSession {
  const v = value as Partial<StaffSession> | null;
  return (
    typeof v?.token === 'string' &&
    typeof v.expiresAt === 'string' &&
    typeof v.attestation === 'string' &&
    typeof v.issuedAt === 'string' &&
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

/** Whether staff have used this tablet: signed in now, marked as a branch device, or a
 *  session signed out here still to be ended on the server. Only then does the app need the
 *  assisted session's code (banner, idle watch). */
export function hasStaffBeenHere(): boolean {
  if (isSharedDevice.value) return true;
  try {
    return localStorage.getItem(STAFF_SIGN_OUT_KEY) !== null;
  } catch {
    return false;
  }
}

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

/** Keeps a new staff session (after sign-in, or as the server confirms it) and marks this
 *  tablet as a branch device. */
export function keepStaffSession(given: StaffSession): void {
  const offset = given.clockOffsetMs ?? Date.parse(given.issuedAt) - Date.now();
  const session: StaffSession = {
    token: given.token,
    staff: given.staff,
    expiresAt: given.expiresAt,
    attestation: given.attestation,
    issuedAt: given.issuedAt,
    clockOffsetMs: Number.isFinite(offset) ? offset : 0,
  };
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

/** Now on the server's clock, as the staff session on this tab measured it. */
export function serverNow(): Date {
  return new Date(Date.now() + (staffSession.value?.clockOffsetMs ?? 0));
}

// Staff ids as people type them ("s 7f3q"), in the server's form without its dash.
const bareStaffId = (typed: string) => typed.replace(/[\s-]/g, '').toUpperCase();

function readDevices(): Record<string, string> {
  try {
    const raw: unknown = JSON.parse(localStorage.getItem(STAFF_DEVICES_KEY) ?? '{}');
    return typeof raw === 'object' && raw !== null ? (raw as Record<string, string>) : {};
  } catch {
    return {};
  }
}

/** The device token this tablet was given for the staff id typed, if any. */
export function deviceTokenFor(typedStaffId: string): string | undefined {
  const token = readDevices()[bareStaffId(typedStaffId)];
  return typeof token === 'string' ? token : undefined;
}

/** Keeps the device token the server gave at a sign-in of `staffId`. */
export function keepDeviceToken(staffId: string, token: string): void {
  try {
    const devices = { ...readDevices(), [bareStaffId(staffId)]: token };
    localStorage.setItem(STAFF_DEVICES_KEY, JSON.stringify(devices));
  } catch {
    // Storage blocked: this tablet's sign-ins are counted with everyone else's.
  }
}
