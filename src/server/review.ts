// The back office's API: the queue, an application as a reviewer sees it (every look at its
// personal details recorded), decisions, the second reviewer's agreement and the history. For
// signed-in staff with the reviewer role alone.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import * as v from 'valibot';
import type { ApplicationBody } from '../loan/application';
import { checkChoice } from '../loan/application';
import { APPLICATION_STATES, DECLINE_REASONS } from '../loan/application-state';
import { needsSecondReviewer, preAssess } from '../loan/pre-assessment';
import type { Product } from '../loan/product';
import { REPAYMENT_METHODS } from '../loan/types';
import type { ServedCatalog } from './catalog';
import { type ServerConfig, todayIn } from './config';
import { ApiError, errorSchema, fieldError } from './errors';
import { toJsonSchema } from './json-schema';
import { bearerToken } from './secrets';
import { staffSessionOf } from './staff';
import type {
  Decision,
  QueueCursor,
  QueueFilter,
  QueueItem,
  Store,
  StoredApplication,
  TransitionOutcome,
  TransitionRequest,
} from './store';

/** What the review routes need from the server around them. */
export interface ReviewDeps {
  store: Store;
  catalog: ServedCatalog;
  config: ServerConfig;
  now: () => Date;
}

const DAY_MS = 86_400_000;
const PAGE_SIZE = 25;
const MAX_PAGE_SIZE = 100;
const NOTE_MAX = 1000;

const QUEUE_FILTERS: readonly QueueFilter[] = [
  'all',
  'waiting',
  'call-first',
  'awaiting-approval',
  'assisted',
  'claimed-help',
];

const state = v.picklist(APPLICATION_STATES, 'not-allowed');
const whole = (min: number) =>
  v.pipe(v.number('wrong-type'), v.safeInteger('not-whole-number'), v.minValue(min, 'too-small'));

/** A reviewer's decision as sent: what, and the state the reviewer saw it in. */
const DecisionSchema = v.variant(
  'kind',
  [
    v.strictObject({
      kind: v.literal('offer'),
      from: state,
      amount: whole(1),
      months: whole(1),
      method: v.picklist(REPAYMENT_METHODS, 'not-allowed'),
    }),
    v.strictObject({
      kind: v.literal('decline'),
      from: state,
      reason: v.picklist(DECLINE_REASONS, 'not-allowed'),
    }),
    v.strictObject({
      kind: v.literal('call-first'),
      from: state,
      // What the reviewer wants asked on the call; kept on the record, never sent to the
      // applicant.
      note: v.optional(v.pipe(v.string('wrong-type'), v.trim(), v.maxLength(NOTE_MAX, 'too-long'))),
    }),
  ],
  'not-allowed',
);

const ApprovalSchema = v.strictObject({ from: v.literal('awaiting-approval', 'not-allowed') });

/** The first problem of a body refused by `schema`, as Kindly's 422. */
function parsed<T extends v.GenericSchema>(schema: T, body: unknown): v.InferOutput<T> {
  const result = v.safeParse(schema, body ?? {});
  if (result.success) return result.output;
  const issue = result.issues[0];
  const field = issue.path?.map((item) => String(item.key)).join('.') ?? null;
  if (issue.type === 'strict_object' && issue.input !== undefined) {
    throw fieldError(field, 'unknown-field');
  }
  if (issue.input === undefined) throw fieldError(field, 'required');
  const reason = issue.message as
    | 'not-allowed'
    | 'wrong-type'
    | 'not-whole-number'
    | 'too-small'
    | 'too-long';
  throw fieldError(
    field,
    ['not-allowed', 'wrong-type', 'not-whole-number', 'too-small', 'too-long'].includes(reason)
      ? reason
      : 'wrong-type',
  );
}

/** A page cursor as sent: the last line's received instant and id. */
function readCursor(raw: string | undefined): QueueCursor | undefined {
  if (raw === undefined) return undefined;
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)_([0-9a-f-]{36})$/.exec(raw);
  if (!match) throw fieldError('after', 'not-allowed');
  return { receivedAt: match[1] as string, id: match[2] as string };
}

const cursorOf = (item: QueueItem) => `${item.receivedAt}_${item.id}`;

/** When an offer made (or agreed by the second reviewer) at that time lapses. */
export function offerExpiresAt(decision: Decision, product: Product): string {
  const from = Date.parse(decision.approvedAt ?? decision.at);
  return new Date(from + product.review.offerValidDays * DAY_MS).toISOString();
}

/** The decision stored with an application, or null. */
export function decisionOf(application: StoredApplication): Decision | null {
  return application.decision ? (JSON.parse(application.decision) as Decision) : null;
}

/** An offer not answered in the days its product allows is marked lapsed when next read;
 *  answers the application as it is then. */
export async function lapseIfDue(
  store: Store,
  catalog: ServedCatalog,
  application: StoredApplication,
  at: Date,
): Promise<StoredApplication> {
  if (application.status !== 'offered') return application;
  const decision = decisionOf(application);
  const product = catalog.find((JSON.parse(application.body) as { productId: string }).productId);
  if (!decision || !product || at.toISOString() < offerExpiresAt(decision, product)) {
    return application;
  }
  const outcome = await store.review.transition({
    applicationId: application.id,
    from: 'offered',
    event: { type: 'lapse' },
    actor: 'system',
    at: at.toISOString(),
  });
  return outcome.ok
    ? outcome.application
    : ((await store.getApplication(application.id)) ?? application);
}

/** The 4xx for a step the store did not take. */
export function refusedStep(outcome: Extract<TransitionOutcome, { ok: false }>): ApiError {
  switch (outcome.reason) {
    case 'unknown':
      return new ApiError(404, 'application-not-found', 'No application with this id.');
    case 'changed':
      return new ApiError(
        409,
        'application-changed',
        'The application changed since it was read; read it again before deciding.',
      );
    case 'same-reviewer':
      return new ApiError(
        403,
        'four-eyes',
        'An offer above this amount needs the agreement of a reviewer other than its proposer.',
      );
    case 'not-allowed':
      return new ApiError(
        409,
        'not-decidable',
        'This application is not in a state that allows this step (withdrawn, or decided).',
      );
  }
}

const queueItemSchema = {
  type: 'object',
  required: ['id', 'reference', 'status', 'receivedAt', 'productId', 'amount', 'months', 'help'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    reference: { type: 'string' },
    status: { type: 'string', enum: APPLICATION_STATES },
    receivedAt: { type: 'string', format: 'date-time' },
    productId: { type: 'string' },
    amount: { type: 'integer', description: 'Minor units' },
    months: { type: 'integer' },
    help: { type: ['string', 'null'], enum: ['assisted', 'claimed', null] },
  },
} as const;

const reviewedSchema = {
  type: 'object',
  description:
    'id, reference, status, receivedAt, withdrawnAt, erasedAt; body (the application as ' +
    'entered); figures (worked out again) and figuresAgree; product (eligibility and review ' +
    'rules); preAssessment (outcome, reasons, age, idChecks, affordability); decision; ' +
    'offerExpiresAt',
  required: ['id', 'reference', 'status', 'body', 'preAssessment', 'decision'],
  additionalProperties: true,
} as const;

const decidedSchema = {
  type: 'object',
  required: ['id', 'status', 'decision'],
  properties: {
    id: { type: 'string', format: 'uuid' },
    status: { type: 'string', enum: APPLICATION_STATES },
    decision: { type: 'object', additionalProperties: true },
  },
} as const;

const idParams = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', format: 'uuid' } },
} as const;

const errors = (...codes: number[]) => Object.fromEntries(codes.map((code) => [code, errorSchema]));
const bearer = [{ bearer: [] }];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Registers the reviewers' routes under /office; call inside the '/api' prefix. */
export function reviewRoutes(api: FastifyInstance, deps: ReviewDeps) {
  const { store, catalog, config, now } = deps;
  const today = todayIn(config.timeZone, now);

  async function reviewer(request: FastifyRequest) {
    const session = await staffSessionOf(store, bearerToken(request.headers.authorization), now());
    if (!session) {
      throw new ApiError(
        401,
        'staff-session-invalid',
        'No staff session: it has ended or expired, or the token is wrong. Sign in again.',
      );
    }
    if (session.staff.role !== 'reviewer') {
      throw new ApiError(403, 'reviewer-only', 'Only reviewers may see and decide applications.');
    }
    return session.staff;
  }

  /** The step a decision asks for, with what is stored and recorded of it; refuses an offer
   *  the product does not allow or above the amount applied for. */
  function decisionStep(
    sent: v.InferOutput<typeof DecisionSchema>,
    found: StoredApplication,
    by: string,
    at: string,
  ): TransitionRequest {
    const base = { applicationId: found.id, from: sent.from, actor: by, at };
    if (sent.kind === 'decline') {
      return {
        ...base,
        event: { type: 'decline' },
        decision: { kind: 'decline', by, at, reason: sent.reason },
        detail: { reason: sent.reason },
      };
    }
    if (sent.kind === 'call-first') {
      return {
        ...base,
        event: { type: 'call-first' },
        decision: { kind: 'call-first', by, at },
        ...(sent.note ? { detail: { note: sent.note } } : {}),
      };
    }
    const body = JSON.parse(found.body) as ApplicationBody;
    const product = catalog.find(body.productId);
    if (!product) throw fieldError('productId', 'product-unknown');
    const { amount, months, method } = sent;
    const issue = checkChoice(product, { principal: amount, months, method });
    if (issue) throw fieldError(issue.field, issue.reason);
    if (amount > body.amount) {
      throw new ApiError(
        422,
        'offer-above-application',
        'An offer may be of the amount applied for or less.',
        'amount',
      );
    }
    const needsSecond = needsSecondReviewer(product, amount);
    return {
      ...base,
      event: { type: 'offer', needsSecondReviewer: needsSecond },
      decision: { kind: 'offer', by, at, amount, months, method },
      detail: { amount, months, method, needsSecondReviewer: needsSecond },
    };
  }

  async function application(id: string) {
    const found = UUID.test(id) ? await store.getApplication(id.toLowerCase()) : null;
    if (!found) throw new ApiError(404, 'application-not-found', 'No application with this id.');
    return lapseIfDue(store, catalog, found, now());
  }

  api.get<{ Querystring: { filter?: string; after?: string; limit?: string; reference?: string } }>(
    '/office/applications',
    {
      schema: {
        summary: 'The queue of applications waiting for a reviewer, oldest first',
        description:
          'Reviewers only. Pages of `limit` (25 by default, at most 100); `next` is the ' +
          '`after` of the next page, or null on the last. `reference` finds one application ' +
          'in any state instead.',
        security: bearer,
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            filter: { type: 'string', enum: QUEUE_FILTERS },
            after: { type: 'string' },
            limit: { type: 'integer', minimum: 1, maximum: MAX_PAGE_SIZE },
            reference: { type: 'string', examples: ['KND-7F3-Q9C'] },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['items', 'next'],
            properties: {
              items: { type: 'array', items: queueItemSchema },
              next: { type: ['string', 'null'] },
            },
          },
          ...errors(401, 403, 422, 429),
        },
      },
    },
    async (request, reply) => {
      await reviewer(request);
      reply.header('cache-control', 'no-store');
      const query = request.query;
      for (const key of Object.keys(query)) {
        if (!['filter', 'after', 'limit', 'reference'].includes(key)) {
          throw fieldError(key, 'unknown-field');
        }
      }
      if (query.reference !== undefined) {
        const typed = query.reference.trim().toUpperCase();
        if (typed.length > 20) throw fieldError('reference', 'too-long');
        const found = await store.review.findReference(typed);
        return { items: found ? [found] : [], next: null };
      }
      const filter = (query.filter ?? 'all') as QueueFilter;
      if (!QUEUE_FILTERS.includes(filter)) throw fieldError('filter', 'not-allowed');
      const limit = query.limit === undefined ? PAGE_SIZE : Number(query.limit);
      if (!/^\d+$/.test(query.limit ?? '1') || limit < 1 || limit > MAX_PAGE_SIZE) {
        throw fieldError('limit', 'not-allowed');
      }
      const items = await store.review.queue(filter, limit, readCursor(query.after));
      const last = items.at(-1);
      return { items, next: items.length === limit && last ? cursorOf(last) : null };
    },
  );

  api.get<{ Params: { id: string } }>(
    '/office/applications/:id',
    {
      schema: {
        summary: 'An application as a reviewer sees it, with the pre-assessment',
        description:
          'Reviewers only. Answers what the applicant entered, the figures recomputed by the ' +
          'server, the checks on the ID number, affordability and the pre-assessment under ' +
          "the product's rules. Each read of personal details is added to the history.",
        params: idParams,
        security: bearer,
        response: { 200: reviewedSchema, ...errors(401, 403, 404, 429) },
      },
    },
    async (request, reply) => {
      const staff = await reviewer(request);
      reply.header('cache-control', 'no-store');
      const found = await application(request.params.id);
      const body = JSON.parse(found.body) as ApplicationBody & {
        staffClaim?: { staffId: string; reason: string };
      };
      const product = catalog.find(body.productId);
      const isErased = found.erasedAt !== null;
      if (!isErased) await store.review.recordView(found.id, staff.id, now().toISOString());
      const choice = { principal: body.amount, months: body.months, method: body.method };
      const figures =
        product && !checkChoice(product, choice) ? catalog.figures(product, choice) : null;
      const decision = decisionOf(found);
      return {
        id: found.id,
        reference: found.reference,
        status: found.status,
        receivedAt: found.receivedAt,
        withdrawnAt: found.withdrawnAt,
        erasedAt: found.erasedAt,
        body,
        figures,
        figuresAgree:
          figures !== null &&
          figures.monthlyPayment === body.figures.monthlyPayment &&
          figures.totalPayable === body.figures.totalPayable,
        product: product
          ? { id: product.id, eligibility: product.eligibility, review: product.review }
          : null,
        preAssessment:
          product && !isErased
            ? preAssess(
                product,
                { ...body, hasUnverifiedStaffHelp: Boolean(body.staffClaim) },
                today(),
              )
            : null,
        decision,
        offerExpiresAt:
          decision?.kind === 'offer' && product ? offerExpiresAt(decision, product) : null,
      };
    },
  );

  api.post<{ Params: { id: string } }>(
    '/office/applications/:id/decision',
    {
      schema: {
        summary: 'Decide: offer, decline or call first',
        description:
          'Reviewers only. `from` is the state the reviewer saw; if the application has ' +
          'changed since, 409 application-changed and nothing is stored. An offer is of the ' +
          'amount applied for or less, on a term and method the product offers; above the ' +
          "product's four-eyes amount it waits for a second reviewer (awaiting-approval). A " +
          'withdrawn or decided application answers 409 not-decidable.',
        params: idParams,
        security: bearer,
        body: toJsonSchema(DecisionSchema),
        response: { 200: decidedSchema, ...errors(400, 401, 403, 404, 409, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      const staff = await reviewer(request);
      reply.header('cache-control', 'no-store');
      const sent = parsed(DecisionSchema, request.body);
      const found = await application(request.params.id);
      const at = now().toISOString();
      const step = decisionStep(sent, found, staff.id, at);
      const outcome = await store.review.transition(step);
      if (!outcome.ok) throw refusedStep(outcome);
      return {
        id: outcome.application.id,
        status: outcome.application.status,
        decision: step.decision,
      };
    },
  );

  api.post<{ Params: { id: string } }>(
    '/office/applications/:id/approval',
    {
      schema: {
        summary: "A second reviewer agrees to another reviewer's offer",
        description:
          'Reviewers only. The reviewer who proposed the offer cannot agree to it (403 ' +
          'four-eyes). To disagree, decline the application instead.',
        params: idParams,
        security: bearer,
        body: toJsonSchema(ApprovalSchema),
        response: { 200: decidedSchema, ...errors(400, 401, 403, 404, 409, 413, 415, 422, 429) },
      },
    },
    async (request, reply) => {
      const staff = await reviewer(request);
      reply.header('cache-control', 'no-store');
      parsed(ApprovalSchema, request.body);
      const found = await application(request.params.id);
      const proposed = decisionOf(found);
      const at = now().toISOString();
      const decision: Decision | undefined = proposed
        ? { ...proposed, approvedBy: staff.id, approvedAt: at }
        : undefined;
      const outcome = await store.review.transition({
        applicationId: found.id,
        from: 'awaiting-approval',
        event: { type: 'approve', reviewer: staff.id, proposedBy: proposed?.by ?? '' },
        actor: staff.id,
        at,
        decision,
      });
      if (!outcome.ok) throw refusedStep(outcome);
      return { id: outcome.application.id, status: outcome.application.status, decision };
    },
  );

  api.get<{ Params: { id: string } }>(
    '/office/applications/:id/history',
    {
      schema: {
        summary: "An application's audit record: who saw or decided what, and when",
        params: idParams,
        security: bearer,
        response: {
          200: {
            type: 'object',
            required: ['events'],
            properties: {
              events: {
                type: 'array',
                items: {
                  type: 'object',
                  required: ['seq', 'actor', 'action', 'at', 'detail'],
                  properties: {
                    seq: { type: 'integer' },
                    actor: { type: 'string' },
                    action: { type: 'string' },
                    at: { type: 'string', format: 'date-time' },
                    detail: { type: ['object', 'null'], additionalProperties: true },
                  },
                },
              },
            },
          },
          ...errors(401, 403, 404, 429),
        },
      },
    },
    async (request, reply) => {
      await reviewer(request);
      reply.header('cache-control', 'no-store');
      const found = await application(request.params.id);
      return { events: await store.review.history(found.id) };
    },
  );
}
