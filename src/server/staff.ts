// Branch staff (issue 8): accounts made with `npm run staff:add`, sign-in to a session of
// bounded life, lock-out after repeated wrong passcodes, and the staff side of an assisted
// application. An unknown id and a wrong passcode are told apart nowhere: same answer, same
// work (a passcode is always hashed), same lock-out.
import { randomBytes, randomInt, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApplicationBody } from '../loan/application';
import { clientLimit } from './client-limit';
import { GUESS_WINDOW_MS, type ServerConfig } from './config';
import { ApiError, errorSchema, fieldError } from './errors';
import { bearerToken, hashOf } from './secrets';
import { REFERENCE_ALPHABET } from './sqlite-writer';
import type { StaffAccount, StaffSession, Store } from './store';

/** Wrong passcodes in a row that lock a staff id. */
export const LOCK_AFTER_FAILURES = 5;

/** The shortest passcode accepted. */
export const MIN_PASSCODE_LENGTH = 6;

const MAX_PASSCODE_LENGTH = 256;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MINUTE_MS = 60_000;

// scrypt's cost as Node's defaults set it (about 50 ms and 16 MB here): stored with each hash,
// so it can be raised later without making old passcodes unreadable.
const SCRYPT = { N: 16_384, r: 8, p: 1 };
const KEY_LENGTH = 32;

function scryptAsync(passcode: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(passcode, salt, KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** A passcode's stored form: `scrypt$N$r$p$salt$hash` (salt and hash in base64url). */
export async function hashPasscode(passcode: string): Promise<string> {
  const salt = randomBytes(16);
  const key = await scryptAsync(passcode.normalize('NFC'), salt, SCRYPT);
  const { N, r, p } = SCRYPT;
  return ['scrypt', N, r, p, salt.toString('base64url'), key.toString('base64url')].join('$');
}

let decoy: Promise<string> | null = null;

/** Whether a passcode matches its stored form; with no stored form (unknown id) it hashes a
 *  decoy all the same, so both refusals take as long. */
export async function passcodeMatches(passcode: string, stored: string | null): Promise<boolean> {
  decoy ??= hashPasscode(randomBytes(16).toString('base64url'));
  const [scheme, N, r, p, salt, hash] = (stored ?? (await decoy)).split('$');
  if (scheme !== 'scrypt' || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const options = { N: Number(N), r: Number(r), p: Number(p), maxmem: 64 * 1024 * 1024 };
  const key = await scryptAsync(passcode.normalize('NFC'), Buffer.from(salt, 'base64url'), options);
  return stored !== null && key.length === expected.length && timingSafeEqual(key, expected);
}

/** A new staff id such as S-7F3Q (31^4, about 920,000, possibilities). */
export function makeStaffId(): string {
  let id = 'S-';
  for (let i = 0; i < 4; i++) id += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  return id;
}

const STAFF_ID = new RegExp(`^S[${REFERENCE_ALPHABET}]{4}$`);

/** A staff id as typed ("s 7f3q", "S-7F3Q") in its one written form, or null when it cannot
 *  be one. */
export function normaliseStaffId(typed: string): string | null {
  const bare = typed.replace(/[\s-]/g, '').toUpperCase();
  return STAFF_ID.test(bare) ? `S-${bare.slice(1)}` : null;
}

const tokenHash = (token: string) => hashOf('staff-session', token);

/** The staff session a token names, if it is live at `at`. */
export async function staffSessionOf(
  store: Store,
  token: string | null | undefined,
  at: Date,
): Promise<StaffSession | null> {
  if (!token) return null;
  return store.staff.getSession(tokenHash(token), at.toISOString());
}

function publicStaff(staff: StaffAccount) {
  return { id: staff.id, name: staff.name, branch: staff.branch };
}

/** Refusal of a sign-in while the id is locked: says until when. */
class StaffLocked extends ApiError {
  constructor(readonly lockedUntil: string) {
    super(
      423,
      'staff-locked',
      `Too many wrong passcodes: this account is locked until ${lockedUntil}.`,
    );
  }

  override toBody() {
    const body = super.toBody();
    return { error: { ...body.error, lockedUntil: this.lockedUntil } };
  }
}

const signInFailed = () =>
  new ApiError(401, 'staff-sign-in-failed', 'The staff id or the passcode is not right.');

const sessionInvalid = () =>
  new ApiError(
    401,
    'staff-session-invalid',
    'No staff session: it has ended or expired, or the token is wrong. Sign in again.',
  );

const staffSchema = {
  type: 'object',
  required: ['id', 'name', 'branch'],
  properties: { id: { type: 'string' }, name: { type: 'string' }, branch: { type: 'string' } },
} as const;

const lockedSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'field', 'lockedUntil'],
      properties: {
        ...errorSchema.properties.error.properties,
        lockedUntil: { type: 'string', format: 'date-time' },
      },
    },
  },
} as const;

// The body of a sign-in: two bounded strings and nothing else.
function readSignIn(body: unknown): { staffId: string; passcode: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw fieldError(null, 'wrong-type');
  }
  const fields = body as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (key !== 'staffId' && key !== 'passcode') throw fieldError(key, 'unknown-field');
  }
  const limits = { staffId: 64, passcode: MAX_PASSCODE_LENGTH } as const;
  for (const key of ['staffId', 'passcode'] as const) {
    const value = fields[key];
    if (value === undefined || value === '') throw fieldError(key, 'required');
    if (typeof value !== 'string') throw fieldError(key, 'wrong-type');
    if (value.length > limits[key]) throw fieldError(key, 'too-long');
  }
  return { staffId: fields.staffId as string, passcode: fields.passcode as string };
}

/** Runs `task` after every earlier task for the same key has settled, so tasks for one key
 *  never overlap (tasks for different keys do). */
function serialiser() {
  const tails = new Map<string, Promise<unknown>>();
  return <T>(key: string, task: () => Promise<T>): Promise<T> => {
    const before = tails.get(key) ?? Promise.resolve();
    const run = before.then(task, task);
    const tail = run.then(
      () => undefined,
      () => undefined,
    );
    tails.set(key, tail);
    // The last in line clears the key, so the map holds only ids being tried right now.
    void tail.then(() => {
      if (tails.get(key) === tail) tails.delete(key);
    });
    return run;
  };
}

/** Registers the staff session routes; call with prefix '/api'. */
export function staffRoutes(
  api: FastifyInstance,
  deps: { store: Store; config: ServerConfig; now: () => Date },
) {
  const { store, config, now } = deps;
  const oneAtATime = serialiser();
  const signInLimit = clientLimit(api, {
    max: config.rateLimits.staffSignInMax,
    timeWindow: GUESS_WINDOW_MS,
    what: 'sign-in attempts',
  });

  api.post(
    '/staff/sessions',
    {
      onRequest: signInLimit,
      schema: {
        summary: 'Sign branch staff in',
        description:
          `An unknown id and a wrong passcode both answer 401. After ${LOCK_AFTER_FAILURES} ` +
          'wrong passcodes in a row the id is locked (423, with lockedUntil) for ' +
          'KINDLY_STAFF_LOCK_MINUTES, even for the right passcode.',
        body: {
          type: 'object',
          required: ['staffId', 'passcode'],
          additionalProperties: false,
          properties: {
            staffId: { type: 'string', maxLength: 64, examples: ['S-7F3Q'] },
            passcode: { type: 'string', minLength: 1, maxLength: MAX_PASSCODE_LENGTH },
          },
        },
        response: {
          201: {
            type: 'object',
            required: ['token', 'staff', 'expiresAt'],
            properties: {
              token: { type: 'string', description: 'Send as "Authorization: Bearer <token>"' },
              staff: staffSchema,
              expiresAt: { type: 'string', format: 'date-time' },
            },
          },
          401: errorSchema,
          413: errorSchema,
          415: errorSchema,
          422: errorSchema,
          423: lockedSchema,
          429: errorSchema,
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const { staffId, passcode } = readSignIn(request.body);
      const id = normaliseStaffId(staffId);
      // One attempt at a time per id: checking the lock, hashing (about 50 ms) and counting a
      // failure are one step, or guesses sent together would all pass the check before any
      // was counted, and a sixth could get in before the fifth locked the id.
      const answer =
        id === null ? attempt(null, passcode) : oneAtATime(id, () => attempt(id, passcode));
      return reply.code(201).send(await answer);
    },
  );

  /** One sign-in: refused while the id is locked, counted when the passcode is wrong. */
  async function attempt(id: string | null, passcode: string) {
    const at = now();
    if (id) {
      const failures = await store.staff.failures(id);
      if (failures?.lockedUntil && failures.lockedUntil > at.toISOString()) {
        throw new StaffLocked(failures.lockedUntil);
      }
    }
    const account = id ? await store.staff.get(id) : null;
    if (!(await passcodeMatches(passcode, account?.passcodeHash ?? null)) || !account) {
      if (id) {
        const lockUntil = new Date(at.getTime() + config.staffLockMinutes * MINUTE_MS);
        const counted = await store.staff.recordFailure(
          id,
          at.toISOString(),
          LOCK_AFTER_FAILURES,
          lockUntil.toISOString(),
        );
        if (counted.lockedUntil) throw new StaffLocked(counted.lockedUntil);
      }
      throw signInFailed();
    }
    await store.staff.clearFailures(account.id);
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(at.getTime() + config.staffSessionHours * HOUR_MS).toISOString();
    await store.staff.createSession({
      tokenHash: tokenHash(token),
      staffId: account.id,
      createdAt: at.toISOString(),
      expiresAt,
    });
    return { token, staff: publicStaff(account), expiresAt };
  }

  async function current(request: FastifyRequest) {
    const token = bearerToken(request.headers.authorization);
    const session = await staffSessionOf(store, token, now());
    if (!token || !session) throw sessionInvalid();
    return { token, session };
  }

  api.get(
    '/staff/sessions/current',
    {
      schema: {
        summary: 'The signed-in staff member, while the session lasts',
        security: [{ bearer: [] }],
        response: {
          200: {
            type: 'object',
            required: ['staff', 'expiresAt'],
            properties: { staff: staffSchema, expiresAt: { type: 'string', format: 'date-time' } },
          },
          401: errorSchema,
          429: errorSchema,
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const { session } = await current(request);
      return { staff: publicStaff(session.staff), expiresAt: session.expiresAt };
    },
  );

  api.delete(
    '/staff/sessions/current',
    {
      schema: {
        summary: 'End the staff session',
        security: [{ bearer: [] }],
        response: {
          204: { type: 'null', description: 'Ended' },
          401: errorSchema,
          429: errorSchema,
        },
      },
    },
    async (request, reply) => {
      const { token } = await current(request);
      await store.staff.endSession(tokenHash(token));
      return reply.code(204).header('cache-control', 'no-store').send();
    },
  );

  const purge = async () => {
    try {
      // Failures are kept a day: long enough that purging never cuts a run of wrong
      // passcodes short of the lock-out.
      const at = now();
      await store.staff.purge(at.toISOString(), new Date(at.getTime() - DAY_MS).toISOString());
    } catch (error) {
      api.log.error({ err: error }, 'removing ended staff sessions failed');
    }
  };
  const timer = setInterval(purge, HOUR_MS);
  timer.unref();
  api.addHook('onReady', purge);
  api.addHook('onClose', async () => clearInterval(timer));
}

/** Checks the staff side of an assisted application: staffId names a real account and, when
 *  the request carries a live staff session (header Kindly-Staff-Session), it is that
 *  account's. A session that has expired since (an application queued offline) is no reason
 *  to refuse. */
export async function checkAssisted(
  store: Store,
  assisted: NonNullable<ApplicationBody['assisted']>,
  sessionHeader: string | string[] | undefined,
  at: Date,
) {
  const account = await store.staff.get(assisted.staffId);
  if (!account) {
    throw new ApiError(
      422,
      'staff-unknown',
      'There is no staff account with this id.',
      'assisted.staffId',
    );
  }
  const token = typeof sessionHeader === 'string' ? sessionHeader.trim() : null;
  const session = await staffSessionOf(store, token, at);
  if (session && session.staff.id !== account.id) {
    throw new ApiError(
      403,
      'staff-session-mismatch',
      'The staff session sent is not the session of the staff id in the application.',
      'assisted.staffId',
    );
  }
}

/** What an application's summary says of the staff who helped, or nothing when nobody did. */
export async function assistedSummary(
  store: Store,
  body: ApplicationBody,
): Promise<{ assisted?: { staffName: string | null; branch: string } }> {
  if (!body.assisted) return {};
  const account = await store.staff.get(body.assisted.staffId);
  return { assisted: { staffName: account?.name ?? null, branch: body.assisted.branch } };
}
