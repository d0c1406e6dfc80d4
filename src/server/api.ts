// The API under /api: health, products, lender details, and applications with their
// Idempotency-Key, access token and cooling-off rules.

import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import {
  type ApplicationBody,
  checkTerms,
  createApplicationSchema,
  validateApplication,
} from '../loan/application';
import {
  AGREEMENT_WITHDRAW_DAYS,
  APPLICATION_STATES,
  DECLINE_REASONS,
  isInQueue,
} from '../loan/application-state';
import type { ServedCatalog } from './catalog';
import { clientLimit } from './client-limit';
import { type ServerConfig, todayIn } from './config';
import { ApiError, errorSchema, fieldError } from './errors';
import { toJsonSchema } from './json-schema';
import { resumeCodeRoutes } from './resume-codes';
import { keptUntil } from './retention';
import { decisionOf, lapseIfDue, offerExpiresAt, reviewRoutes } from './review';
import {
  accessTokenFor,
  bearerToken,
  hashOf,
  hashToken,
  isUuid,
  readIdempotencyKey,
  tokenMatches,
} from './secrets';
import { assistedSummary, attributeAssistance, type PasscodeCost, staffRoutes } from './staff';
import type { IdempotencyRecord, Store, StoredApplication } from './store';

/** What the API routes need from the server around them. */
export interface ApiDeps {
  store: Store;
  catalog: ServedCatalog;
  config: ServerConfig;
  now: () => Date;
  /** Lowered by tests only (see TEST_ONLY_PASSCODE_COST). */
  passcodeCost?: PasscodeCost;
}

const DAY_MS = 86_400_000;

const receiptSchema = {
  type: 'object',
  required: ['id', 'reference', 'status', 'receivedAt', 'withdrawableUntil', 'accessToken'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    reference: { type: 'string', pattern: '^KND-[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$' },
    status: { type: 'string', enum: ['received'] },
    receivedAt: { type: 'string', format: 'date-time' },
    withdrawableUntil: { type: 'string', format: 'date-time' },
    accessToken: {
      type: 'string',
      description: 'Keep it: it is the only way to see or withdraw this application',
    },
  },
} as const;

// A loan's terms and the loan engine's figures for them: an offer and the summary of an
// application both state them, in the same fields.
const loanTermsProperties = {
  amount: { type: 'integer' },
  months: { type: 'integer' },
  method: { type: 'string' },
  monthlyPayment: { type: 'integer' },
  totalPayable: { type: 'integer' },
  annualRatePercent: { type: 'number' },
} as const;

const applicationViewSchema = {
  type: 'object',
  required: [
    'id',
    'reference',
    'status',
    'receivedAt',
    'withdrawableUntil',
    'withdrawnAt',
    'keptUntil',
  ],
  properties: {
    id: { type: 'string', format: 'uuid' },
    reference: { type: 'string' },
    status: { type: 'string', enum: APPLICATION_STATES },
    receivedAt: { type: 'string', format: 'date-time' },
    withdrawableUntil: { type: 'string', format: 'date-time' },
    withdrawnAt: { type: ['string', 'null'], format: 'date-time' },
    keptUntil: {
      type: 'string',
      format: 'date-time',
      description:
        'When the personal data of this application is erased and this access token stops ' +
        'working (the lender keeps reference, product, amount, dates and status)',
    },
    canWithdraw: { type: 'boolean' },
    answer: {
      type: ['object', 'null'],
      description: "The lender's answer once there is one: an offer, a decline, or a call first",
      required: ['kind'],
      properties: {
        kind: { type: 'string', enum: ['offer', 'decline', 'call-first'] },
        reason: { type: 'string', enum: DECLINE_REASONS },
        offer: {
          type: 'object',
          properties: {
            ...loanTermsProperties,
            expiresAt: { type: 'string', format: 'date-time' },
          },
        },
        agreedAt: { type: 'string', format: 'date-time' },
      },
    },
    summary: {
      type: 'object',
      properties: {
        productId: { type: 'string' },
        ...loanTermsProperties,
        assisted: {
          type: 'object',
          description: 'Present when branch staff helped',
          properties: { staffName: { type: ['string', 'null'] }, branch: { type: 'string' } },
        },
      },
    },
  },
} as const;

const erasureSchema = {
  type: 'object',
  required: ['id', 'reference', 'status', 'erasedAt'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    reference: { type: 'string' },
    status: { type: 'string', enum: ['withdrawn'] },
    erasedAt: { type: 'string', format: 'date-time' },
  },
} as const;

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid' } },
} as const;

const bearer = [{ bearer: [] }];

const errors = (...codes: number[]) => Object.fromEntries(codes.map((code) => [code, errorSchema]));

/** Registers the API routes; call with prefix '/api'. */
export async function apiRoutes(api: FastifyInstance, deps: ApiDeps) {
  const { store, catalog, config, now } = deps;
  const today = todayIn(config.timeZone, now);
  const schema = createApplicationSchema({ today });
  const secret = await store.tokenSecret();
  // Keys whose first request is still being stored, with that request's fingerprint: a
  // second request meanwhile is told 409 (same body) or 422 (different body).
  const inFlight = new Map<string, Buffer>();

  // Sending has its own, tighter limit on top of the one for all of /api.
  const submitLimit = clientLimit(api, {
    max: config.rateLimits.submitMax,
    timeWindow: config.rateLimits.windowMs,
    what: 'applications',
    shared: store.limits,
  });

  api.get(
    '/health',
    {
      schema: {
        summary: 'Whether the server and its database answer',
        response: {
          200: {
            type: 'object',
            properties: { status: { type: 'string', enum: ['ok'] } },
          },
          503: errorSchema,
        },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-store');
      try {
        await store.check();
      } catch (error) {
        api.log.error({ err: error }, 'database check failed');
        throw new ApiError(503, 'database-unavailable', 'The database does not answer.');
      }
      return { status: 'ok' };
    },
  );

  api.get(
    '/products',
    {
      schema: {
        summary: 'The loan products on offer (the catalog the app caches for offline use)',
        description:
          'The catalog as configured, and `rateRanges`: for each product id, the lowest and ' +
          'highest annual rate including all fees (`low`, `high`, in percent, on the ' +
          "product's disclosed basis) over every amount step, term and repayment method. " +
          'Answers 304 to an If-None-Match holding the current ETag.',
        response: {
          200: { type: 'object', additionalProperties: true },
          304: { type: 'null', description: 'Not modified' },
        },
      },
    },
    async (request, reply) => {
      const encoding = acceptedEncoding(request.headers['accept-encoding']);
      // A compressed copy has other bytes, so its ETag is weak: the same catalog, which is
      // all an If-None-Match (compared weakly) asks.
      const etag = encoding ? `W/${catalog.etag}` : catalog.etag;
      reply
        .header('etag', etag)
        .header('cache-control', 'no-cache')
        .header('vary', 'Accept-Encoding');
      if (etagMatches(request.headers['if-none-match'], catalog.etag)) {
        return reply.code(304).send();
      }
      reply.type('application/json; charset=utf-8');
      if (!encoding) return reply.send(catalog.json);
      return reply.header('content-encoding', encoding).send(catalog.compressed[encoding]);
    },
  );

  api.get(
    '/lender',
    {
      schema: {
        summary: "The lender's contact details and cooling-off period",
        response: {
          200: {
            type: 'object',
            properties: { phone: { type: 'string' }, coolingOffDays: { type: 'integer' } },
          },
        },
      },
    },
    async (_request, reply) => {
      reply.header('cache-control', 'no-cache');
      return { phone: config.lenderPhone, coolingOffDays: config.coolingOffDays };
    },
  );

  api.post(
    '/applications',
    {
      onRequest: submitLimit,
      schema: {
        summary: 'Send an application',
        description:
          'Idempotent by the Idempotency-Key header (IETF draft-ietf-httpapi-idempotency-key-header): ' +
          'the same key and body again answers the original response and stores nothing; the same ' +
          'key with another body answers 422; the same key while the first is still being stored ' +
          'answers 409. Keys are kept at least 7 days. The figures are recomputed from the product ' +
          'and refused (422 figures-mismatch) if they differ. An assisted application counts ' +
          'as entered by staff only when assisted.attestation (given at the staff sign-in) ' +
          'verifies for assisted.staffId and assisted.madeAt falls within that sign-in; ' +
          "otherwise it is stored as the applicant's own, with the claim marked not " +
          'verified. Either way the answer is the same.',
        headers: {
          type: 'object',
          required: ['idempotency-key'],
          properties: { 'idempotency-key': { type: 'string', format: 'uuid' } },
        },
        body: toJsonSchema(schema),
        response: { 201: receiptSchema, ...errors(400, 403, 409, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      const key = readIdempotencyKey(request.headers['idempotency-key']);
      if (!key.ok) {
        throw key.reason === 'missing'
          ? new ApiError(400, 'idempotency-key-missing', 'Send an Idempotency-Key header (a UUID).')
          : new ApiError(400, 'idempotency-key-invalid', 'The Idempotency-Key must be a UUID.');
      }
      const validated = validateApplication(request.body, schema);
      if (!validated.ok) {
        const first = validated.issues[0] ?? { field: null, reason: 'wrong-type' as const };
        throw fieldError(first.field, first.reason);
      }
      const application = validated.value;
      // A retry of one application may carry other proof of staff help (a second tab, made a
      // moment later): it is still the same application, and gets the first one's answer.
      const fingerprint = hashOf('body', JSON.stringify(withoutProof(application)));
      const keyHash = hashOf('idempotency-key', key.key);
      const accessToken = accessTokenFor(secret, key.key);
      const replay = (record: IdempotencyRecord) => {
        if (!record.fingerprint.equals(fingerprint)) throw keyReused();
        request.applicationId = record.applicationId;
        return reply
          .code(record.statusCode as 201)
          .header('idempotent-replayed', 'true')
          .header('cache-control', 'no-store')
          .send({ ...JSON.parse(record.response), accessToken });
      };

      const slot = keyHash.toString('base64');
      const running = inFlight.get(slot);
      if (running) {
        if (!running.equals(fingerprint)) throw keyReused();
        throw new ApiError(
          409,
          'idempotency-key-in-progress',
          'A request with this Idempotency-Key is still being handled; retry shortly.',
        );
      }

      // A used key is found by the store as it writes (in the same transaction, see
      // createApplication), so a new application costs no lookup here. Only a request that
      // the rules below refuse looks first: the catalog or staff may have changed since the
      // key was used, and a retry must still get the answer the first request got.
      const replayOrRefuse = async (refusal: unknown) => {
        const stored = await store.findIdempotency(keyHash);
        if (stored) return replay(stored);
        throw refusal;
      };
      const refusal = checkTerms(
        application,
        catalog.find(application.productId),
        today(),
        catalog.figures,
      );
      if (refusal) return replayOrRefuse(fieldError(refusal.field, refusal.reason));
      const at = now();
      // Staff help is decided here, once, and stored: the body keeps the verified help or
      // none, with an unverified claim beside it.
      const body = JSON.stringify(
        application.assisted
          ? {
              ...application,
              ...attributeAssistance(await store.staff.signingKey(), application.assisted, at),
            }
          : application,
      );

      inFlight.set(slot, fingerprint);
      try {
        const outcome = await store.createApplication({
          application: {
            id: randomUUID(),
            status: 'received',
            tokenHash: hashToken(accessToken),
            receivedAt: at.toISOString(),
            withdrawableUntil: new Date(
              at.getTime() + config.coolingOffDays * DAY_MS,
            ).toISOString(),
            withdrawnAt: null,
            erasedAt: null,
            body,
          },
          keyHash,
          fingerprint,
        });
        if (outcome.kind === 'key-exists') return replay(outcome.record);
        request.applicationId = outcome.application.id;
        return reply
          .code(201)
          .header('location', `/api/applications/${outcome.application.id}`)
          .header('cache-control', 'no-store')
          .send({ ...JSON.parse(outcome.record.response), accessToken });
      } finally {
        inFlight.delete(slot);
      }
    },
  );

  api.get<{ Params: { id: string } }>(
    '/applications/:id',
    {
      schema: {
        summary: 'Where an application stands',
        description:
          'An unknown id and a wrong token both answer 404, so ids cannot be probed. A token ' +
          "past the keeping time of its application's personal data (keptUntil), or whose " +
          'data is erased, answers 410 access-expired and reads nothing.',
        params: idParams,
        security: bearer,
        response: { 200: applicationViewSchema, ...errors(401, 404, 410, 429) },
      },
    },
    async (request, reply) => {
      const application = await unexpired(await authorised(request));
      reply.header('cache-control', 'no-store');
      return view(await lapseIfDue(store, catalog, application, now()));
    },
  );

  api.post<{ Params: { id: string } }>(
    '/applications/:id/erase',
    {
      schema: {
        summary: "Erase a withdrawn application's personal data now",
        description:
          'For an application that is withdrawn: its personal fields are erased at once (the ' +
          'lender keeps reference, product, amount, dates and status) and its access token ' +
          'then reads nothing. Erasing twice is harmless. An application not withdrawn ' +
          'answers 409. No body.',
        params: idParams,
        security: bearer,
        response: { 200: erasureSchema, ...errors(400, 401, 404, 409, 429) },
      },
    },
    async (request, reply) => {
      if (request.body !== undefined && !isEmptyObject(request.body)) {
        throw new ApiError(400, 'unexpected-body', 'Asking for erasure takes no body.');
      }
      // The token is enough, even past keptUntil: the applicant asks for what is due anyway.
      const application = await authorised(request);
      reply.header('cache-control', 'no-store');
      const after = application.erasedAt
        ? application
        : application.status === 'withdrawn'
          ? await store.erase(application.id, now().toISOString())
          : null;
      if (!after?.erasedAt) {
        throw new ApiError(
          409,
          'not-withdrawn',
          'The lender keeps an application it is still considering; withdraw it first.',
        );
      }
      return {
        id: after.id,
        reference: after.reference,
        status: after.status,
        erasedAt: after.erasedAt,
      };
    },
  );

  api.post<{ Params: { id: string } }>(
    '/applications/:id/withdraw',
    {
      schema: {
        summary: 'Withdraw an application within the cooling-off period',
        description:
          'Withdrawing twice is harmless. After the cooling-off period it answers 409. No body.',
        params: idParams,
        security: bearer,
        response: { 200: applicationViewSchema, ...errors(400, 401, 404, 409, 410, 429) },
      },
    },
    async (request, reply) => {
      if (request.body !== undefined && !isEmptyObject(request.body)) {
        throw new ApiError(400, 'unexpected-body', 'Withdrawing takes no body.');
      }
      const application = await unexpired(await authorised(request));
      reply.header('cache-control', 'no-store');
      if (application.status === 'withdrawn') return view(application);
      const at = now().toISOString();
      const after = at < application.withdrawableUntil ? await withdrawNow(application, at) : null;
      if (after?.status !== 'withdrawn') {
        throw new ApiError(
          409,
          'cooling-off-ended',
          `The cooling-off period ended at ${application.withdrawableUntil}; call the lender.`,
        );
      }
      return view(after);
    },
  );

  api.post<{ Params: { id: string } }>(
    '/applications/:id/acceptance',
    {
      schema: {
        summary: "Accept the lender's offer",
        description:
          'With an Idempotency-Key (a UUID) like an application, so that the outbox may send it ' +
          'again: accepting an offer already accepted answers the same agreement. The 14 days ' +
          'to withdraw run from the agreement (withdrawableUntil). An offer that lapsed or was ' +
          'answered otherwise answers 409 offer-not-open. No body.',
        params: idParams,
        security: bearer,
        headers: {
          type: 'object',
          required: ['idempotency-key'],
          properties: { 'idempotency-key': { type: 'string', format: 'uuid' } },
        },
        response: { 200: applicationViewSchema, ...errors(400, 401, 404, 409, 410, 429) },
      },
    },
    (request, reply) => answerOffer(request, reply, 'accept'),
  );

  api.post<{ Params: { id: string } }>(
    '/applications/:id/refusal',
    {
      schema: {
        summary: "Say no thank you to the lender's offer",
        description: 'Saying it twice is harmless. No body.',
        params: idParams,
        security: bearer,
        response: { 200: applicationViewSchema, ...errors(400, 401, 404, 409, 410, 429) },
      },
    },
    (request, reply) => answerOffer(request, reply, 'refuse'),
  );

  async function answerOffer(
    request: FastifyRequest<{ Params: { id: string } }>,
    reply: FastifyReply,
    answer: 'accept' | 'refuse',
  ) {
    if (answer === 'accept') {
      const key = readIdempotencyKey(request.headers['idempotency-key']);
      if (!key.ok) {
        throw key.reason === 'missing'
          ? new ApiError(400, 'idempotency-key-missing', 'Send an Idempotency-Key header (a UUID).')
          : new ApiError(400, 'idempotency-key-invalid', 'The Idempotency-Key must be a UUID.');
      }
    }
    if (request.body !== undefined && !isEmptyObject(request.body)) {
      throw new ApiError(400, 'unexpected-body', 'Answering an offer takes no body.');
    }
    const at = now();
    const application = await lapseIfDue(
      store,
      catalog,
      await unexpired(await authorised(request)),
      at,
    );
    reply.header('cache-control', 'no-store');
    const done = answer === 'accept' ? 'accepted' : 'refused';
    if (application.status === done) return view(application);
    const decision = decisionOf(application);
    const outcome = await store.review.transition({
      applicationId: application.id,
      from: application.status,
      event: { type: answer },
      actor: 'applicant',
      at: at.toISOString(),
      ...(answer === 'accept' && decision
        ? {
            decision: { ...decision, agreedAt: at.toISOString() },
            withdrawableUntil: new Date(
              at.getTime() + AGREEMENT_WITHDRAW_DAYS * DAY_MS,
            ).toISOString(),
          }
        : {}),
    });
    if (!outcome.ok) {
      throw new ApiError(
        409,
        'offer-not-open',
        'There is no open offer on this application (it lapsed, or was answered).',
      );
    }
    return view(outcome.application);
  }

  // Before a decision the writer withdraws it; an agreement is ended through the review
  // store, which records it.
  async function withdrawNow(application: StoredApplication, at: string) {
    if (isInQueue(application.status)) return store.withdraw(application.id, at);
    const outcome = await store.review.transition({
      applicationId: application.id,
      from: application.status,
      event: { type: 'withdraw' },
      actor: 'applicant',
      at,
    });
    return outcome.ok ? outcome.application : null;
  }

  async function authorised(request: FastifyRequest<{ Params: { id: string } }>) {
    const token = bearerToken(request.headers.authorization);
    if (!token) {
      throw new ApiError(
        401,
        'token-missing',
        'Send the access token as "Authorization: Bearer <token>".',
      );
    }
    const id = request.params.id;
    const application = isUuid(id) ? await store.getApplication(id.toLowerCase()) : null;
    // The token is compared even when there is no application, so both refusals take as long.
    if (!tokenMatches(token, application?.tokenHash ?? null) || !application) {
      throw new ApiError(404, 'application-not-found', 'No application with this id and token.');
    }
    request.applicationId = application.id;
    return application;
  }

  // A token past the keeping time of its application's personal data reads nothing, even
  // before the daily erasure has run; it is told so, in its own code, so the app can say why.
  async function unexpired(application: StoredApplication) {
    if (now().toISOString() < keptUntil(application, config.retention)) return application;
    throw new ApiError(
      410,
      'access-expired',
      "This application's personal data is no longer kept, so its access token has ended.",
    );
  }

  /** What the applicant is told of the lender's answer, figures from the loan engine. */
  function answerOf(application: StoredApplication, productId: string) {
    const decision = decisionOf(application);
    if (!decision || application.status === 'awaiting-approval') return null;
    if (decision.kind === 'decline') return { kind: 'decline', reason: decision.reason };
    if (decision.kind === 'call-first') return { kind: 'call-first' };
    const product = catalog.find(productId);
    if (!product || !decision.amount || !decision.months || !decision.method) return null;
    const choice = { principal: decision.amount, months: decision.months, method: decision.method };
    return {
      kind: 'offer',
      offer: {
        amount: decision.amount,
        months: decision.months,
        method: decision.method,
        ...catalog.figures(product, choice),
        expiresAt: offerExpiresAt(decision, product),
      },
      ...(decision.agreedAt ? { agreedAt: decision.agreedAt } : {}),
    };
  }

  async function view(application: StoredApplication) {
    const body = JSON.parse(application.body) as Omit<ApplicationBody, 'assisted'> & {
      assisted?: { staffId: string; branch: string } | null;
    };
    return {
      id: application.id,
      reference: application.reference,
      status: application.status,
      receivedAt: application.receivedAt,
      withdrawableUntil: application.withdrawableUntil,
      withdrawnAt: application.withdrawnAt,
      keptUntil: keptUntil(application, config.retention),
      // Before a decision an application is withdrawn within the cooling-off period, and an
      // agreement within the 14 days from when it was made.
      canWithdraw:
        (isInQueue(application.status) || application.status === 'accepted') &&
        now().toISOString() < application.withdrawableUntil,
      answer: answerOf(application, body.productId),
      summary: {
        productId: body.productId,
        amount: body.amount,
        months: body.months,
        method: body.method,
        ...body.figures,
        ...(await assistedSummary(store, body)),
      },
    };
  }

  staffRoutes(api, deps);
  reviewRoutes(api, deps);
  await resumeCodeRoutes(api, deps);
}

// The application without what proves staff help (the attestation and when it was made).
function withoutProof(application: ApplicationBody): ApplicationBody {
  if (!application.assisted) return application;
  const { attestation: _a, madeAt: _m, ...assisted } = application.assisted;
  return { ...application, assisted };
}

function keyReused(): ApiError {
  return new ApiError(
    422,
    'idempotency-key-reused',
    'This Idempotency-Key was used with a different body; use a new key for a new application.',
    null,
  );
}

function isEmptyObject(value: unknown): boolean {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 0
  );
}

/** The encoding to send a client, from its Accept-Encoding: the one it weighs highest of
 *  Brotli and gzip (Brotli on a tie), or none. A coding with q=0 is refused, "*" stands for
 *  any coding not named, and names are case-insensitive (RFC 9110, section 12.5.3). Not
 *  @fastify/static's @fastify/accept-negotiator: it answers br to "*;q=0.5, br;q=0" and
 *  nothing to "BR". */
export function acceptedEncoding(header: string | string[] | undefined): 'br' | 'gzip' | null {
  if (typeof header !== 'string') return null;
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.split(';').map((p) => p.trim().toLowerCase());
    if (name === '') continue;
    const q = params.find((p) => p.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  const weightOf = (coding: string) => weights.get(coding) ?? weights.get('*') ?? 0;
  const br = weightOf('br');
  const gzip = weightOf('gzip');
  if (br > 0 && br >= gzip) return 'br';
  return gzip > 0 ? 'gzip' : null;
}

/** Whether an If-None-Match header names this ETag (weak comparison, as RFC 9110 asks for
 *  If-None-Match), or is "*". */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const bare = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || bare(tag) === bare(etag));
}

/** Sends a FastifyReply-shaped error body; used where no route exists to throw from. */
export function sendError(reply: FastifyReply, error: ApiError) {
  return reply.code(error.status).header('cache-control', 'no-store').send(error.toBody());
}
