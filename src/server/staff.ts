// Branch staff: accounts made with `npm run staff:add`, sign-in to a session of
// bounded life, lock-out after repeated wrong passcodes, and the staff side of an assisted
// application. An unknown id and a wrong passcode are told apart nowhere: same answer, same
// work (a passcode is always hashed), same lock-out.
import { randomBytes, randomInt, type ScryptOptions, scrypt, timingSafeEqual } from 'node:crypto';
import { type Algorithm, hash as argon2, verify as argon2Verify } from '@node-rs/argon2';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ApplicationBody } from '../loan/application';
import { clientLimit } from './client-limit';
import { GUESS_WINDOW_MS, type ServerConfig } from './config';
import { ApiError, errorSchema, fieldError } from './errors';
import { bearerToken, hashOf } from './secrets';
import { REFERENCE_ALPHABET } from './sqlite-writer';
import {
  deviceOf,
  MAX_PROOF_LENGTH,
  readAttestation,
  signAttestation,
  signDeviceToken,
} from './staff-proofs';
import type { StaffAccount, StaffSession, Store } from './store';

/** Wrong passcodes that lock a staff id (for one device, or for every other client). */
export const LOCK_AFTER_FAILURES = 5;

/** The shortest passcode accepted. */
export const MIN_PASSCODE_LENGTH = 6;

const MAX_PASSCODE_LENGTH = 256;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MINUTE_MS = 60_000;
// A device token outlives many sessions: a tablet that signed a colleague in last month still
// counts as theirs. Each sign-in gives a fresh one.
const DEVICE_DAYS = 90;

/** The cost of an Argon2id passcode hash: memory in KiB, passes, lanes. */
export interface PasscodeCost {
  memoryCost: number;
  timeCost: number;
  parallelism: number;
}

/** Argon2id at OWASP's first recommendation (19 MiB, 2 passes, 1 lane). Stored with each hash, so it can be raised; a hash below it is redone at the next
 *  sign-in. */
export const PASSCODE_COST: PasscodeCost = { memoryCost: 19_456, timeCost: 2, parallelism: 1 };

/** A cost far below any guidance, for tests only (ServerOptions.passcodeCost): never read from
 *  the environment, so no deployment can choose it. */
export const TEST_ONLY_PASSCODE_COST: PasscodeCost = {
  memoryCost: 1024,
  timeCost: 1,
  parallelism: 1,
};

// The package's Algorithm is a const enum, which isolated modules cannot read: Argon2id is 2.
const ARGON2ID = 2 as Algorithm;

// Passcodes stored before Argon2id: scrypt, read so that they can be checked once more and
// hashed again.
const SCRYPT_KEY_LENGTH = 32;

function scryptAsync(passcode: string, salt: Buffer, options: ScryptOptions): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(passcode, salt, SCRYPT_KEY_LENGTH, options, (error, key) =>
      error ? reject(error) : resolve(key),
    );
  });
}

/** A passcode's stored form: Argon2id's PHC string (`$argon2id$v=19$m=…,t=…,p=…$salt$hash`). */
export async function hashPasscode(
  passcode: string,
  cost: PasscodeCost = PASSCODE_COST,
): Promise<string> {
  return argon2(passcode.normalize('NFC'), { algorithm: ARGON2ID, ...cost });
}

/** Whether a stored hash is weaker than `cost` asks (scrypt, or Argon2id with less memory or
 *  fewer passes): it is hashed again at the next sign-in. */
export function needsRehash(stored: string, cost: PasscodeCost = PASSCODE_COST): boolean {
  const match = /^\$argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$/.exec(stored);
  if (!match) return true;
  return Number(match[1]) < cost.memoryCost || Number(match[2]) < cost.timeCost;
}

async function scryptMatches(passcode: string, stored: string): Promise<boolean> {
  const [, N, r, p, salt, hash] = stored.split('$');
  if (!salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64url');
  const options = { N: Number(N), r: Number(r), p: Number(p), maxmem: 256 * 1024 * 1024 };
  const key = await scryptAsync(passcode.normalize('NFC'), Buffer.from(salt, 'base64url'), options);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

const decoys = new Map<string, Promise<string>>();

/** Whether a passcode matches its stored form (Argon2id, or scrypt from before); with no
 *  stored form (unknown id) it checks against a decoy of the same cost all the same, so both
 *  refusals take as long. */
export async function passcodeMatches(
  passcode: string,
  stored: string | null,
  cost: PasscodeCost = PASSCODE_COST,
): Promise<boolean> {
  if (stored?.startsWith('scrypt$')) return scryptMatches(passcode, stored);
  const key = JSON.stringify(cost);
  let decoy = decoys.get(key);
  if (!decoy) {
    decoy = hashPasscode(randomBytes(16).toString('base64url'), cost);
    decoys.set(key, decoy);
  }
  try {
    const matches = await argon2Verify(stored ?? (await decoy), passcode.normalize('NFC'));
    return stored !== null && matches;
  } catch {
    // A stored form that is not a hash at all matches nothing.
    return false;
  }
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
  return { id: staff.id, name: staff.name, branch: staff.branch, role: staff.role };
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
  required: ['id', 'name', 'branch', 'role'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    branch: { type: 'string' },
    role: { type: 'string', enum: ['branch', 'reviewer'], description: 'Reviewers also decide' },
  },
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

// The body of a sign-in: two bounded strings, and the device token this tablet was given at
// an earlier sign-in, if any.
function readSignIn(body: unknown): { staffId: string; passcode: string; deviceToken?: string } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw fieldError(null, 'wrong-type');
  }
  const fields = body as Record<string, unknown>;
  for (const key of Object.keys(fields)) {
    if (key !== 'staffId' && key !== 'passcode' && key !== 'deviceToken') {
      throw fieldError(key, 'unknown-field');
    }
  }
  const limits = { staffId: 64, passcode: MAX_PASSCODE_LENGTH } as const;
  for (const key of ['staffId', 'passcode'] as const) {
    const value = fields[key];
    if (value === undefined || value === '') throw fieldError(key, 'required');
    if (typeof value !== 'string') throw fieldError(key, 'wrong-type');
    if (value.length > limits[key]) throw fieldError(key, 'too-long');
  }
  const { deviceToken } = fields;
  if (deviceToken !== undefined && typeof deviceToken !== 'string') {
    throw fieldError('deviceToken', 'wrong-type');
  }
  if (typeof deviceToken === 'string' && deviceToken.length > MAX_PROOF_LENGTH) {
    throw fieldError('deviceToken', 'too-long');
  }
  return {
    staffId: fields.staffId as string,
    passcode: fields.passcode as string,
    ...(deviceToken ? { deviceToken } : {}),
  };
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

/** Registers the staff session routes; call with prefix '/api'. `passcodeCost` is lowered by
 *  tests only. */
export function staffRoutes(
  api: FastifyInstance,
  deps: { store: Store; config: ServerConfig; now: () => Date; passcodeCost?: PasscodeCost },
) {
  const { store, config, now } = deps;
  const cost = deps.passcodeCost ?? PASSCODE_COST;
  const oneAtATime = serialiser();
  // Counted only for sign-ins without a device token of the id: a stranger on the branch's
  // network cannot use up the allowance of the tablets staff already use.
  const signInLimit = clientLimit(api, {
    max: config.rateLimits.staffSignInMax,
    timeWindow: GUESS_WINDOW_MS,
    what: 'sign-in attempts',
    shared: store.limits,
  });

  api.post(
    '/staff/sessions',
    {
      schema: {
        summary: 'Sign branch staff in',
        description:
          'An unknown id and a wrong passcode both answer 401. Wrong passcodes are counted ' +
          'per staff id and device: a device that has signed this id in before sends the ' +
          'deviceToken it was given and has a count of its own; every other client shares ' +
          `one. After ${LOCK_AFTER_FAILURES} wrong passcodes a count locks (423, with ` +
          'lockedUntil) for KINDLY_STAFF_LOCK_MINUTES, even for the right passcode; the ' +
          "staff member's own devices stay open. The answer carries an attestation (sent " +
          'with assisted applications) and a device token (sent with the next sign-ins).',
        body: {
          type: 'object',
          required: ['staffId', 'passcode'],
          additionalProperties: false,
          properties: {
            staffId: { type: 'string', maxLength: 64, examples: ['S-7F3Q'] },
            passcode: { type: 'string', minLength: 1, maxLength: MAX_PASSCODE_LENGTH },
            deviceToken: { type: 'string', maxLength: MAX_PROOF_LENGTH },
          },
        },
        response: {
          201: {
            type: 'object',
            required: ['token', 'staff', 'expiresAt', 'issuedAt', 'attestation', 'deviceToken'],
            properties: {
              token: { type: 'string', description: 'Send as "Authorization: Bearer <token>"' },
              staff: staffSchema,
              expiresAt: { type: 'string', format: 'date-time' },
              issuedAt: { type: 'string', format: 'date-time', description: "The server's time" },
              attestation: {
                type: 'string',
                description:
                  'Signed staff id, branch and session life: goes in assisted.attestation',
              },
              deviceToken: {
                type: 'string',
                description: 'Keep on this device; send with its next sign-ins of this id',
              },
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
      const { staffId, passcode, deviceToken } = readSignIn(request.body);
      const id = normaliseStaffId(staffId);
      const key = await store.staff.signingKey();
      const device = id ? deviceOf(key, deviceToken, id, now()) : null;
      if (!device) await signInLimit(request, reply);
      // One attempt at a time per id: checking the lock, hashing and counting a failure are
      // one step, or guesses sent together would all pass the check before any was counted,
      // and a sixth could get in before the fifth locked the id.
      const answer =
        id === null
          ? attempt(null, null, passcode, key)
          : oneAtATime(id, () =>
              store.staff.exclusive
                ? store.staff.exclusive(id, () => attempt(id, device, passcode, key))
                : attempt(id, device, passcode, key),
            );
      return reply.code(201).send(await answer);
    },
  );

  /** One sign-in: refused while its count is locked, counted when the passcode is wrong. The
   *  count is the device's own when it sent a valid device token of this id, else the one all
   *  other clients share. */
  async function attempt(id: string | null, device: string | null, passcode: string, key: Buffer) {
    const at = now();
    const counter = id && device ? `${id} device ${device}` : id;
    if (counter) {
      const failures = await store.staff.failures(counter);
      if (failures?.lockedUntil && failures.lockedUntil > at.toISOString()) {
        throw new StaffLocked(failures.lockedUntil);
      }
    }
    const account = id ? await store.staff.get(id) : null;
    if (!(await passcodeMatches(passcode, account?.passcodeHash ?? null, cost)) || !account) {
      if (counter) {
        const lockUntil = new Date(at.getTime() + config.staffLockMinutes * MINUTE_MS);
        const counted = await store.staff.recordFailure(
          counter,
          at.toISOString(),
          LOCK_AFTER_FAILURES,
          lockUntil.toISOString(),
        );
        if (counted.lockedUntil) throw new StaffLocked(counted.lockedUntil);
      }
      throw signInFailed();
    }
    // A device's own count starts again with its success. The count shared by every other
    // client does not: a stranger's guesses are not forgiven because a colleague signed in.
    if (device) await store.staff.clearFailures(`${account.id} device ${device}`);
    if (needsRehash(account.passcodeHash, cost)) {
      await store.staff.setPasscodeHash(account.id, await hashPasscode(passcode, cost));
    }
    const token = randomBytes(32).toString('base64url');
    const issuedAt = at.toISOString();
    const expiresAt = new Date(at.getTime() + config.staffSessionHours * HOUR_MS).toISOString();
    await store.staff.createSession({
      tokenHash: tokenHash(token),
      staffId: account.id,
      createdAt: issuedAt,
      expiresAt,
    });
    const staff = publicStaff(account);
    const deviceExpiresAt = new Date(at.getTime() + DEVICE_DAYS * DAY_MS).toISOString();
    return {
      token,
      staff,
      expiresAt,
      issuedAt,
      attestation: signAttestation(key, {
        staffId: staff.id,
        branch: staff.branch,
        issuedAt,
        expiresAt,
      }),
      deviceToken: signDeviceToken(key, account.id, deviceExpiresAt, device ?? undefined),
    };
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

/** Why a claim of staff help was not counted as such. */
export type UnverifiedReason =
  | 'no-attestation'
  | 'attestation-invalid'
  | 'other-staff'
  | 'no-time'
  | 'before-sign-in'
  | 'after-session'
  | 'in-the-future';

/** Staff help as stored with an application: who helped (the branch from their signed
 *  attestation, never the body's text), when the application was made, and who entered each
 *  answer. */
export interface VerifiedAssistance {
  staffId: string;
  branch: string;
  madeAt: string;
  enteredBy: Record<string, string>;
}

/** A claim of staff help that did not verify: the application is stored as the applicant's
 *  own, with this beside it for the back office ("claimed staff help, not verified"). */
export interface StaffClaim {
  staffId: string;
  verified: false;
  reason: UnverifiedReason;
}

/** How far ahead of the server's clock an application may say it was made: the tablet works
 *  its time out from the server's at sign-in, so only the drift since then is allowed for. */
export const MADE_AT_LEEWAY_MS = 2 * MINUTE_MS;

/** Decides what an assisted claim is stored as. It counts as entered by staff only when its
 *  attestation was signed by this server for the staff id it names, and the application was
 *  made (`madeAt`) while that sign-in lasted and not after `at`; anything else leaves the
 *  application the applicant's own, with the claim kept beside it. Unknown and known staff ids
 *  go through the same steps and the request gets the same answer either way. */
export function attributeAssistance(
  key: Buffer,
  assisted: NonNullable<ApplicationBody['assisted']>,
  at: Date,
): { assisted: VerifiedAssistance | null; staffClaim?: StaffClaim } {
  const unverified = (reason: UnverifiedReason) => ({
    assisted: null,
    staffClaim: { staffId: assisted.staffId, verified: false as const, reason },
  });
  if (!assisted.attestation) return unverified('no-attestation');
  const attestation = readAttestation(key, assisted.attestation);
  if (!attestation) return unverified('attestation-invalid');
  if (attestation.staffId !== assisted.staffId) return unverified('other-staff');
  const madeAt = assisted.madeAt ? Date.parse(assisted.madeAt) : Number.NaN;
  if (!Number.isFinite(madeAt)) return unverified('no-time');
  if (madeAt < Date.parse(attestation.issuedAt)) return unverified('before-sign-in');
  if (madeAt >= Date.parse(attestation.expiresAt)) return unverified('after-session');
  if (madeAt > at.getTime() + MADE_AT_LEEWAY_MS) return unverified('in-the-future');
  return {
    assisted: {
      staffId: attestation.staffId,
      branch: attestation.branch,
      madeAt: new Date(madeAt).toISOString(),
      enteredBy: assisted.enteredBy as Record<string, string>,
    },
  };
}

/** What an application's summary says of the staff who helped (only help that verified), or
 *  nothing when nobody did. */
export async function assistedSummary(
  store: Store,
  stored: { assisted?: { staffId: string; branch: string } | null },
): Promise<{ assisted?: { staffName: string | null; branch: string } }> {
  if (!stored.assisted) return {};
  const account = await store.staff.get(stored.assisted.staffId);
  return { assisted: { staffName: account?.name ?? null, branch: stored.assisted.branch } };
}
