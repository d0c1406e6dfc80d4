// Branch staff against the real server on a random port with a temporary SQLite
// file: sign-in, the same answer for an unknown id and a wrong passcode, lock-out that a
// stranger cannot turn against staff, passcode hashes, session life, `npm run staff:add` end
// to end, and the staff side of an assisted application (attestations).

import { spawn } from 'node:child_process';
import { randomBytes, scryptSync } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ANSWER_FIELDS } from '../loan/application';
import { buildServer } from './app';
import { readConfig } from './config';
import { openSqliteStore } from './sqlite-store';
import {
  hashPasscode,
  normaliseStaffId,
  PASSCODE_COST,
  passcodeMatches,
  TEST_ONLY_PASSCODE_COST,
} from './staff';
import { signAttestation } from './staff-proofs';
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
  expect(
    await into.staff.add({
      ...account,
      role: 'branch',
      passcodeHash,
      createdAt: clock.toISOString(),
    }),
  ).toBe(true);
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

const signIn = (staffId: string, passcode: string, port = server.port, deviceToken?: string) =>
  json(port, 'POST', '/api/staff/sessions', {
    staffId,
    passcode,
    ...(deviceToken ? { deviceToken } : {}),
  });

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
      staff: { id: LI.id, name: LI.name, branch: LI.branch, role: 'branch' },
      expiresAt: new Date(clock.getTime() + 8 * HOUR_MS).toISOString(),
      issuedAt: clock.toISOString(),
      attestation: expect.stringMatching(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/),
      deviceToken: expect.stringMatching(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{43}$/),
    });
    const session = await current(response.json.token);
    expect(session.status).toBe(200);
    expect(session.json).toEqual({
      staff: { id: LI.id, name: LI.name, branch: LI.branch, role: 'branch' },
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
      expect(dump).toMatch(/\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
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

  it("restarts a device's own count on its success, never the count other clients share", async () => {
    const who = { id: 'S-6666', name: 'Sun Li', branch: 'Pudong 3', passcode: 'peach-tree-3' };
    await addStaff(store, who);
    const device = (await signIn(who.id, who.passcode)).json.deviceToken;
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 4; i++) {
        expect((await signIn(who.id, 'nope-nope', server.port, device)).status).toBe(401);
      }
      expect((await signIn(who.id, who.passcode, server.port, device)).status).toBe(201);
    }
    // Without the device token: four failures, a success, and the fifth failure still locks.
    for (let i = 0; i < 4; i++) expect((await signIn(who.id, 'nope-nope')).status).toBe(401);
    expect((await signIn(who.id, who.passcode)).status).toBe(201);
    expect((await signIn(who.id, 'nope-nope')).status).toBe(423);
    clock = new Date(clock.getTime() + 16 * MINUTE_MS);
    expect((await signIn(who.id, 'nope-nope')).status).toBe(401);
    expect((await signIn(who.id, who.passcode)).status).toBe(201);
  });

  it("cannot be turned by a stranger against a staff member's own tablet, however long they keep at it", async () => {
    const who = { id: 'S-7777', name: 'Zhao Lei', branch: 'Xuhui 1', passcode: 'willow-21' };
    await addStaff(store, who);
    const tablet = (await signIn(who.id, who.passcode)).json.deviceToken as string;
    const [payload, signature] = tablet.split('.') as [string, string];
    const forged = `${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;
    const othersDevice = (await signIn(LI.id, LI.passcode)).json.deviceToken;
    const start = clock;
    // A stranger on the same network (here the same address) guesses all day long, with no
    // device token, with a forged one, and with another staff member's.
    const strangers: number[] = [];
    for (let minute = 0; minute < 8 * 60; minute += 5) {
      clock = new Date(start.getTime() + minute * MINUTE_MS);
      for (const token of [undefined, forged, othersDevice]) {
        strangers.push((await signIn(who.id, `guess-${minute}`, server.port, token)).status);
      }
      // ...and the staff member can sign in on their tablet at any moment of it.
      if (minute % 60 === 0) {
        expect((await signIn(who.id, who.passcode, server.port, tablet)).status).toBe(201);
      }
    }
    expect(strangers).not.toContain(201);
    // The stranger got 5 guesses per lock: no more than 5 in every 15 minutes.
    const tried = strangers.filter((status) => status === 401).length;
    expect(tried).toBeLessThanOrEqual(4 * Math.ceil((8 * 60) / 15));
    expect(strangers.filter((status) => status === 423).length).toBeGreaterThan(tried);
    clock = start;
  });

  it("slows guessing on a staff member's tablet too, without shutting their other tablets", async () => {
    const who = { id: 'S-8888', name: 'Qian Yu', branch: 'Minhang 2', passcode: 'camellia-9' };
    await addStaff(store, who);
    const first = (await signIn(who.id, who.passcode)).json.deviceToken;
    const second = (await signIn(who.id, who.passcode)).json.deviceToken;
    expect(second).not.toBe(first);
    const answers: number[] = [];
    for (let i = 0; i < 6; i++) {
      answers.push((await signIn(who.id, `wrong-${i}`, server.port, first)).status);
    }
    expect(answers).toEqual([401, 401, 401, 401, 423, 423]);
    expect((await signIn(who.id, who.passcode, server.port, first)).status).toBe(423);
    expect((await signIn(who.id, who.passcode, server.port, second)).status).toBe(201);
    clock = new Date(clock.getTime() + 15 * MINUTE_MS + 1);
    expect((await signIn(who.id, who.passcode, server.port, first)).status).toBe(201);
  });

  it("does not count a tablet's sign-ins against the allowance of the address a stranger shares", async () => {
    const dir = tempDir();
    const own = openSqliteStore(join(dir, 'kindly.sqlite'));
    await addStaff(own, LI);
    const limited = await startServer({
      dir,
      store: own,
      now: () => clock,
      config: { rateLimits: { staffSignInMax: 3 } },
    });
    try {
      const tablet = (await signIn(LI.id, LI.passcode, limited.port)).json.deviceToken;
      const stranger: number[] = [];
      for (let i = 0; i < 4; i++) {
        stranger.push((await signIn(LI.id, `guess-${i}`, limited.port)).status);
      }
      expect(stranger).toEqual([401, 401, 429, 429]);
      for (let i = 0; i < 5; i++) {
        expect((await signIn(LI.id, LI.passcode, limited.port, tablet)).status).toBe(201);
      }
    } finally {
      await limited.cleanUp();
      await own.close();
    }
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
      expect(session.json.staff).toEqual({
        id,
        name: 'Zhou Min',
        branch: 'Jing’an 2',
        role: 'branch',
      });
      expect((await signIn(id, 'orchid-2027', started.port)).status).toBe(401);
    } finally {
      await started.cleanUp();
    }
  }, 30_000);

  it('makes a reviewer with --role reviewer, and refuses a role it does not know', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'kindly.sqlite');
    const unknown = await staffAdd(
      dbPath,
      ['--name', 'Gao Lan', '--branch', 'Head office', '--role', 'manager'],
      'willow-3030\n',
    );
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('"reviewer"');
    expect(existsSync(dbPath)).toBe(false);
    const made = await staffAdd(
      dbPath,
      ['--name', 'Gao Lan', '--branch', 'Head office', '--role', 'reviewer'],
      'willow-3030\n',
    );
    expect(made.stderr).toContain('Reviewer account made for Gao Lan');
    const id = made.stdout.trim();
    const started = await startServer({ dir });
    try {
      const session = await signIn(id, 'willow-3030', started.port);
      expect(session.json.staff).toMatchObject({ id, role: 'reviewer' });
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

describe('passcode hashes', () => {
  it('made before Argon2id (scrypt) still sign in, and are made Argon2id at that sign-in', async () => {
    const salt = randomBytes(16);
    const key = scryptSync('old-lotus-5', salt, 32, { N: 16_384, r: 8, p: 1 });
    const scryptHash = [
      'scrypt',
      16_384,
      8,
      1,
      salt.toString('base64url'),
      key.toString('base64url'),
    ].join('$');
    const id = 'S-9999';
    expect(
      await store.staff.add({
        id,
        name: 'Zhou Yi',
        branch: 'Pudong 3',
        role: 'branch',
        passcodeHash: scryptHash,
        createdAt: clock.toISOString(),
      }),
    ).toBe(true);
    expect((await signIn(id, 'old-lotus-6')).status).toBe(401);
    expect((await store.staff.get(id))?.passcodeHash).toBe(scryptHash);
    expect((await signIn(id, 'old-lotus-5')).status).toBe(201);
    const rehashed = (await store.staff.get(id))?.passcodeHash ?? '';
    expect(rehashed).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await passcodeMatches('old-lotus-5', rehashed)).toBe(true);
    expect((await signIn(id, 'old-lotus-5')).status).toBe(201);
    expect((await store.staff.get(id))?.passcodeHash).toBe(rehashed);
  });

  it('of a lower cost are made again at the standard cost, which a test-only setting alone lowers', async () => {
    const id = 'S-9998';
    const weak = await hashPasscode('magnolia-77', TEST_ONLY_PASSCODE_COST);
    expect(weak).toMatch(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    await store.staff.add({
      id,
      name: 'Wu Di',
      branch: 'Pudong 3',
      role: 'branch',
      passcodeHash: weak,
      createdAt: clock.toISOString(),
    });
    expect((await signIn(id, 'magnolia-77')).status).toBe(201);
    expect((await store.staff.get(id))?.passcodeHash).toMatch(
      new RegExp(
        `^\\$argon2id\\$v=19\\$m=${PASSCODE_COST.memoryCost},t=${PASSCODE_COST.timeCost},p=1\\$`,
      ),
    );
    expect(Object.keys(readConfig({}))).not.toContain('passcodeCost');
  });
});

const enteredBy = {
  ...Object.fromEntries(ANSWER_FIELDS.map((field) => [field, 'applicant'])),
  fullName: 'staff',
  idNumber: 'staff',
  teachBack: 'applicant',
  declaration: 'applicant',
};
const assistedBy = (
  staffId: string,
  proof: { attestation?: string; madeAt?: string } = {},
  extra: Record<string, unknown> = {},
) =>
  validApplication((b) => {
    b.assisted = {
      staffId,
      branch: 'Any branch the body likes',
      enteredBy: { ...enteredBy, ...extra } as never,
      ...proof,
    };
  });

function storedBody(id: string) {
  const db = new Database(server.dbPath, { readonly: true });
  try {
    return JSON.parse(
      db.prepare('SELECT body FROM applications WHERE id = ?').pluck().get(id) as string,
    );
  } finally {
    db.close();
  }
}

const view = (sent: RawResponse) =>
  request(server.port, 'GET', `/api/applications/${sent.json.id}`, {
    headers: { authorization: `Bearer ${sent.json.accessToken}` },
  });

const later = (iso: string, ms: number) => new Date(Date.parse(iso) + ms).toISOString();

describe('an assisted application', () => {
  it("counts as entered by staff when its attestation verifies, with the staff member's own branch", async () => {
    const session = (await signIn(LI.id, LI.passcode)).json;
    const madeAt = later(session.issuedAt, 10 * MINUTE_MS);
    clock = new Date(Date.parse(madeAt) + 1000);
    const sent = await submit(
      server.port,
      assistedBy(LI.id, { attestation: session.attestation, madeAt }),
    );
    expect(sent.status).toBe(201);
    const stored = storedBody(sent.json.id);
    expect(stored.assisted).toEqual({ staffId: LI.id, branch: LI.branch, madeAt, enteredBy });
    expect(stored).not.toHaveProperty('staffClaim');
    expect((await view(sent)).json.summary.assisted).toEqual({
      staffName: LI.name,
      branch: LI.branch,
    });
  });

  it('counts when made offline while the sign-in lasted and sent after it ended', async () => {
    const session = (await signIn(WANG.id, WANG.passcode)).json;
    const madeAt = later(session.expiresAt, -1);
    clock = new Date(Date.parse(session.expiresAt) + 3 * 24 * HOUR_MS);
    const sent = await submit(
      server.port,
      assistedBy(WANG.id, { attestation: session.attestation, madeAt }),
    );
    expect(sent.status).toBe(201);
    expect(storedBody(sent.json.id).assisted).toMatchObject({
      staffId: WANG.id,
      branch: WANG.branch,
      madeAt,
    });
  });

  it('is not counted as staff help with a forged, altered, borrowed or expired attestation, and says so', async () => {
    const li = (await signIn(LI.id, LI.passcode)).json;
    const wang = (await signIn(WANG.id, WANG.passcode)).json;
    const during = later(li.issuedAt, MINUTE_MS);
    const [payload, signature] = li.attestation.split('.');
    const altered = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    altered.branch = 'Xuhui 1';
    altered.expiresAt = later(altered.expiresAt, 24 * HOUR_MS);
    const alteredToken = `${Buffer.from(JSON.stringify(altered)).toString('base64url')}.${signature}`;
    const otherServer = signAttestation(randomBytes(32), {
      staffId: LI.id,
      branch: LI.branch,
      issuedAt: li.issuedAt,
      expiresAt: li.expiresAt,
    });
    clock = new Date(Date.parse(during) + 1000);
    const cases: [Record<string, string>, string][] = [
      [{}, 'no-attestation'],
      [{ attestation: 'made-up.token', madeAt: during }, 'attestation-invalid'],
      [{ attestation: alteredToken, madeAt: during }, 'attestation-invalid'],
      [{ attestation: otherServer, madeAt: during }, 'attestation-invalid'],
      [{ attestation: wang.attestation, madeAt: during }, 'other-staff'],
      [{ attestation: li.attestation }, 'no-time'],
      [{ attestation: li.attestation, madeAt: later(li.issuedAt, -1) }, 'before-sign-in'],
      [{ attestation: li.attestation, madeAt: li.expiresAt }, 'after-session'],
      [
        { attestation: li.attestation, madeAt: later(clock.toISOString(), 3 * MINUTE_MS) },
        'in-the-future',
      ],
    ];
    for (const [proof, reason] of cases) {
      const sent = await submit(server.port, assistedBy(LI.id, proof));
      expect(sent.status, reason).toBe(201);
      const stored = storedBody(sent.json.id);
      expect(stored.assisted, reason).toBeNull();
      expect(stored.staffClaim, reason).toEqual({ staffId: LI.id, verified: false, reason });
      expect((await view(sent)).json.summary, reason).not.toHaveProperty('assisted');
    }
    // An attestation that expired long ago, sent with a time inside it, is still only as
    // good as that time: the claim is then about a past sign-in, not a new one.
    clock = new Date(Date.parse(li.expiresAt) + HOUR_MS);
    const stale = await submit(
      server.port,
      assistedBy(LI.id, { attestation: li.attestation, madeAt: clock.toISOString() }),
    );
    expect(storedBody(stale.json.id).staffClaim).toMatchObject({ reason: 'after-session' });
  });

  it('answers an unknown staff id exactly as a known one', async () => {
    const unknown = await submit(server.port, assistedBy('S-2222'));
    const known = await submit(server.port, assistedBy(LI.id));
    expect(unknown.status).toBe(201);
    expect(known.status).toBe(201);
    expect(Object.keys(unknown.json)).toEqual(Object.keys(known.json));
    expect(storedBody(unknown.json.id).staffClaim).toEqual({
      staffId: 'S-2222',
      verified: false,
      reason: 'no-attestation',
    });
  });

  it('sent again with a fresher proof is the same application, and keeps its first answer', async () => {
    const session = (await signIn(LI.id, LI.passcode)).json;
    const key = crypto.randomUUID();
    const made = later(session.issuedAt, MINUTE_MS);
    clock = new Date(Date.parse(made) + 2 * MINUTE_MS);
    const first = await submit(
      server.port,
      assistedBy(LI.id, { attestation: session.attestation, madeAt: made }),
      key,
    );
    const again = await submit(
      server.port,
      assistedBy(LI.id, { attestation: session.attestation, madeAt: later(made, MINUTE_MS) }),
      key,
    );
    expect(first.status).toBe(201);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.json.id).toBe(first.json.id);
    expect(storedBody(first.json.id).assisted.madeAt).toBe(made);
  });

  it('has no assisted part in the summary when nobody helped', async () => {
    const sent = await submit(server.port, validApplication());
    const seen = await view(sent);
    expect(seen.status).toBe(200);
    expect(seen.json.summary).not.toHaveProperty('assisted');
  });

  it('refuses a claim that staff answered the teach-back, the declaration or the safety question', async () => {
    for (const field of ['teachBack', 'declaration', 'pressured']) {
      const response = await submit(server.port, assistedBy(LI.id, {}, { [field]: 'staff' }));
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
      const { attestation, issuedAt } = signedIn.json();
      const sent = await post(
        '/api/applications',
        assistedBy(LI.id, { attestation, madeAt: issuedAt }),
        {
          'idempotency-key': crypto.randomUUID(),
        },
      );
      expect(sent.statusCode).toBe(201);
      const log = lines.join('');
      expect(log).toContain('/api/staff/sessions');
      for (const secret of [
        LI.passcode,
        'wrong-passcode',
        token,
        attestation,
        LI.name,
        LI.id,
        '王小明',
      ]) {
        expect(log).not.toContain(secret);
      }
    } finally {
      await app.close();
      await own.close();
    }
  });
});
