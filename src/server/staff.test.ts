// Branch staff (issue 8) against the real server on a random port with a temporary SQLite
// file: sign-in, the same answer for an unknown id and a wrong passcode, lock-out, session
// life, `npm run staff:add` end to end, and the staff side of an assisted application.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_FIELDS } from '../loan/application';
import { buildServer } from './app';
import { readConfig } from './config';
import { openSqliteStore } from './sqlite-store';
import { hashPasscode, normaliseStaffId } from './staff';
import type { Store } from './store';
import {
  type RawResponse,
  removeTempDirs,
  request,
  startServer,
  submit,
  type TestServer,
  tempDir,
  validApplication,
} from './test-support';

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;

let clock = new Date('2026-03-02T01:00:00.000Z');
let server: TestServer;
let store: Store;

const LI = { id: 'S-7F3Q', name: 'Li Wei', branch: 'Pudong 3', passcode: 'plum-blossom-42' };
const WANG = { id: 'S-K9MP', name: 'Wang Fang', branch: 'Xuhui 1', passcode: 'lantern-88' };

async function addStaff(into: Store, who: typeof LI) {
  const passcodeHash = await hashPasscode(who.passcode);
  const { passcode: _p, ...account } = who;
  expect(await into.staff.add({ ...account, passcodeHash, createdAt: clock.toISOString() })).toBe(
    true,
  );
}

beforeAll(async () => {
  const dir = tempDir();
  store = openSqliteStore(join(dir, 'kindly.sqlite'));
  await addStaff(store, LI);
  await addStaff(store, WANG);
  server = await startServer({
    dir,
    store,
    now: () => clock,
    config: { rateLimits: { staffSignInMax: 1e6 } },
  });
});

afterAll(async () => {
  await server.cleanUp();
  await store.close();
  removeTempDirs();
});

function json(port: number, method: string, path: string, body: unknown, headers = {}) {
  return request(port, method, path, {
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
}

const signIn = (staffId: string, passcode: string, port = server.port) =>
  json(port, 'POST', '/api/staff/sessions', { staffId, passcode });

const current = (token: string, method = 'GET') =>
  request(server.port, method, '/api/staff/sessions/current', {
    headers: { authorization: `Bearer ${token}` },
  });

function expectError(
  response: RawResponse,
  status: number,
  code: string,
  field: string | null = null,
) {
  expect(response.status).toBe(status);
  expect(response.json.error).toMatchObject({ code, message: expect.any(String), field });
}

describe('staff sign-in', () => {
  it('gives a session for the right id and passcode, however the id is typed', async () => {
    const response = await signIn(' s 7f3q ', LI.passcode);
    expect(response.status).toBe(201);
    expect(response.headers['cache-control']).toBe('no-store');
    expect(response.json).toEqual({
      token: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
      staff: { id: LI.id, name: LI.name, branch: LI.branch },
      expiresAt: new Date(clock.getTime() + 8 * HOUR_MS).toISOString(),
    });
    const session = await current(response.json.token);
    expect(session.status).toBe(200);
    expect(session.json).toEqual({
      staff: { id: LI.id, name: LI.name, branch: LI.branch },
      expiresAt: response.json.expiresAt,
    });
  });

  it('keeps only a hash of the token and of the passcode', async () => {
    const { token } = (await signIn(LI.id, LI.passcode)).json;
    const db = new Database(server.dbPath, { readonly: true });
    try {
      const dump = JSON.stringify([
        db.prepare('SELECT * FROM staff').all(),
        db.prepare('SELECT hex(token_hash) AS hash, staff_id FROM staff_sessions').all(),
      ]);
      expect(dump).not.toContain(LI.passcode);
      expect(dump).not.toContain(token);
      expect(dump).not.toContain(Buffer.from(token, 'base64url').toString('hex').toUpperCase());
      expect(dump).toMatch(/scrypt\$16384\$8\$1\$/);
    } finally {
      db.close();
    }
  });

  it('answers an unknown id exactly as a wrong passcode', async () => {
    const wrong = await signIn(WANG.id, 'not-the-passcode');
    const unknown = await signIn('S-2222', 'not-the-passcode');
    const malformed = await signIn('someone', 'not-the-passcode');
    expectError(wrong, 401, 'staff-sign-in-failed');
    expect(unknown.status).toBe(wrong.status);
    expect(unknown.json).toEqual(wrong.json);
    expect(malformed.json).toEqual(wrong.json);
    // The right passcode afterwards clears the count.
    expect((await signIn(WANG.id, WANG.passcode)).status).toBe(201);
  });

  it('refuses bodies of the wrong shape with the field named', async () => {
    expectError(await json(server.port, 'POST', '/api/staff/sessions', []), 422, 'wrong-type');
    expectError(
      await json(server.port, 'POST', '/api/staff/sessions', { staffId: LI.id }),
      422,
      'required',
      'passcode',
    );
    const extra = await json(server.port, 'POST', '/api/staff/sessions', {
      staffId: LI.id,
      passcode: LI.passcode,
      remember: true,
    });
    expect(extra.json.error).toMatchObject({ code: 'unknown-field', field: 'remember' });
    const number = await json(server.port, 'POST', '/api/staff/sessions', {
      staffId: 7,
      passcode: LI.passcode,
    });
    expect(number.json.error).toMatchObject({ code: 'wrong-type', field: 'staffId' });
  });
});

describe('lock-out', () => {
  it('locks an id after 5 wrong passcodes in a row, even against the right one, until the time passes', async () => {
    const start = clock;
    for (let i = 1; i <= 4; i++) {
      expectError(await signIn(LI.id, `wrong-${i}`), 401, 'staff-sign-in-failed');
    }
    const fifth = await signIn(LI.id, 'wrong-5');
    const lockedUntil = new Date(start.getTime() + 15 * MINUTE_MS).toISOString();
    expect(fifth.status).toBe(423);
    expect(fifth.json).toEqual({
      error: {
        code: 'staff-locked',
        message: expect.stringContaining(lockedUntil),
        field: null,
        lockedUntil,
      },
    });
    clock = new Date(start.getTime() + 14 * MINUTE_MS);
    const locked = await signIn(LI.id, LI.passcode);
    expect(locked.status).toBe(423);
    expect(locked.json.error.lockedUntil).toBe(lockedUntil);
    // Another account is not affected.
    expect((await signIn(WANG.id, WANG.passcode)).status).toBe(201);
    clock = new Date(start.getTime() + 15 * MINUTE_MS + 1);
    expect((await signIn(LI.id, LI.passcode)).status).toBe(201);
  });

  it('counts afresh after a lock has passed, and a success resets the count', async () => {
    for (let i = 0; i < 4; i++) expect((await signIn(WANG.id, 'nope-nope')).status).toBe(401);
    expect((await signIn(WANG.id, WANG.passcode)).status).toBe(201);
    for (let i = 0; i < 4; i++) expect((await signIn(WANG.id, 'nope-nope')).status).toBe(401);
    expect((await signIn(WANG.id, 'nope-nope')).status).toBe(423);
    clock = new Date(clock.getTime() + 16 * MINUTE_MS);
    expect((await signIn(WANG.id, 'nope-nope')).status).toBe(401);
    expect((await signIn(WANG.id, WANG.passcode)).status).toBe(201);
  });

  it('counts guesses sent all at once one by one: no more than 5 are tried, not even the right passcode after them', async () => {
    const id = 'S-4444';
    const passcode = 'quince-tree-7';
    await addStaff(store, { id, name: 'Chen Jie', branch: 'Minhang 2', passcode });
    const guesses = Array.from({ length: 8 }, (_, i) => signIn(id, `guess-${i}`));
    const answers = await Promise.all([...guesses, signIn(id, passcode)]);
    const statuses = answers.map((a) => a.status);
    // Sent together, they are answered in the order they came: four refusals, the fifth locks.
    expect(statuses.filter((s) => s === 401)).toHaveLength(4);
    expect(statuses.filter((s) => s === 423)).toHaveLength(5);
    expect(statuses).not.toContain(201);
  });

  it('locks an unknown id the same way, so locking tells nothing about which ids exist', async () => {
    const answers: RawResponse[] = [];
    for (let i = 0; i < 6; i++) answers.push(await signIn('S-3333', 'guess-guess'));
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 401, 423, 423]);
  });
});

describe('staff sessions', () => {
  it('last 8 hours, then answer 401', async () => {
    const { token } = (await signIn(LI.id, LI.passcode)).json;
    const start = clock;
    clock = new Date(start.getTime() + 8 * HOUR_MS - 1);
    expect((await current(token)).status).toBe(200);
    clock = new Date(start.getTime() + 8 * HOUR_MS);
    expectError(await current(token), 401, 'staff-session-invalid');
  });

  it('end when asked, and a made-up or missing token is 401', async () => {
    const { token } = (await signIn(LI.id, LI.passcode)).json;
    const ended = await current(token, 'DELETE');
    expect(ended.status).toBe(204);
    expect(ended.text).toBe('');
    expectError(await current(token), 401, 'staff-session-invalid');
    expectError(await current(token, 'DELETE'), 401, 'staff-session-invalid');
    expectError(await current('made-up'), 401, 'staff-session-invalid');
    const missing = await request(server.port, 'GET', '/api/staff/sessions/current');
    expectError(missing, 401, 'staff-session-invalid');
  });

  it('follow KINDLY_STAFF_SESSION_HOURS and KINDLY_STAFF_LOCK_MINUTES', async () => {
    const dir = tempDir();
    const other = openSqliteStore(join(dir, 'kindly.sqlite'));
    await addStaff(other, LI);
    const short = await startServer({
      dir,
      store: other,
      now: () => clock,
      config: { staffSessionHours: 1, staffLockMinutes: 2 },
    });
    try {
      const session = await signIn(LI.id, LI.passcode, short.port);
      expect(session.json.expiresAt).toBe(new Date(clock.getTime() + HOUR_MS).toISOString());
      let last: RawResponse | undefined;
      for (let i = 0; i < 5; i++) last = await signIn(LI.id, 'wrong-wrong', short.port);
      expect(last?.json.error.lockedUntil).toBe(
        new Date(clock.getTime() + 2 * MINUTE_MS).toISOString(),
      );
    } finally {
      await short.cleanUp();
      await other.close();
    }
  });

  it('are limited per client', async () => {
    const limited = await startServer({ config: { rateLimits: { staffSignInMax: 3 } } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await signIn('S-2345', 'x', limited.port)).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await limited.cleanUp();
    }
  });
});

describe('what the server forgets', () => {
  it('ended sessions at start and every hour, failed sign-ins after a day', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'kindly.sqlite');
    const own = openSqliteStore(dbPath);
    await addStaff(own, LI);
    const start = clock;
    const first = await startServer({ dir, store: own, now: () => clock });
    try {
      await signIn(LI.id, LI.passcode, first.port);
      await signIn('S-4444', 'wrong-wrong', first.port);
      clock = new Date(start.getTime() + 23 * HOUR_MS);
      await signIn('S-5555', 'wrong-wrong', first.port);
    } finally {
      await first.close();
    }
    clock = new Date(start.getTime() + 24 * HOUR_MS + 1);
    const again = await startServer({ dir, store: own, now: () => clock });
    await again.close();
    const db = new Database(dbPath, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) FROM staff_sessions').pluck().get()).toBe(0);
      expect(db.prepare('SELECT staff_id FROM staff_sign_in_failures').pluck().all()).toEqual([
        'S-5555',
      ]);
    } finally {
      db.close();
      await own.close();
      clock = start;
    }
  });
});

describe('configuration', () => {
  it('reads the staff and resume-code settings, and refuses bad values naming the variable', () => {
    expect(readConfig({})).toMatchObject({
      staffSessionHours: 8,
      staffLockMinutes: 15,
      rateLimits: { staffSignInMax: 30, redeemMax: 10 },
    });
    expect(
      readConfig({
        KINDLY_STAFF_SESSION_HOURS: '10',
        KINDLY_STAFF_LOCK_MINUTES: '30',
        KINDLY_STAFF_SIGN_IN_MAX: '100',
        KINDLY_RESUME_REDEEM_MAX: '20',
      }),
    ).toMatchObject({
      staffSessionHours: 10,
      staffLockMinutes: 30,
      rateLimits: { staffSignInMax: 100, redeemMax: 20 },
    });
    expect(() => readConfig({ KINDLY_STAFF_SESSION_HOURS: '0' })).toThrow(
      /KINDLY_STAFF_SESSION_HOURS/,
    );
    expect(() => readConfig({ KINDLY_STAFF_LOCK_MINUTES: 'soon' })).toThrow(
      /KINDLY_STAFF_LOCK_MINUTES/,
    );
    expect(() => readConfig({ KINDLY_RESUME_REDEEM_MAX: '-1' })).toThrow(
      /KINDLY_RESUME_REDEEM_MAX/,
    );
  });
});

describe('npm run staff:add', () => {
  function staffAdd(dbPath: string, args: string[], input: string) {
    return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/staff-add.ts', ...args], {
        env: { ...process.env, KINDLY_DB: dbPath },
        stdio: ['pipe', 'pipe', 'pipe'],
      });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk) => (stdout += chunk));
      child.stderr.on('data', (chunk) => (stderr += chunk));
      child.on('close', (code) => resolve({ code, stdout, stderr }));
      child.stdin.end(input);
    });
  }

  it('makes an account from a piped passcode, which then signs in', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'kindly.sqlite');
    const made = await staffAdd(
      dbPath,
      ['--name', '  Zhou   Min ', '--branch', 'Jing’an 2'],
      'orchid-2026\norchid-2026\n',
    );
    expect(made.stderr).toContain('Zhou Min, Jing’an 2');
    expect(made.code).toBe(0);
    const id = made.stdout.trim();
    expect(normaliseStaffId(id)).toBe(id);
    const started = await startServer({ dir });
    try {
      const session = await signIn(id, 'orchid-2026', started.port);
      expect(session.status).toBe(201);
      expect(session.json.staff).toEqual({ id, name: 'Zhou Min', branch: 'Jing’an 2' });
      expect((await signIn(id, 'orchid-2027', started.port)).status).toBe(401);
    } finally {
      await started.cleanUp();
    }
  }, 30_000);

  it('refuses a short passcode, two different ones, or a missing name, making nothing', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'kindly.sqlite');
    const short = await staffAdd(dbPath, ['--name', 'A', '--branch', 'B'], 'abc12\n');
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('at least 6 characters');
    const differ = await staffAdd(dbPath, ['--name', 'A', '--branch', 'B'], 'abcdef\nabcdeg\n');
    expect(differ.code).toBe(1);
    expect(differ.stderr).toContain('not the same');
    const nameless = await staffAdd(dbPath, ['--branch', 'B'], 'abcdef\n');
    expect(nameless.code).toBe(1);
    expect(nameless.stderr).toContain('--name');
    for (const run of [short, differ, nameless]) expect(run.stdout).toBe('');
    // Everything is checked before the database is opened: not even the file was made.
    expect(existsSync(dbPath)).toBe(false);
  }, 30_000);
});

const enteredBy = {
  ...Object.fromEntries(ANSWER_FIELDS.map((field) => [field, 'applicant'])),
  fullName: 'staff',
  idNumber: 'staff',
  teachBack: 'applicant',
  declaration: 'applicant',
};
const assistedBy = (staffId: string, extra: Record<string, unknown> = {}) =>
  validApplication((b) => {
    b.assisted = {
      staffId,
      branch: 'Pudong 3',
      enteredBy: { ...enteredBy, ...extra } as never,
    };
  });

describe('an assisted application', () => {
  it('is stored with who helped and who entered each answer, and its summary says who helped', async () => {
    const { token } = (await signIn(LI.id, LI.passcode)).json;
    const sent = await submit(server.port, assistedBy(LI.id), undefined, {
      'kindly-staff-session': token,
    });
    expect(sent.status).toBe(201);
    const db = new Database(server.dbPath, { readonly: true });
    try {
      const body = db
        .prepare('SELECT body FROM applications WHERE id = ?')
        .pluck()
        .get(sent.json.id) as string;
      expect(JSON.parse(body).assisted).toEqual({ staffId: LI.id, branch: 'Pudong 3', enteredBy });
    } finally {
      db.close();
    }
    const seen = await request(server.port, 'GET', `/api/applications/${sent.json.id}`, {
      headers: { authorization: `Bearer ${sent.json.accessToken}` },
    });
    expect(seen.json.summary.assisted).toEqual({ staffName: LI.name, branch: 'Pudong 3' });
  });

  it('has no assisted part in the summary when nobody helped', async () => {
    const sent = await submit(server.port, validApplication());
    const seen = await request(server.port, 'GET', `/api/applications/${sent.json.id}`, {
      headers: { authorization: `Bearer ${sent.json.accessToken}` },
    });
    expect(seen.status).toBe(200);
    expect(seen.json.summary).not.toHaveProperty('assisted');
  });

  it('is accepted when queued offline and the session has expired since, or is not sent', async () => {
    const { token } = (await signIn(LI.id, LI.passcode)).json;
    clock = new Date(clock.getTime() + 9 * HOUR_MS);
    expect((await current(token)).status).toBe(401);
    const expired = await submit(server.port, assistedBy(LI.id), undefined, {
      'kindly-staff-session': token,
    });
    expect(expired.status).toBe(201);
    expect((await submit(server.port, assistedBy(LI.id))).status).toBe(201);
  });

  it("is refused for an unknown staff id, or with another staff member's live session", async () => {
    const unknown = await submit(server.port, assistedBy('S-2222'));
    expectError(unknown, 422, 'staff-unknown', 'assisted.staffId');
    const { token } = (await signIn(WANG.id, WANG.passcode)).json;
    const mismatch = await submit(server.port, assistedBy(LI.id), undefined, {
      'kindly-staff-session': token,
    });
    expectError(mismatch, 403, 'staff-session-mismatch', 'assisted.staffId');
  });

  it('refuses a claim that staff answered the teach-back, the declaration or the safety question', async () => {
    for (const field of ['teachBack', 'declaration', 'pressured']) {
      const response = await submit(server.port, assistedBy(LI.id, { [field]: 'staff' }));
      expectError(response, 422, 'applicant-only', `assisted.enteredBy.${field}`);
    }
  });
});

describe('logs', () => {
  it('carry neither passcodes, tokens, staff names nor staff ids', async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const dir = tempDir();
    const own = openSqliteStore(join(dir, 'kindly.sqlite'));
    await addStaff(own, LI);
    const app = await buildServer({
      store: own,
      config: { dbPath: join(dir, 'kindly.sqlite'), distDir: null, logLevel: 'info' },
      logStream: stream,
    });
    try {
      const post = (url: string, payload: object, headers = {}) =>
        app.inject({
          method: 'POST',
          url,
          headers: { 'content-type': 'application/json', ...headers },
          payload,
        });
      const wrong = await post('/api/staff/sessions', {
        staffId: LI.id,
        passcode: 'wrong-passcode',
      });
      expect(wrong.statusCode).toBe(401);
      const signedIn = await post('/api/staff/sessions', { staffId: LI.id, passcode: LI.passcode });
      const { token } = signedIn.json();
      await app.inject({
        method: 'GET',
        url: '/api/staff/sessions/current',
        headers: { authorization: `Bearer ${token}` },
      });
      const sent = await post('/api/applications', assistedBy(LI.id), {
        'idempotency-key': crypto.randomUUID(),
        'kindly-staff-session': token,
      });
      expect(sent.statusCode).toBe(201);
      const log = lines.join('');
      expect(log).toContain('/api/staff/sessions');
      for (const secret of [LI.passcode, 'wrong-passcode', token, LI.name, LI.id, '王小明']) {
        expect(log).not.toContain(secret);
      }
    } finally {
      await app.close();
      await own.close();
    }
  });
});
