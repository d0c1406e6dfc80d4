// Thousands of malformed requests, made by fast-check, against the real server: every answer
// is a 4xx in the one error shape (never a 5xx, never a stack trace) and nothing is stored.
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ApplicationBody } from '../loan/application';
import { isUuid } from './secrets';
import { openSqliteStore } from './sqlite-store';
import { hashPasscode } from './staff';
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
const FUZZ_STAFF = { id: 'S-7F3Q', name: 'Li Wei', branch: 'Pudong 3' };

beforeAll(async () => {
  // The staff member of the full body exists, so that its broken copies are refused for
  // what is broken in them, not for naming nobody.
  const dir = tempDir();
  const store = openSqliteStore(join(dir, 'kindly.sqlite'));
  await store.staff.add({
    ...FUZZ_STAFF,
    role: 'branch',
    passcodeHash: await hashPasscode('fuzz-passcode'),
    createdAt: new Date().toISOString(),
  });
  await store.close();
  // The limits against guessing are tested elsewhere; here every request must be judged.
  server = await startServer({
    dir,
    config: { rateLimits: { staffSignInMax: 1e6, redeemMax: 1e6 } },
  });
});

afterAll(async () => {
  await server.cleanUp();
  removeTempDirs();
});

function expectRefusal(response: RawResponse) {
  if (response.status < 400 || response.status >= 500) {
    throw new Error(`answered ${response.status}: ${response.text.slice(0, 300)}`);
  }
  expect(response.json).toEqual({
    error: {
      code: expect.any(String),
      message: expect.any(String),
      field: expect.toBeOneOf([null, expect.any(String)]),
    },
  });
  // No stack trace or source path in what the server writes itself. (`field` is left out: it
  // names the refused field, which for an unknown one is whatever key was sent, "x.ts" too.)
  const { code, message } = response.json.error;
  expect(`${code} ${message}`).not.toMatch(/\bat .+:\d+:\d+|node_modules|\.ts\b/);
}

// A body with every optional part present, so that its every leaf can be broken.
const full: ApplicationBody = validApplication((b) => {
  b.trustedContact = { name: '王芳', phone: '13912345678', relationship: '女儿' };
  b.assisted = {
    staffId: FUZZ_STAFF.id,
    branch: FUZZ_STAFF.branch,
    enteredBy: { fullName: 'staff', teachBack: 'applicant' },
    attestation: 'not-a-real-attestation',
    madeAt: '2026-03-02T01:00:00.000Z',
  };
});

type Path = string[];

function pathsOf(value: unknown, prefix: Path = []): { path: Path; value: unknown }[] {
  const here = prefix.length > 0 ? [{ path: prefix, value }] : [];
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return [
      ...here,
      ...Object.entries(value).flatMap(([key, inner]) => pathsOf(inner, [...prefix, key])),
    ];
  }
  return here;
}

const everyPath = pathsOf(full);
const objectPaths = [
  [],
  ...everyPath.filter((p) => typeof p.value === 'object').map((p) => p.path),
];
// Optional parts may be left out or set to null and still be valid.
const optional = new Set(['trustedContact', 'assisted']);
// Parts that may be left out, but not set to null.
const mayBeLeftOut = new Set([
  ...optional,
  'assisted.branch',
  'assisted.attestation',
  'assisted.madeAt',
]);

function setAt(
  body: unknown,
  path: Path,
  change: (parent: Record<string, unknown>, key: string) => void,
) {
  const copy = structuredClone(body) as Record<string, unknown>;
  let parent = copy;
  for (const key of path.slice(0, -1)) parent = parent[key] as Record<string, unknown>;
  change(parent, path[path.length - 1] as string);
  return copy;
}

const anyJson = fc.jsonValue({ maxDepth: 3 });

// A value of another JSON type than the one a field holds: always invalid there. (No
// Infinity: JSON.stringify writes it as null, which the optional parts accept.)
function wrongTypeFor(value: unknown, path: Path): fc.Arbitrary<unknown> {
  const nullable = optional.has(path.join('.'));
  const choices: fc.Arbitrary<unknown>[] = [
    fc.array(anyJson, { maxLength: 3 }),
    ...(nullable ? [] : [fc.constant(null)]),
  ];
  if (typeof value !== 'string') choices.push(fc.string({ maxLength: 20 }));
  if (typeof value !== 'number')
    choices.push(fc.oneof(fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true })));
  if (typeof value !== 'boolean') choices.push(fc.boolean());
  if (typeof value !== 'object' || value === null) {
    choices.push(fc.dictionary(fc.string({ maxLength: 8 }), anyJson, { maxKeys: 3 }));
  }
  return fc.oneof(...choices);
}

const brokenBody: fc.Arbitrary<unknown> = fc.oneof(
  // One field of another type.
  fc.constantFrom(...everyPath).chain(({ path, value }) =>
    wrongTypeFor(value, path).map((wrong) =>
      setAt(full, path, (o, k) => {
        o[k] = wrong;
      }),
    ),
  ),
  // A required field left out. (Who entered an answer may be left out: not given yet.)
  fc
    .constantFrom(
      ...everyPath.filter(
        (p) =>
          !mayBeLeftOut.has(p.path.join('.')) &&
          !p.path.join('.').startsWith('assisted.enteredBy.'),
      ),
    )
    .map(({ path }) =>
      setAt(full, path, (o, k) => {
        delete o[k];
      }),
    ),
  // A field that is not part of an application.
  fc
    .tuple(fc.constantFrom(...objectPaths), fc.string({ minLength: 1, maxLength: 12 }))
    .filter(([path, key]) => {
      let target: unknown = full;
      for (const k of path) target = (target as Record<string, unknown>)[k];
      return !Object.hasOwn(target as object, key) && key !== '__proto__';
    })
    .map(([path, key]) =>
      path.length === 0
        ? { ...full, [key]: 1 }
        : setAt(full, path, (o, k) => {
            o[k] = { ...(o[k] as object), [key]: 'extra' };
          }),
    ),
  // Text far too long, or a number below every minimum.
  fc
    .constantFrom(
      ...everyPath.filter((p) => typeof p.value === 'string' || typeof p.value === 'number'),
    )
    .chain(({ path, value }) =>
      (typeof value === 'string'
        ? fc
            .integer({ min: path.join('.') === 'assisted.attestation' ? 1025 : 401, max: 5000 })
            .map((n) => 'x'.repeat(n))
        : fc.oneof(
            fc.integer({ max: -1 }),
            fc.double({ max: -0.001, noNaN: true, noDefaultInfinity: true }),
          )
      ).map((bad) =>
        setAt(full, path, (o, k) => {
          o[k] = bad;
        }),
      ),
    ),
  // Any JSON at all: never an application by chance.
  anyJson,
);

const printable = fc.string({
  unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
  maxLength: 60,
});

it('refuses thousands of broken bodies with a 4xx and stores nothing', async () => {
  await fc.assert(
    fc.asyncProperty(brokenBody, async (body) => {
      expectRefusal(await submit(server.port, body));
    }),
    { numRuns: 2500 },
  );
  const counts = await request(server.port, 'GET', '/api/health');
  expect(counts.status).toBe(200);
}, 60_000);

it('refuses bytes that are not JSON, and content types that are not JSON', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(
        fc.string({ maxLength: 200 }),
        fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
        fc.constant(JSON.stringify(full).slice(0, -1)),
      ),
      fc.constantFrom(
        'application/json',
        'application/json; charset=utf-8',
        'text/plain',
        'text/html',
        'application/xml',
        'application/x-www-form-urlencoded',
        'multipart/form-data; boundary=x',
        'application/octet-stream',
        '',
      ),
      async (body, type) => {
        // A byte string may happen to be valid JSON (such as "1"); it is still no application.
        const headers: Record<string, string> = { 'idempotency-key': crypto.randomUUID() };
        if (type) headers['content-type'] = type;
        expectRefusal(await request(server.port, 'POST', '/api/applications', { headers, body }));
      },
    ),
    { numRuns: 800 },
  );
}, 60_000);

it('refuses malformed Idempotency-Key headers before anything else', async () => {
  await fc.assert(
    fc.asyncProperty(
      printable.filter((key) => !isUuid(key.trim()) && !isUuid(key.trim().slice(1, -1))),
      async (key) => {
        expectRefusal(await submit(server.port, full, key));
      },
    ),
    { numRuns: 500 },
  );
}, 60_000);

it('answers 401 or 404 to made-up ids and tokens, and to made-up paths under /api', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.oneof(fc.uuid().map(String), printable.map(encodeURIComponent)),
      fc.option(printable, { nil: undefined }),
      fc.constantFrom('GET', 'POST'),
      async (id, token, method) => {
        const headers: Record<string, string> = {};
        if (token !== undefined) headers.authorization = `Bearer ${token}`;
        const path = `/api/applications/${id}${method === 'POST' ? '/withdraw' : ''}`;
        const response = await request(server.port, method, path, { headers });
        expectRefusal(response);
      },
    ),
    { numRuns: 600 },
  );
  await fc.assert(
    fc.asyncProperty(
      printable,
      fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'PATCH'),
      async (tail, method) => {
        const response = await request(server.port, method, `/api/x/${encodeURIComponent(tail)}`);
        expectRefusal(response);
      },
    ),
    { numRuns: 300 },
  );
}, 60_000);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

// Whether a body would make a resume code: {"draft": {path: "/apply…", …}} and nothing else.
function makesResumeCode(body: unknown): boolean {
  if (!isObject(body) || Object.keys(body).join() !== 'draft' || !isObject(body.draft)) {
    return false;
  }
  return typeof body.draft.path === 'string' && /^\/apply(\/|$)/.test(body.draft.path);
}

// Bodies near the shapes the staff and resume-code routes take, and anything at all.
const nearShape = (fields: string[]) =>
  fc.oneof(
    anyJson,
    fc.record(Object.fromEntries(fields.map((field) => [field, anyJson])), {
      requiredKeys: [],
    }),
    fc.dictionary(fc.constantFrom(...fields, 'x', '__proto__', 'constructor'), anyJson, {
      maxKeys: 3,
    }),
    fc.record({
      draft: fc.record({ version: anyJson, path: fc.oneof(printable, anyJson), answers: anyJson }),
    }),
  );

it('refuses broken staff sign-ins, resume codes and redeems with a 4xx, and unknown sessions with 401', async () => {
  // No staff account and no code exist here, so nothing sent can sign in or redeem.
  const routes = [
    { path: '/api/staff/sessions', body: nearShape(['staffId', 'passcode']) },
    { path: '/api/resume-codes', body: nearShape(['draft']).filter((b) => !makesResumeCode(b)) },
    { path: '/api/resume-codes/redeem', body: nearShape(['code']) },
  ];
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...routes).chain(({ path, body }) =>
        fc.tuple(
          fc.constant(path),
          fc.oneof(
            body.map((json) => JSON.stringify(json)),
            fc.string({ maxLength: 200 }),
          ),
        ),
      ),
      async ([path, body]) => {
        const headers = { 'content-type': 'application/json' };
        expectRefusal(await request(server.port, 'POST', path, { headers, body }));
      },
    ),
    { numRuns: 1500 },
  );
  await fc.assert(
    fc.asyncProperty(printable, fc.constantFrom('GET', 'DELETE'), async (token, method) => {
      const response = await request(server.port, method, '/api/staff/sessions/current', {
        headers: { authorization: `Bearer ${token}` },
      });
      expectRefusal(response);
      expect(response.status).toBe(401);
    }),
    { numRuns: 300 },
  );
}, 60_000);

it('stored nothing through all of it', async () => {
  const { openSqliteStore } = await import('./sqlite-store');
  const store = openSqliteStore(server.dbPath);
  try {
    expect(await store.counts()).toEqual({ applications: 0, idempotencyKeys: 0 });
    const db = new Database(server.dbPath, { readonly: true });
    try {
      const count = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
      expect([count('staff_sessions'), count('resume_codes')]).toEqual([0, 0]);
    } finally {
      db.close();
    }
  } finally {
    await store.close();
  }
});

it('was refusing copies of a body it accepts whole', async () => {
  expect((await submit(server.port, full)).status).toBe(201);
});
