// What the server refuses whatever the route (lone surrogates, deep nesting), the clients it
// stops waiting for (slow headers, slow bodies), and how it stops on SIGTERM: against the real
// server, in this process and as its own process.
import { type ChildProcess, spawn } from 'node:child_process';
import { createServer, Socket } from 'node:net';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stopGracefully } from './app';
import { readConfig } from './config';
import { MAX_JSON_DEPTH, mayHoldSurrogates, nestsDeeperThan } from './json-guard';
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

let server: TestServer;

beforeAll(async () => {
  server = await startServer({
    config: {
      headersTimeoutMs: 1000,
      requestTimeoutMs: 2000,
      rateLimits: { staffSignInMax: 1e6, redeemMax: 1e6 },
    },
  });
});

afterAll(async () => {
  await server.cleanUp();
  removeTempDirs();
});

function expectKindlyError(response: RawResponse, status: number, code: string) {
  expect(response.status, response.text).toBe(status);
  expect(response.json).toEqual({
    error: {
      code,
      message: expect.any(String),
      field: expect.toBeOneOf([null, expect.any(String)]),
    },
  });
}

/** Every route of the OpenAPI document, with a made-up id in its path. */
async function everyRoute(): Promise<{ method: string; path: string }[]> {
  const doc = (await request(server.port, 'GET', '/api/openapi.json')).json;
  const routes: { method: string; path: string }[] = [];
  for (const [path, item] of Object.entries(doc.paths as Record<string, object>)) {
    for (const method of Object.keys(item)) {
      routes.push({
        method: method.toUpperCase(),
        path: path.replace(/\{[^}]+\}/g, '0b6f5d7e-2f51-4c3a-9a57-2a51c3c0d3f1'),
      });
    }
  }
  return routes;
}

const post = (method: string, path: string, body: string) =>
  request(server.port, method, path, {
    headers: {
      'content-type': 'application/json',
      // Node's client would send a DELETE body chunked, which is refused before it is read.
      'content-length': String(Buffer.byteLength(body)),
      'idempotency-key': crypto.randomUUID(),
      authorization: 'Bearer made-up',
    },
    body,
  });

describe('on every route that reads a body', () => {
  it('a lone surrogate, in a value or in a key, is refused with 400 text-not-unicode', async () => {
    const routes = (await everyRoute()).filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual(
      expect.arrayContaining([
        'POST /api/applications',
        'POST /api/staff/sessions',
        'POST /api/resume-codes',
        'POST /api/resume-codes/redeem',
      ]),
    );
    for (const { method, path } of routes) {
      for (const body of ['{"a":"x\\ud800y"}', '{"a":{"\\udc00":1}}', '["\\ud83d"]']) {
        const answer = await post(method, path, body);
        expectKindlyError(answer, 400, 'text-not-unicode');
      }
    }
  });

  it(`nesting deeper than ${MAX_JSON_DEPTH} levels is refused with 400 json-too-deep, never a 500`, async () => {
    const routes = (await everyRoute()).filter((r) => r.method !== 'GET' && r.method !== 'HEAD');
    const deep = (n: number) => `${'['.repeat(n)}${']'.repeat(n)}`;
    for (const { method, path } of routes) {
      expectKindlyError(await post(method, path, deep(MAX_JSON_DEPTH + 1)), 400, 'json-too-deep');
      expectKindlyError(await post(method, path, deep(30_000)), 400, 'json-too-deep');
      // At the limit it is for the route to judge.
      const atLimit = await post(method, path, deep(MAX_JSON_DEPTH));
      expect(atLimit.json?.error?.code).not.toBe('json-too-deep');
    }
    // A resume-code draft nested thousands of levels deep (it answered 500 before).
    const deepDraft = `{"draft":{"version":1,"path":"/apply/amount","answers":${'{"a":'.repeat(5000)}{}${'}'.repeat(5000)}}}`;
    expectKindlyError(await post('POST', '/api/resume-codes', deepDraft), 400, 'json-too-deep');
  });

  it('names the field holding the lone surrogate, and stores nothing', async () => {
    const before = (await request(server.port, 'GET', '/api/health')).status;
    expect(before).toBe(200);
    const cases: [string, (b: Record<string, unknown>) => void][] = [
      [
        'trustedContact.relationship',
        (b) => {
          b.trustedContact = { name: '王芳', phone: '13912345678', relationship: '女\ud800儿' };
        },
      ],
      [
        'assisted.branch',
        (b) => {
          b.assisted = { staffId: 'S-7F3Q', branch: 'Pudong \udfff', enteredBy: {} };
        },
      ],
      [
        'applicant.fullName',
        (b) => {
          (b.applicant as Record<string, unknown>).fullName = '王\udbff小明';
        },
      ],
    ];
    for (const [field, change] of cases) {
      const body = validApplication((b) => change(b as unknown as Record<string, unknown>));
      const answer = await submit(server.port, body);
      expectKindlyError(answer, 400, 'text-not-unicode');
      expect(answer.json.error.field).toBe(field);
    }
    const db = new Database(server.dbPath, { readonly: true });
    try {
      expect(db.prepare('SELECT count(*) FROM applications').pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('accepts characters outside the BMP, written as surrogate pairs', async () => {
    const body = validApplication((b) => {
      b.trustedContact = { name: '王芳', phone: '13912345678', relationship: '女儿 𠮷 😀' };
    });
    expect(
      (await submit(server.port, JSON.stringify(body).replace('😀', '\\ud83d\\ude00'))).status,
    ).toBe(201);
  });
});

describe('the JSON guard', () => {
  it('measures depth on the parsed value, the value itself being level 1', () => {
    expect(nestsDeeperThan(JSON.parse('[["[[[[[["]]'), 2)).toBe(false);
    expect(nestsDeeperThan(JSON.parse('[[[]]]'), 2)).toBe(true);
    expect(nestsDeeperThan({ a: { b: [1, { c: '}}}}' }] } }, 4)).toBe(false);
    expect(nestsDeeperThan({ a: { b: [1, { c: {} }] } }, 4)).toBe(true);
    expect(nestsDeeperThan('text', 0)).toBe(false);
  });

  it('walks for surrogates only when the text has an escape that can make one', () => {
    expect(mayHoldSurrogates('{"a":"女儿 😀"}')).toBe(false);
    expect(mayHoldSurrogates('{"a":"\\u00e9"}')).toBe(false);
    expect(mayHoldSurrogates('{"a":"\\uD83D\\ude00"}')).toBe(true);
    expect(mayHoldSurrogates('{"a":"\\udc00"}')).toBe(true);
  });
});

/** Opens a raw connection and writes `first`: `done` resolves with everything the server
 *  sends until it closes the connection, and how long that took; `write` sends more. */
function rawConnection(port: number, first: string) {
  const start = Date.now();
  const socket = new Socket();
  let text = '';
  const done = new Promise<{ text: string; ms: number }>((resolve, reject) => {
    socket.on('data', (chunk) => (text += chunk.toString('utf8')));
    socket.on('close', () => resolve({ text, ms: Date.now() - start }));
    socket.on('error', (error) => {
      if ((error as NodeJS.ErrnoException).code !== 'ECONNRESET') reject(error);
    });
  });
  const connected = new Promise<void>((resolve) =>
    socket.connect(port, '127.0.0.1', () => {
      socket.write(first);
      resolve();
    }),
  );
  return { done, connected, write: (more: string) => socket.writable && socket.write(more) };
}

function rawExchange(port: number, first: string, then?: { afterMs: number; text: string }) {
  const connection = rawConnection(port, first);
  if (then) setTimeout(() => connection.write(then.text), then.afterMs);
  return connection.done;
}

function kindlyBodyOf(raw: string) {
  const [head = '', body = ''] = raw.split('\r\n\r\n');
  return { head, json: JSON.parse(body) };
}

describe('slow clients', () => {
  it('dripping headers are answered 408 in Kindly shape once KINDLY_HEADERS_TIMEOUT_MS passes', async () => {
    const { text, ms } = await rawExchange(
      server.port,
      'POST /api/applications HTTP/1.1\r\nHost: x\r\nContent-Type: appl',
    );
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(5000);
    const { head, json } = kindlyBodyOf(text);
    expect(head).toMatch(/^HTTP\/1\.1 408 /);
    expect(head).toMatch(/content-type: application\/json/i);
    expect(json).toEqual({
      error: { code: 'request-timeout', message: expect.any(String), field: null },
    });
  }, 10_000);

  it('dripping a body is answered 408 in Kindly shape once KINDLY_REQUEST_TIMEOUT_MS passes', async () => {
    const { text, ms } = await rawExchange(
      server.port,
      'POST /api/applications HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        `Idempotency-Key: ${crypto.randomUUID()}\r\nContent-Length: 500\r\n\r\n{"productId":`,
      { afterMs: 500, text: '"a",' },
    );
    expect(ms).toBeGreaterThanOrEqual(1900);
    expect(ms).toBeLessThan(6000);
    const { head, json } = kindlyBodyOf(text);
    expect(head).toMatch(/^HTTP\/1\.1 408 /);
    expect(json.error.code).toBe('request-timeout');
  }, 10_000);

  it('headers too large are 431 in Kindly shape', async () => {
    const { text } = await rawExchange(
      server.port,
      `GET /api/health HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
    );
    const { head, json } = kindlyBodyOf(text);
    expect(head).toMatch(/^HTTP\/1\.1 431 /);
    expect(json.error.code).toBe('headers-too-large');
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function startProcess(
  dbPath: string,
  port: number,
): Promise<{ child: ChildProcess; log: string[] }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      KINDLY_DB: dbPath,
      KINDLY_DIST: 'none',
      KINDLY_LOG_LEVEL: 'info',
      KINDLY_RATE_LIMIT_MAX: '1000000',
      KINDLY_RATE_LIMIT_SUBMIT_MAX: '1000000',
      KINDLY_STOP_TIMEOUT_MS: '8000',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log: string[] = [];
  return new Promise((resolve, reject) => {
    child.stdout?.on('data', (chunk) => {
      log.push(String(chunk));
      if (log.join('').includes('Server listening')) resolve({ child, log });
    });
    child.stderr?.on('data', (chunk) => log.push(String(chunk)));
    child.on('exit', (code) => reject(new Error(`server exited ${code}: ${log.join('')}`)));
  });
}

type Outcome = { key: string; response?: RawResponse; error?: string };

describe('SIGTERM', () => {
  it('under load loses no acknowledged application, finishes what is in flight, and answers only in Kindly shape', async () => {
    const dir = tempDir();
    const dbPath = join(dir, 'kindly.sqlite');
    const port = await freePort();
    const { child, log } = await startProcess(dbPath, port);
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const body = JSON.stringify(validApplication());

    // In flight when the signal comes: a body half sent. Arriving meanwhile: headers half sent
    // on a connection already open.
    const head = (key: string, length: number) =>
      'POST /api/applications HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
      `Idempotency-Key: ${key}\r\nContent-Length: ${length}\r\n`;
    const length = Buffer.byteLength(body);
    const inFlight = rawConnection(
      port,
      `${head(crypto.randomUUID(), length)}\r\n${body.slice(0, 40)}`,
    );
    const late = rawConnection(port, head(crypto.randomUUID(), length));
    await Promise.all([inFlight.connected, late.connected]);

    // Load: 16 clients sending one application after another until the server is gone.
    const outcomes: Outcome[] = [];
    let stopLoad = false;
    const client = async () => {
      while (!stopLoad) {
        const key = crypto.randomUUID();
        try {
          outcomes.push({ key, response: await submit(port, body, key) });
        } catch (error) {
          outcomes.push({ key, error: (error as NodeJS.ErrnoException).code ?? String(error) });
          if ((error as NodeJS.ErrnoException).code === 'ECONNREFUSED') return;
        }
      }
    };
    const clients = Array.from({ length: 16 }, client);
    await new Promise((resolve) => setTimeout(resolve, 400));
    child.kill('SIGTERM');
    // Once the server is stopping: the rest of the body in flight, and the rest of the headers
    // of the request that comes late.
    while (!log.join('').includes('"msg":"stopping"')) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    inFlight.write(body.slice(40));
    late.write(`\r\n${body}`);
    const code = await exited;
    stopLoad = true;
    await Promise.all(clients);
    const [flight, lateAnswer] = await Promise.all([inFlight.done, late.done]);

    expect(code, log.join('')).toBe(0);
    console.error(outcomes.map((o) => o.error ?? o.response?.status).join(' '));
    expect(log.join('')).toContain('"msg":"stopped"');

    // The request in flight finished and was stored; the one that came during the stop was
    // told to come back, in Kindly's shape.
    expect(flight.text).toMatch(/^HTTP\/1\.1 201 /);
    const lateParts = kindlyBodyOf(lateAnswer.text);
    expect(lateParts.head).toMatch(/^HTTP\/1\.1 503 /);
    expect(lateParts.head).toMatch(/retry-after: 5/i);
    expect(lateParts.json).toEqual({
      error: { code: 'server-stopping', message: expect.any(String), field: null },
    });

    // Connections the server no longer accepts are refused; none already open is cut off
    // with a request on it.
    expect(outcomes.filter((o) => o.error && o.error !== 'ECONNREFUSED')).toEqual([]);
    const answered = outcomes.filter((o) => o.response);
    expect(answered.length).toBeGreaterThan(20);
    for (const { response } of answered) {
      if (response?.status === 201) continue;
      expectKindlyError(response as RawResponse, 503, 'server-stopping');
      expect(response?.headers['retry-after']).toBe('5');
    }

    const db = new Database(dbPath, { readonly: true });
    try {
      const stored = new Set(
        db.prepare('SELECT application_id FROM idempotency_keys').pluck().all() as string[],
      );
      const acknowledged = answered.filter((o) => o.response?.status === 201);
      expect(acknowledged.length).toBeGreaterThan(0);
      for (const o of acknowledged) expect(stored.has(o.response?.json.id)).toBe(true);
      expect(db.prepare('SELECT count(*) FROM applications').pluck().get()).toBe(
        acknowledged.length + 1,
      );
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
  }, 30_000);
});

describe('stopGracefully', () => {
  it('cuts off a request still unfinished when KINDLY_STOP_TIMEOUT_MS has passed, then closes the database', async () => {
    const own = await startServer();
    const stuck = rawConnection(
      own.port,
      'POST /api/applications HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n' +
        `Idempotency-Key: ${crypto.randomUUID()}\r\nContent-Length: 900\r\n\r\n{"a":`,
    );
    await stuck.connected;
    await new Promise((resolve) => setTimeout(resolve, 100));
    const start = Date.now();
    await stopGracefully(own.app, 1500);
    const took = Date.now() - start;
    expect(took).toBeGreaterThanOrEqual(1400);
    expect(took).toBeLessThan(4000);
    expect((await stuck.done).text).toBe('');
    const db = new Database(own.dbPath, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
    await own.cleanUp();
  }, 10_000);
});

describe('configuration', () => {
  it('reads the timeouts, with their documented defaults, and refuses bad values naming the variable', () => {
    expect(readConfig({})).toMatchObject({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 30_000,
      stopTimeoutMs: 10_000,
    });
    expect(
      readConfig({
        KINDLY_HEADERS_TIMEOUT_MS: '5000',
        KINDLY_REQUEST_TIMEOUT_MS: '60000',
        KINDLY_STOP_TIMEOUT_MS: '0',
      }),
    ).toMatchObject({ headersTimeoutMs: 5000, requestTimeoutMs: 60_000, stopTimeoutMs: 0 });
    expect(() => readConfig({ KINDLY_HEADERS_TIMEOUT_MS: '10' })).toThrow(
      /KINDLY_HEADERS_TIMEOUT_MS/,
    );
    expect(() => readConfig({ KINDLY_REQUEST_TIMEOUT_MS: 'slow' })).toThrow(
      /KINDLY_REQUEST_TIMEOUT_MS/,
    );
    expect(() => readConfig({ KINDLY_STOP_TIMEOUT_MS: '-1' })).toThrow(/KINDLY_STOP_TIMEOUT_MS/);
    expect(() =>
      readConfig({ KINDLY_HEADERS_TIMEOUT_MS: '20000', KINDLY_REQUEST_TIMEOUT_MS: '10000' }),
    ).toThrow(/KINDLY_HEADERS_TIMEOUT_MS must not be longer than KINDLY_REQUEST_TIMEOUT_MS/);
  });
});
