// Two real server processes (src/server/main.ts, as `npm start` runs it) on one PostgreSQL
// database: every guarantee holds whichever process a request reaches. Skipped, with a line
// saying so, when PostgreSQL is not installed.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPgStore } from './pg-store';
import { freePort, postgresAvailable, startTestCluster, type TestCluster } from './pg-test-cluster';
import { hashPasscode, TEST_ONLY_PASSCODE_COST } from './staff';
import { request, submit, validApplication } from './test-support';

const root = fileURLToPath(new URL('../..', import.meta.url));
const hasPostgres = postgresAvailable();
const DATA_KEY = randomBytes(32);
const STAFF = { id: 'S-7F3Q', name: 'Li Wei', branch: 'Pudong 3', passcode: 'plum-blossom-42' };
const REDEEM_MAX = 4;
const REVIEWERS = ['S-RV2A', 'S-RV3B'] as const;
const REVIEWER_PASSCODE = 'willow-reads-77';

let cluster: TestCluster | null = null;
let url = '';
const servers: { child: ChildProcess; port: number }[] = [];

/** Starts `src/server/main.ts` in a process of its own and waits until it answers. */
async function startProcess(
  port: number,
  extra: Record<string, string> = {},
): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    cwd: root,
    env: {
      ...process.env,
      PORT: String(port),
      KINDLY_DATABASE_URL: url,
      KINDLY_DATA_KEY: DATA_KEY.toString('base64'),
      KINDLY_DIST: 'none',
      KINDLY_LOG_LEVEL: 'warn',
      KINDLY_RESUME_REDEEM_MAX: String(REDEEM_MAX),
      // Every test here submits from 127.0.0.1, counted together in the database.
      KINDLY_RATE_LIMIT_SUBMIT_MAX: '1000',
      ...extra,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let said = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    said += chunk.toString();
  });
  for (let tries = 0; tries < 200; tries++) {
    if (child.exitCode !== null) throw new Error(`the server process ended: ${said}`);
    try {
      if ((await request(port, 'GET', '/api/health')).status === 200) return { child, port };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`the server process did not answer: ${said}`);
}

beforeAll(async () => {
  if (!hasPostgres) return;
  cluster = await startTestCluster();
  url = await cluster.newDatabase();
  // The account exists before the servers start (as `npm run staff:add` would make it).
  const store = await openPgStore(url, { current: DATA_KEY, previous: [], madeFile: null }, 1);
  await store.staff.add({
    id: STAFF.id,
    name: STAFF.name,
    branch: STAFF.branch,
    role: 'branch',
    passcodeHash: await hashPasscode(STAFF.passcode, TEST_ONLY_PASSCODE_COST),
    createdAt: new Date().toISOString(),
  });
  for (const id of REVIEWERS) {
    await store.staff.add({
      id,
      name: `Reviewer ${id}`,
      branch: 'Head office',
      role: 'reviewer',
      passcodeHash: await hashPasscode(REVIEWER_PASSCODE, TEST_ONLY_PASSCODE_COST),
      createdAt: new Date().toISOString(),
    });
  }
  await store.close();
  const ports = [await freePort(), await freePort()];
  while (ports[0] === ports[1]) ports[1] = await freePort();
  servers.push(...(await Promise.all(ports.map((p) => startProcess(p)))));
}, 120_000);

afterAll(async () => {
  await Promise.all(
    servers.map(
      ({ child }) =>
        new Promise((resolve) => {
          child.once('exit', resolve);
          child.kill('SIGTERM');
        }),
    ),
  );
  cluster?.stop();
});

async function countRows(sql: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query(sql)).rows[0].count);
  } finally {
    await client.end();
  }
}

/** Tries a resume code (by default one never made) from a loopback address of the test's own,
 *  so that each test's attempts are counted apart; answers the status. */
function redeemFrom(localAddress: string, to: number, code = 'ABC DEF'): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: to,
        localAddress,
        method: 'POST',
        path: '/api/resume-codes/redeem',
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ code }));
  });
}

const port = (i: number) => servers[i % servers.length]?.port ?? 0;

/** Signs a reviewer in on one process (sessions are in the database: any process knows it). */
async function reviewerToken(id: string): Promise<string> {
  const signedIn = await request(port(0), 'POST', '/api/staff/sessions', {
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ staffId: id, passcode: REVIEWER_PASSCODE }),
  });
  expect(signedIn.status, signedIn.text).toBe(201);
  return signedIn.json.token;
}

/** A reviewer's POST to `path` on process `to`. */
const decide = (to: number, token: string, path: string, body: unknown) =>
  request(port(to), 'POST', `/api/office/applications/${path}`, {
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
  });

describe.skipIf(!hasPostgres)('two server processes on one PostgreSQL database', () => {
  it('store one application for one Idempotency-Key sent to both at the same moment', async () => {
    const before = await countRows('SELECT count(*) FROM applications');
    const rounds = 15;
    for (let round = 0; round < rounds; round++) {
      const key = randomUUID();
      const body = validApplication();
      const answers = await Promise.all([submit(port(0), body, key), submit(port(1), body, key)]);
      for (const answer of answers)
        expect([answer.status, answer.json]).toEqual([201, expect.anything()]);
      expect(answers[1]?.json).toEqual(answers[0]?.json);
    }
    expect(await countRows('SELECT count(*) FROM applications')).toBe(before + rounds);
    expect(await countRows('SELECT count(*) FROM idempotency_keys')).toBe(before + rounds);
  });

  it("give a resume code's draft once, to one of two processes redeeming it at once", async () => {
    for (let round = 0; round < 8; round++) {
      const made = await request(port(0), 'POST', '/api/resume-codes', {
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ draft: { path: '/apply/amount', answers: { amount: 500_000 } } }),
      });
      expect(made.status).toBe(201);
      // Each round from an address of its own, within the per-client limit on attempts.
      const from = `127.0.0.${20 + round}`;
      const answers = await Promise.all([
        redeemFrom(from, port(0), made.json.code),
        redeemFrom(from, port(1), made.json.code),
      ]);
      expect(answers.sort()).toEqual([200, 404]);
    }
  });

  it('count wrong passcodes sent to both together, and lock the id at the fifth', async () => {
    const guesses = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        request(port(i), 'POST', '/api/staff/sessions', {
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ staffId: STAFF.id, passcode: `wrong-guess-${i}` }),
        }),
      ),
    );
    const statuses = guesses.map((g) => g.status).sort();
    expect(statuses).toEqual([401, 401, 401, 401, 423, 423, 423, 423]);
    const right = await request(port(1), 'POST', '/api/staff/sessions', {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ staffId: STAFF.id, passcode: STAFF.passcode }),
    });
    expect(right.status).toBe(423);
  });

  it('let one of two reviewers deciding the same application at once decide it; the other is told it changed', async () => {
    const [first, second] = await Promise.all(REVIEWERS.map(reviewerToken));
    const body = validApplication();
    const decline = { kind: 'decline', from: 'received', reason: 'other-debts' };
    const { amount, months, method } = body;
    const offer = { kind: 'offer', from: 'received', amount, months, method };
    for (let round = 0; round < 8; round++) {
      const sent = await submit(port(round), body);
      expect(sent.status).toBe(201);
      const id: string = sent.json.id;
      const answers = await Promise.all([
        decide(round, first ?? '', `${id}/decision`, round % 2 ? decline : offer),
        decide(round + 1, second ?? '', `${id}/decision`, round % 2 ? offer : decline),
      ]);
      expect(answers.map((a) => a.status).sort(), answers.map((a) => a.text).join('\n')).toEqual([
        200, 409,
      ]);
      const lost = answers.find((a) => a.status === 409);
      expect(lost?.json.error.code).toBe('application-changed');
      const won = answers.find((a) => a.status === 200);
      // One decision in the record, and it is the one that was answered 200.
      const decided = await countRows(
        `SELECT count(*) FROM audit_events WHERE application_id = '${id}' AND action <> 'viewed'`,
      );
      expect(decided).toBe(1);
      const status = await countRows(
        `SELECT count(*) FROM applications WHERE id = '${id}' AND status = '${won?.json.status}'`,
      );
      expect(status).toBe(1);
    }
  });

  it('let a second reviewer agree to an offer once, sent to both processes at once, and never its proposer', async () => {
    const [proposer, other] = await Promise.all(REVIEWERS.map(reviewerToken));
    const approval = { from: 'awaiting-approval' };
    const body = validApplication((b) => {
      b.amount = 4_000_000;
      b.income.monthlyIncomeBand = '20000-plus';
    });
    const { amount, months, method } = body;
    for (let round = 0; round < 4; round++) {
      const sent = await submit(port(round), body);
      expect(sent.status).toBe(201);
      const id: string = sent.json.id;
      const offer = { kind: 'offer', from: 'received', amount, months, method };
      const proposed = await decide(round, proposer ?? '', `${id}/decision`, offer);
      expect(proposed.json.status, proposed.text).toBe('awaiting-approval');
      // Proposed on one process, refused to its proposer on the other.
      const own = await decide(round + 1, proposer ?? '', `${id}/approval`, approval);
      expect([own.status, own.json.error.code]).toEqual([403, 'four-eyes']);
      const answers = await Promise.all([
        decide(round, other ?? '', `${id}/approval`, approval),
        decide(round + 1, other ?? '', `${id}/approval`, approval),
      ]);
      expect(answers.map((a) => a.status).sort(), answers.map((a) => a.text).join('\n')).toEqual([
        200, 409,
      ]);
      expect(
        await countRows(
          `SELECT count(*) FROM audit_events WHERE application_id = '${id}' AND action = 'approve'`,
        ),
      ).toBe(1);
    }
  });

  it("count one client's resume-code attempts together, whichever process answers", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < REDEEM_MAX + 2; i++) {
      statuses.push(await redeemFrom('127.0.0.5', port(i)));
    }
    // Counted per process, each would have allowed REDEEM_MAX: all six would be 404.
    expect(statuses).toEqual([404, 404, 404, 404, 429, 429]);
  });
});

/** The ids of a process's children, from /proc. */
function childrenOf(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map(Number);
}

describe.skipIf(!hasPostgres)('KINDLY_PROCESSES=2', () => {
  it('serves from two processes on one port, replaces one killed, and stops on SIGTERM', async () => {
    const group = await startProcess(await freePort(), {
      KINDLY_PROCESSES: '2',
    });
    const pid = group.child.pid ?? 0;
    const exited = new Promise<number | null>((resolve) => group.child.once('exit', resolve));
    try {
      let workers = childrenOf(pid);
      for (let tries = 0; workers.length < 2 && tries < 100; tries++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        workers = childrenOf(pid);
      }
      expect(workers).toHaveLength(2);
      process.kill(workers[0] ?? 0, 'SIGKILL');
      let now = childrenOf(pid);
      for (
        let tries = 0;
        (now.length < 2 || now.includes(workers[0] ?? 0)) && tries < 100;
        tries++
      ) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        now = childrenOf(pid);
      }
      expect(now).toHaveLength(2);
      expect(now).not.toContain(workers[0]);
      // New connections (fetch's own), once the killed process is gone: a connection it held
      // or was accepting as it died is reset, as any client's would be, and the app sends
      // again.
      // The port is refused while no process listens on it: when the other process was still
      // starting (its health is not asked before the kill), until one of the two is ready.
      const base = `http://127.0.0.1:${group.port}`;
      let health = 0;
      for (let tries = 0; health !== 200 && tries < 150; tries++) {
        health = await fetch(`${base}/api/health`).then(
          (answer) => answer.status,
          () => 0,
        );
        if (health !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
      }
      expect(health).toBe(200);
      const sent = await fetch(`${base}/api/applications`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body: JSON.stringify(validApplication()),
      });
      expect(sent.status).toBe(201);
    } finally {
      group.child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  }, 60_000);
});
