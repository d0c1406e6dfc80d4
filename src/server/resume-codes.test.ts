// Resume codes against the real server on a random port with a temporary SQLite
// file: made, redeemed once, expired, purged, limited against guessing, bounded in size, and
// kept encrypted.
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_DRAFT_BYTES, normaliseResumeCode } from './resume-codes';
import {
  loggingServer,
  type RawResponse,
  removeTempDirs,
  request,
  startServer,
  type TestServer,
  tempDir,
} from './test-support';

const HOUR_MS = 3_600_000;
const CODE = /^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{6}$/;

let clock = new Date('2026-03-02T01:00:00.000Z');
let server: TestServer;

beforeAll(async () => {
  server = await startServer({
    now: () => clock,
    config: { rateLimits: { redeemMax: 1e6 } },
  });
});

afterAll(async () => {
  await server.cleanUp();
  removeTempDirs();
});

function post(path: string, body: unknown, port = server.port) {
  return request(port, 'POST', path, {
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const create = (draft: unknown, port = server.port) => post('/api/resume-codes', { draft }, port);
const redeem = (code: unknown, port = server.port) =>
  post('/api/resume-codes/redeem', { code }, port);

function draft(name = '陈美玲') {
  return {
    version: 1,
    path: '/apply/about-you',
    answers: { productId: 'shop-working-capital', amount: 1_000_000, fullName: name },
    enteredBy: { amount: 'applicant', fullName: 'staff' },
  };
}

function expectError(response: RawResponse, status: number, code: string, field: string | null) {
  expect(response.status).toBe(status);
  expect(response.json).toEqual({ error: { code, message: expect.any(String), field } });
}

function rows() {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return db.prepare('SELECT code_hash, draft, created_at, expires_at FROM resume_codes').all();
  } finally {
    db.close();
  }
}

describe('a resume code', () => {
  it('is made for a draft, valid 48 hours, and gives the draft back once', async () => {
    const made = await create(draft());
    expect(made.status).toBe(201);
    expect(made.headers['cache-control']).toBe('no-store');
    expect(made.json).toEqual({
      code: expect.stringMatching(CODE),
      expiresAt: new Date(clock.getTime() + 48 * HOUR_MS).toISOString(),
    });
    const { code } = made.json as { code: string };
    const typed = `${code.slice(0, 3).toLowerCase()} -${code.slice(3)} `;
    const first = await redeem(typed);
    expect(first.status).toBe(200);
    expect(first.headers['cache-control']).toBe('no-store');
    expect(first.json).toEqual({ draft: draft() });
    expectError(await redeem(code), 404, 'resume-code-unknown', null);
  });

  it('keeps the draft encrypted and only a hash of the code', async () => {
    const { code } = (await create(draft('欧阳娜娜'))).json;
    const stored = JSON.stringify(
      rows().map((row) => Object.values(row as object).map((v) => String(Buffer.from(v as never)))),
    );
    expect(stored).not.toContain('欧阳娜娜');
    expect(stored).not.toContain('about-you');
    expect(stored).not.toContain(code);
    expect((await redeem(code)).json.draft.answers.fullName).toBe('欧阳娜娜');
  });

  it('is unknown after 48 hours, and purged', async () => {
    const { code } = (await create(draft())).json;
    const start = clock;
    clock = new Date(start.getTime() + 48 * HOUR_MS);
    expectError(await redeem(code), 404, 'resume-code-unknown', null);
    expect(rows().length).toBeGreaterThan(0);
    // A server starting (and then every hour) removes the codes that have expired.
    const restarted = await startServer({ dir: server.dir, now: () => clock });
    await restarted.close();
    expect(rows()).toEqual([]);
    clock = start;
  });

  it('answers 404 to a code that was never made, or cannot be one', async () => {
    for (const code of ['222222', 'ABCDE', 'ABCDEFG', 'O0I1L0', '', ' ', 'x'.repeat(65)]) {
      expectError(await redeem(code), 404, 'resume-code-unknown', null);
    }
  });
});

describe('what a resume code is refused for', () => {
  it('a draft over 32 kB (413), and a body over the server limit (413)', async () => {
    const big = { ...draft(), notes: 'x'.repeat(MAX_DRAFT_BYTES) };
    expectError(await create(big), 413, 'body-too-large', 'draft');
    const fits = { ...draft(), notes: '' };
    fits.notes = 'x'.repeat(MAX_DRAFT_BYTES - Buffer.byteLength(JSON.stringify(fits)));
    expect((await create(fits)).status).toBe(201);
    expectError(await create({ ...fits, notes: `${fits.notes}x` }), 413, 'body-too-large', 'draft');
    const huge = await post('/api/resume-codes', {
      draft: { ...draft(), notes: 'x'.repeat(70_000) },
    });
    expect(huge.status).toBe(413);
    expect(huge.json.error.code).toBe('body-too-large');
  });

  it('a draft of the wrong shape, with the field named, storing nothing', async () => {
    const before = rows().length;
    expectError(await create([1, 2]), 422, 'draft-invalid', 'draft');
    expectError(await create('draft'), 422, 'draft-invalid', 'draft');
    expectError(
      await create({ ...draft(), path: '/settings' }),
      422,
      'draft-invalid',
      'draft.path',
    );
    expectError(await create({ ...draft(), path: '/applyx' }), 422, 'draft-invalid', 'draft.path');
    expectError(await create({ version: 1 }), 422, 'draft-invalid', 'draft.path');
    expectError(await post('/api/resume-codes', {}), 422, 'required', 'draft');
    expectError(await post('/api/resume-codes', []), 422, 'wrong-type', null);
    expectError(
      await post('/api/resume-codes', { draft: draft(), code: 'ABCDEF' }),
      422,
      'unknown-field',
      'code',
    );
    expectError(await redeem(123456), 422, 'wrong-type', 'code');
    expectError(await post('/api/resume-codes/redeem', {}), 422, 'required', 'code');
    expect((await post('/api/resume-codes', '{"draft":')).json.error.code).toBe('malformed-json');
    expect(rows().length).toBe(before);
  });
});

describe('guessing', () => {
  it('is limited to 10 redeem attempts per client in 15 minutes, a right code included', async () => {
    const limited = await startServer({ now: () => clock });
    try {
      const { code } = (await create(draft(), limited.port)).json;
      const statuses: number[] = [];
      for (let i = 0; i < 10; i++) {
        statuses.push((await redeem(`2222${String(i).padStart(2, '2')}`, limited.port)).status);
      }
      expect(statuses).toEqual(Array(10).fill(404));
      const eleventh = await redeem(code, limited.port);
      expectError(eleventh, 429, 'rate-limited', null);
      expect(Number(eleventh.headers['retry-after'])).toBeGreaterThan(0);
      // Making codes is limited on its own count, not by the guesses.
      expect((await create(draft(), limited.port)).status).toBe(201);
    } finally {
      await limited.cleanUp();
    }
  });

  it('limits how many drafts one client may keep, as it limits applications', async () => {
    const limited = await startServer({
      now: () => clock,
      config: { rateLimits: { submitMax: 3 } },
    });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await create(draft(), limited.port)).status);
      expect(statuses).toEqual([201, 201, 201, 429]);
      expect((await create(draft(), limited.port)).json.error.code).toBe('rate-limited');
    } finally {
      await limited.cleanUp();
    }
  });
});

describe('normalising what is typed', () => {
  it('ignores case, spaces and dashes, and refuses characters outside the alphabet', () => {
    expect(normaliseResumeCode('7f3 q9c')).toBe('7F3Q9C');
    expect(normaliseResumeCode(' 7F3-Q9C ')).toBe('7F3Q9C');
    expect(normaliseResumeCode('7F3Q90')).toBeNull();
    expect(normaliseResumeCode('7F3Q9I')).toBeNull();
  });
});

describe('logs', () => {
  it('carry neither codes nor drafts', async () => {
    const dir = tempDir();
    const { app, lines } = await loggingServer(dir);
    try {
      const made = await app.inject({
        method: 'POST',
        url: '/api/resume-codes',
        payload: { draft: draft('司马相如') },
      });
      const { code } = made.json();
      const back = await app.inject({
        method: 'POST',
        url: '/api/resume-codes/redeem',
        payload: { code },
      });
      expect(back.statusCode).toBe(200);
      const log = lines.join('');
      expect(log).toContain('/api/resume-codes/redeem');
      for (const secret of [code, '司马相如', 'about-you']) expect(log).not.toContain(secret);
    } finally {
      await app.close();
    }
  });
});
