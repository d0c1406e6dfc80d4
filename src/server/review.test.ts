// The back office's API and the applicant's answer to it: reviewers alone, decisions checked
// against the product and the state machine, four eyes, the offer's figures from the loan
// engine, acceptance with its 14 days, lapse, and the history of every look and step.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from './sqlite-store';
import { hashPasscode, TEST_ONLY_PASSCODE_COST } from './staff';
import type { StaffRole, Store } from './store';
import {
  type RawResponse,
  removeTempDirs,
  request,
  sampleCatalog,
  startServer,
  submit,
  type TestServer,
  tempDir,
  validApplication,
} from './test-support';

const DAY_MS = 86_400_000;
let clock = new Date('2026-03-02T01:00:00.000Z');
let server: TestServer;
let store: Store;
const product = sampleCatalog.catalog.products[0];
if (!product) throw new Error('no product');

const STAFF: { id: string; role: StaffRole }[] = [
  { id: 'S-RV2A', role: 'reviewer' },
  { id: 'S-RV3B', role: 'reviewer' },
  { id: 'S-BR4C', role: 'branch' },
];
const tokens: Record<string, string> = {};

beforeAll(async () => {
  const dir = tempDir();
  store = openSqliteStore(join(dir, 'kindly.sqlite'));
  for (const { id, role } of STAFF) {
    await store.staff.add({
      id,
      name: id,
      branch: 'Head office',
      role,
      passcodeHash: await hashPasscode('review-pass', TEST_ONLY_PASSCODE_COST),
      createdAt: clock.toISOString(),
    });
  }
  server = await startServer({
    dir,
    store,
    now: () => clock,
    passcodeCost: TEST_ONLY_PASSCODE_COST,
    config: { rateLimits: { staffSignInMax: 1e6 } },
  });
  for (const { id } of STAFF) {
    const signedIn = await call('POST', '/api/staff/sessions', {
      staffId: id,
      passcode: 'review-pass',
    });
    expect(signedIn.status).toBe(201);
    tokens[id] = signedIn.json.token;
  }
});

afterAll(async () => {
  await server.cleanUp();
  await store.close();
  removeTempDirs();
});

function call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
  return request(server.port, method, path, {
    headers: {
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      ...headers,
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

const as = (staffId: string) => ({ authorization: `Bearer ${tokens[staffId]}` });

function expectError(response: RawResponse, status: number, code: string) {
  expect(response.status, response.text).toBe(status);
  expect(response.json.error.code).toBe(code);
}

/** Sends an application of `amount` and answers its receipt (id, reference, access token). */
async function apply(amount = 4_000_000) {
  const sent = await submit(
    server.port,
    validApplication((b) => {
      b.amount = amount;
      b.income.monthlyIncomeBand = '20000-plus';
    }),
  );
  expect(sent.status).toBe(201);
  return sent.json as { id: string; reference: string; accessToken: string };
}

const mine = (
  receipt: { id: string; accessToken: string },
  method = 'GET',
  path = '',
  headers = {},
) =>
  call(method, `/api/applications/${receipt.id}${path}`, undefined, {
    authorization: `Bearer ${receipt.accessToken}`,
    ...headers,
  });

const decide = (id: string, staffId: string, body: unknown) =>
  call('POST', `/api/office/applications/${id}/decision`, body, as(staffId));

describe('who may review', () => {
  it('answers reviewers only: 401 without a session, 403 for branch staff', async () => {
    expectError(await call('GET', '/api/office/applications'), 401, 'staff-session-invalid');
    expectError(
      await call('GET', '/api/office/applications', undefined, as('S-BR4C')),
      403,
      'reviewer-only',
    );
    const { id } = await apply();
    expectError(
      await decide(id, 'S-BR4C', { kind: 'call-first', from: 'received' }),
      403,
      'reviewer-only',
    );
  });
});

describe('the queue', () => {
  it('lists what waits oldest first, pages on, filters, and finds a reference', async () => {
    clock = new Date(clock.getTime() + 1000);
    const first = await apply();
    clock = new Date(clock.getTime() + 1000);
    const second = await apply();
    const all = await call('GET', '/api/office/applications?limit=100', undefined, as('S-RV2A'));
    expect(all.status).toBe(200);
    const ids = all.json.items.map((item: { id: string }) => item.id);
    expect(ids.indexOf(first.id)).toBeLessThan(ids.indexOf(second.id));
    const one = await call('GET', '/api/office/applications?limit=1', undefined, as('S-RV2A'));
    expect(one.json.items).toHaveLength(1);
    const next = await call(
      'GET',
      `/api/office/applications?limit=1&after=${encodeURIComponent(one.json.next)}`,
      undefined,
      as('S-RV2A'),
    );
    expect(next.json.items[0].id).toBe(ids[1]);
    const found = await call(
      'GET',
      `/api/office/applications?reference=${second.reference.toLowerCase()}`,
      undefined,
      as('S-RV2A'),
    );
    expect(found.json.items).toEqual([
      expect.objectContaining({ id: second.id, status: 'received', amount: 4_000_000 }),
    ]);
    await decide(first.id, 'S-RV2A', { kind: 'call-first', from: 'received' });
    const calls = await call(
      'GET',
      '/api/office/applications?filter=call-first',
      undefined,
      as('S-RV2A'),
    );
    expect(calls.json.items.map((item: { id: string }) => item.id)).toEqual([first.id]);
    expectError(
      await call('GET', '/api/office/applications?filter=everything', undefined, as('S-RV2A')),
      422,
      'not-allowed',
    );
    expectError(
      await call('GET', '/api/office/applications?after=yesterday', undefined, as('S-RV2A')),
      422,
      'not-allowed',
    );
    expectError(
      await call('GET', '/api/office/applications?sort=newest', undefined, as('S-RV2A')),
      422,
      'unknown-field',
    );
  });
});

describe('an application and its decision', () => {
  it('shows the application with recomputed figures and pre-assessment, and records the look', async () => {
    const { id } = await apply();
    const seen = await call('GET', `/api/office/applications/${id}`, undefined, as('S-RV2A'));
    expect(seen.status).toBe(200);
    expect(seen.json.figuresAgree).toBe(true);
    expect(seen.json.figures).toEqual(
      sampleCatalog.figures(product, {
        principal: 4_000_000,
        months: product.terms[0] ?? 0,
        method: product.methods[0] ?? 'annuity',
      }),
    );
    expect(seen.json.preAssessment).toMatchObject({ outcome: 'meets', reasons: [] });
    expect(seen.json.body.applicant.fullName).toBe('王小明');
    const history = await call(
      'GET',
      `/api/office/applications/${id}/history`,
      undefined,
      as('S-RV2A'),
    );
    expect(history.json.events).toEqual([
      expect.objectContaining({ actor: 'S-RV2A', action: 'viewed', at: clock.toISOString() }),
    ]);
  });

  it('offers a smaller amount; the applicant sees the loan engine figures, accepts once, and may withdraw within 14 days', async () => {
    const receipt = await apply();
    const offer = {
      kind: 'offer',
      from: 'received',
      amount: 2_000_000,
      months: 12,
      method: 'annuity',
    };
    const decided = await decide(receipt.id, 'S-RV2A', offer);
    expect(decided.status, decided.text).toBe(200);
    expect(decided.json.status).toBe('offered');
    const seen = await mine(receipt);
    expect(seen.json.status).toBe('offered');
    expect(seen.json.answer).toEqual({
      kind: 'offer',
      offer: {
        amount: 2_000_000,
        months: 12,
        method: 'annuity',
        ...sampleCatalog.figures(product, { principal: 2_000_000, months: 12, method: 'annuity' }),
        expiresAt: new Date(clock.getTime() + product.review.offerValidDays * DAY_MS).toISOString(),
      },
    });
    expectError(await mine(receipt, 'POST', '/acceptance'), 400, 'idempotency-key-missing');
    const key = { 'idempotency-key': crypto.randomUUID() };
    const accepted = await mine(receipt, 'POST', '/acceptance', key);
    expect(accepted.status, accepted.text).toBe(200);
    expect(accepted.json).toMatchObject({
      status: 'accepted',
      canWithdraw: true,
      withdrawableUntil: new Date(clock.getTime() + 14 * DAY_MS).toISOString(),
      answer: { kind: 'offer', agreedAt: clock.toISOString() },
    });
    // The outbox sends it again: the same agreement, not a second one.
    const again = await mine(receipt, 'POST', '/acceptance', key);
    expect(again.json).toEqual(accepted.json);
    clock = new Date(clock.getTime() + 13 * DAY_MS);
    const withdrawn = await mine(receipt, 'POST', '/withdraw');
    expect(withdrawn.json.status).toBe('withdrawn');
    clock = new Date(clock.getTime() - 13 * DAY_MS);
    const history = await call(
      'GET',
      `/api/office/applications/${receipt.id}/history`,
      undefined,
      as('S-RV2A'),
    );
    expect(
      history.json.events.map((e: { action: string; actor: string }) => `${e.actor} ${e.action}`),
    ).toEqual(['S-RV2A offer', 'applicant accept', 'applicant withdraw']);
  });

  it('refuses an offer the product does not allow, or above the amount applied for', async () => {
    const { id } = await apply(2_000_000);
    const offer = (change: Record<string, unknown>) =>
      decide(id, 'S-RV2A', {
        kind: 'offer',
        from: 'received',
        amount: 1_000_000,
        months: 12,
        method: 'annuity',
        ...change,
      });
    expectError(await offer({ amount: 2_100_000 }), 422, 'offer-above-application');
    expectError(await offer({ amount: 1_050_000 }), 422, 'amount-step');
    expectError(await offer({ months: 7 }), 422, 'months-not-offered');
    expectError(await offer({ amount: '1000000' }), 422, 'wrong-type');
    expectError(await offer({ note: 'hi' }), 422, 'unknown-field');
    expectError(
      await decide(id, 'S-RV2A', { kind: 'decline', from: 'received', reason: 'just-because' }),
      422,
      'not-allowed',
    );
    expect((await mine({ id, accessToken: '' }, 'GET')).status).toBe(401);
  });

  it('needs a second reviewer above the four-eyes amount, never the proposer', async () => {
    const receipt = await apply();
    const amount = product.review.fourEyesAbove + product.amount.step;
    const proposed = await decide(receipt.id, 'S-RV2A', {
      kind: 'offer',
      from: 'received',
      amount,
      months: 12,
      method: 'annuity',
    });
    expect(proposed.json.status).toBe('awaiting-approval');
    expect((await mine(receipt)).json).toMatchObject({ status: 'awaiting-approval', answer: null });
    const approve = (staffId: string) =>
      call(
        'POST',
        `/api/office/applications/${receipt.id}/approval`,
        { from: 'awaiting-approval' },
        as(staffId),
      );
    expectError(await approve('S-RV2A'), 403, 'four-eyes');
    const agreed = await approve('S-RV3B');
    expect(agreed.json).toMatchObject({
      status: 'offered',
      decision: { by: 'S-RV2A', approvedBy: 'S-RV3B' },
    });
    expect((await mine(receipt)).json.answer.offer.amount).toBe(amount);
  });

  it('declines with a reason the applicant is told; nothing decides a withdrawn or changed application', async () => {
    const receipt = await apply();
    const declined = await decide(receipt.id, 'S-RV2A', {
      kind: 'decline',
      from: 'received',
      reason: 'repayments-too-high',
    });
    expect(declined.json.status).toBe('declined');
    expect((await mine(receipt)).json).toMatchObject({
      status: 'declined',
      answer: { kind: 'decline', reason: 'repayments-too-high' },
      canWithdraw: false,
    });
    expectError(
      await decide(receipt.id, 'S-RV3B', { kind: 'call-first', from: 'received' }),
      409,
      'application-changed',
    );
    const other = await apply();
    expect((await mine(other, 'POST', '/withdraw')).json.status).toBe('withdrawn');
    expectError(
      await decide(other.id, 'S-RV2A', {
        kind: 'decline',
        from: 'withdrawn',
        reason: 'other-debts',
      }),
      409,
      'not-decidable',
    );
  });

  it("keeps a call-first note on the record for reviewers, never in the applicant's answer", async () => {
    const receipt = await apply();
    const note = 'Ask who suggested the loan; the daughter is the trusted contact.';
    const asked = await decide(receipt.id, 'S-RV2A', {
      kind: 'call-first',
      from: 'received',
      note,
    });
    expect(asked.status, asked.text).toBe(200);
    expect(asked.json.status).toBe('call-first');
    const history = await call(
      'GET',
      `/api/office/applications/${receipt.id}/history`,
      undefined,
      as('S-RV3B'),
    );
    expect(history.json.events.at(-1)).toMatchObject({
      actor: 'S-RV2A',
      action: 'call-first',
      detail: { note },
    });
    expect((await mine(receipt)).text).not.toContain('daughter');
    const other = await apply();
    expectError(
      await decide(other.id, 'S-RV2A', {
        kind: 'call-first',
        from: 'received',
        note: 'x'.repeat(1001),
      }),
      422,
      'too-long',
    );
  });

  it('takes "No thank you" once, with no body, only on an open offer', async () => {
    const receipt = await apply();
    expectError(await mine(receipt, 'POST', '/refusal'), 409, 'offer-not-open');
    await decide(receipt.id, 'S-RV2A', {
      kind: 'offer',
      from: 'received',
      amount: 1_000_000,
      months: 12,
      method: 'annuity',
    });
    const withBody = await request(server.port, 'POST', `/api/applications/${receipt.id}/refusal`, {
      headers: {
        authorization: `Bearer ${receipt.accessToken}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ why: 'no' }),
    });
    expectError(withBody, 400, 'unexpected-body');
    const refused = await mine(receipt, 'POST', '/refusal');
    expect(refused.status, refused.text).toBe(200);
    expect(refused.json).toMatchObject({ status: 'refused', canWithdraw: false });
    expect((await mine(receipt, 'POST', '/refusal')).json.status).toBe('refused');
    expectError(
      await mine(receipt, 'POST', '/acceptance', { 'idempotency-key': crypto.randomUUID() }),
      409,
      'offer-not-open',
    );
    const history = await call(
      'GET',
      `/api/office/applications/${receipt.id}/history`,
      undefined,
      as('S-RV2A'),
    );
    expect(history.json.events).toContainEqual(
      expect.objectContaining({ actor: 'applicant', action: 'refuse' }),
    );
  });

  it('lets an offer lapse after the days its product allows', async () => {
    const receipt = await apply();
    await decide(receipt.id, 'S-RV2A', {
      kind: 'offer',
      from: 'received',
      amount: 1_000_000,
      months: 12,
      method: 'annuity',
    });
    const start = clock;
    clock = new Date(start.getTime() + product.review.offerValidDays * DAY_MS);
    expect((await mine(receipt)).json.status).toBe('lapsed');
    expectError(
      await mine(receipt, 'POST', '/acceptance', { 'idempotency-key': crypto.randomUUID() }),
      409,
      'offer-not-open',
    );
    clock = start;
  });
});
