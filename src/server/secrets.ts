// Access tokens and idempotency keys: how they are read, made, hashed and compared.
import { createHmac, hash, timingSafeEqual } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a string is a UUID in its usual 8-4-4-4-12 hexadecimal form. */
export function isUuid(value: string): boolean {
  return UUID.test(value);
}

/** The Idempotency-Key header read as the IETF draft writes it (a structured-field string,
 *  "…" in quotes) or bare as most clients send it; a UUID, lower-cased. */
export function readIdempotencyKey(
  header: string | string[] | undefined,
): { ok: true; key: string } | { ok: false; reason: 'missing' | 'invalid' } {
  if (header === undefined) return { ok: false, reason: 'missing' };
  if (Array.isArray(header)) return { ok: false, reason: 'invalid' };
  const value = header.trim();
  if (value === '') return { ok: false, reason: 'missing' };
  const unquoted = /^"[^"\\]*"$/.test(value) ? value.slice(1, -1) : value;
  return isUuid(unquoted)
    ? { ok: true, key: unquoted.toLowerCase() }
    : { ok: false, reason: 'invalid' };
}

/** SHA-256 of a purpose label and a value, so that one value hashed for two purposes gives
 *  two unrelated hashes. */
export function hashOf(purpose: string, value: string): Buffer {
  return hash('sha256', `${purpose}\0${value}`, 'buffer');
}

/** The access token of the application sent with this idempotency key. Derived rather than
 *  random so a replayed answer can carry it without the token ever being stored; without
 *  the server's secret, knowing the key does not give the token. */
export function accessTokenFor(secret: Buffer, idempotencyKey: string): string {
  return createHmac('sha256', secret).update(idempotencyKey).digest('base64url');
}

/** What is stored in place of an access token. */
export function hashToken(token: string): Buffer {
  return hashOf('access-token', token);
}

const NO_HASH = Buffer.alloc(32);

/** Whether a presented token matches a stored hash, in time that does not depend on where
 *  they differ (and the same work when there is nothing to compare against). */
export function tokenMatches(presented: string, storedHash: Buffer | null): boolean {
  const hash = hashToken(presented);
  const against = storedHash?.length === hash.length ? storedHash : NO_HASH;
  return timingSafeEqual(hash, against) && against !== NO_HASH;
}

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(header: string | undefined): string | null {
  const match = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i.exec(header ?? '');
  return match?.[1] ?? null;
}
