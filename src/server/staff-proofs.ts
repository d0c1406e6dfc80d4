// Signed statements the server hands a staff tablet at sign-in and checks when they come back:
// an attestation (this staff member, of this branch, signed in from then until then), which an
// assisted application carries, even one queued offline; and a device token (this tablet has
// signed this staff member in before), which keeps a stranger's wrong guesses from locking that
// tablet out. Both are HMAC-SHA256 under a server key kept with the data; neither is stored.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** What an attestation says: who signed in, their branch, and the life of that sign-in. */
export interface Attestation {
  staffId: string;
  branch: string;
  issuedAt: string;
  expiresAt: string;
}

/** What a device token says: which staff member signed in on which tablet, until when. */
export interface DeviceProof {
  staffId: string;
  device: string;
  expiresAt: string;
}

type Purpose = 'attestation' | 'device';

/** The longest signed statement read; anything longer is not one of ours. */
export const MAX_PROOF_LENGTH = 1024;

// The purpose is signed with the payload, so a device token can never pass as an attestation
// (or the other way round), though both are made with one key.
function mac(key: Buffer, purpose: Purpose, payload: string): Buffer {
  return createHmac('sha256', key).update(`kindly ${purpose}\0${payload}`).digest();
}

function sign(key: Buffer, purpose: Purpose, fields: object): string {
  const payload = Buffer.from(JSON.stringify(fields)).toString('base64url');
  return `${payload}.${mac(key, purpose, payload).toString('base64url')}`;
}

// The fields of a statement whose signature holds, or null: nothing about why it does not.
function open(key: Buffer, purpose: Purpose, token: unknown): Record<string, unknown> | null {
  if (typeof token !== 'string' || token.length > MAX_PROOF_LENGTH) return null;
  const [payload, signature, ...rest] = token.split('.');
  if (!payload || !signature || rest.length > 0) return null;
  const given = Buffer.from(signature, 'base64url');
  const expected = mac(key, purpose, payload);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  try {
    const fields: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    return typeof fields === 'object' && fields !== null
      ? (fields as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

const isText = (value: unknown): value is string => typeof value === 'string';

/** An attestation signed with `key`. */
export function signAttestation(key: Buffer, attestation: Attestation): string {
  const { staffId, branch, issuedAt, expiresAt } = attestation;
  return sign(key, 'attestation', { staffId, branch, issuedAt, expiresAt });
}

/** What an attestation says, if `key` signed it; null for anything else. */
export function readAttestation(key: Buffer, token: unknown): Attestation | null {
  const f = open(key, 'attestation', token);
  if (!f || !isText(f.staffId) || !isText(f.branch)) return null;
  if (!isText(f.issuedAt) || !isText(f.expiresAt)) return null;
  return { staffId: f.staffId, branch: f.branch, issuedAt: f.issuedAt, expiresAt: f.expiresAt };
}

/** A device token for `staffId`: the device named by `device`, or a new one. */
export function signDeviceToken(
  key: Buffer,
  staffId: string,
  expiresAt: string,
  device: string = randomBytes(16).toString('base64url'),
): string {
  return sign(key, 'device', { staffId, device, expiresAt } satisfies DeviceProof);
}

/** The device a token names, if `key` signed it for `staffId` and it is live at `at`. */
export function deviceOf(key: Buffer, token: unknown, staffId: string, at: Date): string | null {
  const f = open(key, 'device', token);
  if (!f || f.staffId !== staffId || !isText(f.device) || !isText(f.expiresAt)) return null;
  return f.expiresAt > at.toISOString() ? f.device : null;
}
