// Resume codes: a draft moves between home and branch as a 6-character code, valid
// 48 hours and good once. The server keeps a keyed hash of the code, and the store keeps the
// draft sealed with the data key (AES-256-GCM, bound to its code's hash).
import { createHmac, hkdfSync, randomInt } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { clientLimit } from './client-limit';
import { GUESS_WINDOW_MS, type ServerConfig } from './config';
import { ApiError, errorSchema, fieldError } from './errors';
import { REFERENCE_ALPHABET } from './sqlite-writer';
import type { Store } from './store';

/** Characters in a resume code. */
export const RESUME_CODE_LENGTH = 6;

/** How long a resume code can be redeemed. */
export const RESUME_CODE_HOURS = 48;

/** The largest draft kept, as JSON (UTF-8 bytes). */
export const MAX_DRAFT_BYTES = 32 * 1024;

const HOUR_MS = 3_600_000;
// A clash with a live code is rare (31^6, about 887 million, codes); ten in a row is a fault.
const CODE_ATTEMPTS = 10;

/** A new resume code such as 7F3Q9C. */
export function makeResumeCode(): string {
  let code = '';
  for (let i = 0; i < RESUME_CODE_LENGTH; i++) {
    code += REFERENCE_ALPHABET[randomInt(REFERENCE_ALPHABET.length)];
  }
  return code;
}

const CODE = new RegExp(`^[${REFERENCE_ALPHABET}]{${RESUME_CODE_LENGTH}}$`);

/** A code as typed ("7f3 q9c", "7F3-Q9C") in its one written form, or null when it cannot be
 *  one. */
export function normaliseResumeCode(typed: string): string | null {
  const bare = typed.replace(/[\s-]/g, '').toUpperCase();
  return CODE.test(bare) ? bare : null;
}

/** The key codes are hashed with, derived from the store's secret. */
function hashKeyFrom(secret: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), 'kindly resume-code hash', 32));
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// The body of a request holding one field, `name`, and nothing else.
function onlyField(body: unknown, name: string): unknown {
  if (!isPlainObject(body)) throw fieldError(null, 'wrong-type');
  for (const key of Object.keys(body)) if (key !== name) throw fieldError(key, 'unknown-field');
  if (body[name] === undefined) throw fieldError(name, 'required');
  return body[name];
}

// A draft as the app's journey store saves it, checked loosely: the app owns its shape, the
// server only bounds it and makes sure it leads back into the journey.
function readDraft(body: unknown): string {
  const draft = onlyField(body, 'draft');
  if (!isPlainObject(draft)) {
    throw new ApiError(422, 'draft-invalid', 'The draft must be an object.', 'draft');
  }
  const json = JSON.stringify(draft);
  if (Buffer.byteLength(json) > MAX_DRAFT_BYTES) {
    throw new ApiError(
      413,
      'body-too-large',
      `The draft is larger than ${MAX_DRAFT_BYTES / 1024} kB.`,
      'draft',
    );
  }
  if (typeof draft.path !== 'string' || !/^\/apply(\/|$)/.test(draft.path)) {
    throw new ApiError(
      422,
      'draft-invalid',
      "The draft's path must be a page of the application, starting /apply.",
      'draft.path',
    );
  }
  return json;
}

const unknownCode = () =>
  new ApiError(
    404,
    'resume-code-unknown',
    'No draft has this code: it may be mistyped, used already, or more than 48 hours old.',
  );

/** Registers the resume code routes; call with prefix '/api'. */
export async function resumeCodeRoutes(
  api: FastifyInstance,
  deps: { store: Store; config: ServerConfig; now: () => Date },
) {
  const { store, config, now } = deps;
  const hashKey = hashKeyFrom(await store.resumeCodes.hashSecret());
  const hashCode = (code: string) => createHmac('sha256', hashKey).update(code).digest();
  const redeemLimit = clientLimit(api, {
    max: config.rateLimits.redeemMax,
    timeWindow: GUESS_WINDOW_MS,
    what: 'resume code attempts',
    shared: store.limits,
  });
  // Each code keeps up to 32 kB for 48 hours: making them is limited like sending
  // applications (its own count, the same settings), so one client cannot fill the disk.
  const createLimit = clientLimit(api, {
    max: config.rateLimits.submitMax,
    timeWindow: config.rateLimits.windowMs,
    what: 'saved drafts',
    shared: store.limits,
  });

  api.post(
    '/resume-codes',
    {
      onRequest: createLimit,
      schema: {
        summary: 'Keep a draft on the server and get a code to continue it on another device',
        description:
          `The draft (an object, at most ${MAX_DRAFT_BYTES / 1024} kB as JSON, its path starting ` +
          `/apply) is kept encrypted for ${RESUME_CODE_HOURS} hours or until redeemed.`,
        body: {
          type: 'object',
          required: ['draft'],
          additionalProperties: false,
          properties: {
            draft: {
              type: 'object',
              required: ['path'],
              properties: { path: { type: 'string', pattern: '^/apply(/|$)' } },
              additionalProperties: true,
            },
          },
        },
        response: {
          201: {
            type: 'object',
            required: ['code', 'expiresAt'],
            properties: {
              code: {
                type: 'string',
                pattern: `^[${REFERENCE_ALPHABET}]{${RESUME_CODE_LENGTH}}$`,
                description: 'Read-aloud-safe: no 0/O, no 1/I/L',
              },
              expiresAt: { type: 'string', format: 'date-time' },
            },
          },
          ...Object.fromEntries([400, 413, 415, 422, 429].map((status) => [status, errorSchema])),
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const json = readDraft(request.body);
      const at = now();
      const expiresAt = new Date(at.getTime() + RESUME_CODE_HOURS * HOUR_MS).toISOString();
      for (let attempt = 1; attempt <= CODE_ATTEMPTS; attempt++) {
        const code = makeResumeCode();
        const codeHash = hashCode(code);
        const added = await store.resumeCodes.add({
          codeHash,
          draft: json,
          createdAt: at.toISOString(),
          expiresAt,
        });
        if (added) return reply.code(201).send({ code, expiresAt });
      }
      throw new Error('no free resume code after ten tries');
    },
  );

  api.post(
    '/resume-codes/redeem',
    {
      onRequest: redeemLimit,
      schema: {
        summary: 'Get back the draft a resume code keeps; the code then stops working',
        description:
          'Case, spaces and dashes in the code are ignored. An unknown, used or expired code ' +
          'answers 404. Each client may try 10 codes in 15 minutes (KINDLY_RESUME_REDEEM_MAX).',
        body: {
          type: 'object',
          required: ['code'],
          additionalProperties: false,
          properties: { code: { type: 'string', maxLength: 64, examples: ['7F3 Q9C'] } },
        },
        response: {
          200: {
            type: 'object',
            required: ['draft'],
            properties: { draft: { type: 'object', additionalProperties: true } },
          },
          ...Object.fromEntries(
            [400, 404, 413, 415, 422, 429].map((status) => [status, errorSchema]),
          ),
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      const typed = onlyField(request.body, 'code');
      if (typeof typed !== 'string') throw fieldError('code', 'wrong-type');
      const code = typed.length <= 64 ? normaliseResumeCode(typed) : null;
      if (!code) throw unknownCode();
      const codeHash = hashCode(code);
      const json = await store.resumeCodes.take(codeHash, now().toISOString());
      if (!json) throw unknownCode();
      return { draft: JSON.parse(json) };
    },
  );

  const purge = async () => {
    try {
      await store.resumeCodes.purge(now().toISOString());
    } catch (error) {
      api.log.error({ err: error }, 'removing expired resume codes failed');
    }
  };
  const timer = setInterval(purge, HOUR_MS);
  timer.unref();
  api.addHook('onReady', purge);
  api.addHook('onClose', async () => clearInterval(timer));
}
