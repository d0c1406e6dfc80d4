// Everything around the applications: health, products and their ETag, the error shape for
// what Fastify itself refuses, security headers (the PWA's pages included), caching of the
// built app, the OpenAPI document, rate limits, logs without personal data, configuration.
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { connect } from 'node:http2';
import { get as httpsGet } from 'node:https';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseCatalog } from '../loan';
import { rateRangeOf } from '../loan/rate-range';
import { acceptedEncoding } from './api';
import { buildServer, inlineScriptHashes } from './app';
import { loadCatalog } from './catalog';
import { DEFAULTS, readConfig } from './config';
import { openSqliteStore } from './sqlite-store';
import type { Store } from './store';
import {
  BIG_ASSET,
  BIG_ASSET_TEXT,
  FAKE_BOOT_SCRIPT,
  FAKE_READER_FOLDER,
  fakeDist,
  loggingServer,
  removeTempDirs,
  request,
  startServer,
  submit,
  type TestServer,
  tempDir,
  validApplication,
} from './test-support';

// The boot script inline in index.html is allowed by its hash, and no other inline script
// (no 'unsafe-inline'): every response's CSP is compared with this whole.
const BOOT_HASH = createHash('sha256').update(FAKE_BOOT_SCRIPT).digest('base64');
const CSP =
  `default-src 'self';script-src 'self' 'sha256-${BOOT_HASH}';script-src-attr 'none';style-src 'self';` +
  "img-src 'self' data:;font-src 'self';connect-src 'self';worker-src 'self';" +
  "manifest-src 'self';object-src 'none';base-uri 'none';form-action 'self';" +
  "frame-ancestors 'none'";

let server: TestServer;

beforeAll(async () => {
  const dir = tempDir();
  server = await startServer({ dir, config: { distDir: fakeDist(dir) } });
});

afterAll(async () => {
  await server.cleanUp();
  removeTempDirs();
});

function expectErrorShape(json: unknown, code: string) {
  expect(json).toEqual({
    error: {
      code,
      message: expect.any(String),
      field: expect.toBeOneOf([null, expect.any(String)]),
    },
  });
}

describe('health', () => {
  it('answers {"status":"ok"} after asking the database', async () => {
    const response = await request(server.port, 'GET', '/api/health');
    expect(response.status).toBe(200);
    expect(response.json).toEqual({ status: 'ok' });
  });

  it('answers 503 when the database does not', async () => {
    const dir = tempDir();
    // Staff and resume codes are not what this test is about: they keep working.
    const spare = openSqliteStore(':memory:');
    const broken: Store = {
      staff: spare.staff,
      resumeCodes: spare.resumeCodes,
      review: spare.review,
      limits: null,
      check: async () => {
        throw new Error('disk gone');
      },
      tokenSecret: async () => Buffer.alloc(32),
      findIdempotency: async () => null,
      createApplication: async () => {
        throw new Error('disk gone');
      },
      getApplication: async () => null,
      withdraw: async () => null,
      erase: async () => null,
      eraseExpired: async () => 0,
      rekey: async () => ({ applications: 0, drafts: 0 }),
      purgeIdempotency: async () => 0,
      counts: async () => ({ applications: 0, idempotencyKeys: 0 }),
      close: async () => {},
    };
    const sick = await startServer({ dir, store: broken });
    try {
      const health = await request(sick.port, 'GET', '/api/health');
      expect(health.status).toBe(503);
      expectErrorShape(health.json, 'database-unavailable');
      const sent = await submit(sick.port, validApplication());
      expect(sent.status).toBe(500);
      expectErrorShape(sent.json, 'internal');
      expect(sent.text).not.toMatch(/disk gone|at .*\.ts|node_modules/);
    } finally {
      await sick.cleanUp();
      await spare.close();
    }
  });
});

describe('start', () => {
  it('is ready while its housekeeping at start is still under way, and closes once it ends', async () => {
    const store = openSqliteStore(':memory:');
    let finish = () => {};
    const held = new Promise<void>((resolve) => {
      finish = resolve;
    });
    const started: string[] = [];
    const slow: Store = {
      ...store,
      eraseExpired: async () => {
        started.push('erase');
        await held;
        return 0;
      },
      purgeIdempotency: async () => {
        started.push('purge');
        await held;
        return 0;
      },
    };
    const app = await buildServer({ store: slow, config: { distDir: null, logLevel: 'silent' } });
    try {
      // Fastify gives each onReady hook 10 s: a hook that waited for the jobs would fail here.
      await app.ready();
      expect(started.sort()).toEqual(['erase', 'purge']);
      let closed = false;
      const closing = app.close().then(() => {
        closed = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(closed).toBe(false);
      finish();
      await closing;
      expect(closed).toBe(true);
    } finally {
      finish();
      await store.close();
    }
  }, 20_000);
});

describe('products', () => {
  it('answers the validated catalog with an ETag', async () => {
    const response = await request(server.port, 'GET', '/api/products');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(response.json.products.map((p: { id: string }) => p.id)).toContain(
      'shop-working-capital',
    );
    expect(response.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(response.headers['cache-control']).toBe('no-cache');
  });

  it("carries each product's rate range, worked out by the loan engine", async () => {
    const { json } = await request(server.port, 'GET', '/api/products');
    const file = parseCatalog(JSON.parse(readFileSync(DEFAULTS.productsPath, 'utf8')));
    expect(Object.keys(json.rateRanges).sort()).toEqual(file.products.map((p) => p.id).sort());
    for (const product of file.products) {
      expect(json.rateRanges[product.id]).toEqual(rateRangeOf(product));
    }
    // Apart from the rate ranges, the answer is the catalog file as validated.
    const { rateRanges: _, ...rest } = json;
    expect(rest).toEqual(file);
  });

  it('sends the catalog compressed to a client that accepts it, with a weak ETag', async () => {
    const get = (headers: Record<string, string>) =>
      request(server.port, 'GET', '/api/products', { headers });
    const plain = await get({});
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.headers.vary).toMatch(/accept-encoding/i);
    const brotli = await get({ 'accept-encoding': 'gzip, deflate, br' });
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    expect(brotli.headers.etag).toBe(`W/${plain.headers.etag}`);
    expect(brotli.body.length).toBeLessThan(plain.body.length / 2);
    expect(brotliDecompressSync(brotli.body).toString('utf8')).toBe(plain.text);
    const gzip = await get({ 'accept-encoding': 'gzip' });
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString('utf8')).toBe(plain.text);
    // Either ETag revalidates either copy.
    const revalidated = await get({
      'accept-encoding': 'br',
      'if-none-match': String(plain.headers.etag),
    });
    expect(revalidated.status).toBe(304);
  });

  it('answers 304 with no body to a matching If-None-Match, weak or in a list', async () => {
    const { etag } = (await request(server.port, 'GET', '/api/products')).headers;
    for (const header of [etag, `W/${etag}`, `"old", ${etag}`, '*']) {
      const response = await request(server.port, 'GET', '/api/products', {
        headers: { 'if-none-match': String(header) },
      });
      expect(response.status).toBe(304);
      expect(response.text).toBe('');
      expect(response.headers.etag).toBe(etag);
    }
    const stale = await request(server.port, 'GET', '/api/products', {
      headers: { 'if-none-match': '"old"' },
    });
    expect(stale.status).toBe(200);
  });

  it('has an ETag that changes with the catalog', async () => {
    const dir = tempDir();
    const catalog = JSON.parse(readFileSync(DEFAULTS.productsPath, 'utf8'));
    catalog.products[0].annualRatePercent = 7.9;
    const path = join(dir, 'products.json');
    writeFileSync(path, JSON.stringify(catalog));
    expect(loadCatalog(path).etag).not.toBe(loadCatalog(DEFAULTS.productsPath).etag);
  });

  it('refuses to start with a bad catalog, naming the field', async () => {
    const dir = tempDir();
    const catalog = JSON.parse(readFileSync(DEFAULTS.productsPath, 'utf8'));
    catalog.products[1].amount.max = 100;
    const path = join(dir, 'products.json');
    writeFileSync(path, JSON.stringify(catalog));
    await expect(
      buildServer({ config: { productsPath: path, dbPath: ':memory:', logLevel: 'silent' } }),
    ).rejects.toThrow(/products\[1\]\.amount\.max/);
    writeFileSync(path, '{"products": [');
    await expect(
      buildServer({ config: { productsPath: path, dbPath: ':memory:', logLevel: 'silent' } }),
    ).rejects.toThrow(/not JSON/);
  });
});

describe('lender', () => {
  it('answers the phone number and cooling-off period from the configuration', async () => {
    const dir = tempDir();
    const other = await startServer({
      dir,
      config: { lenderPhone: '95588', coolingOffDays: 7 },
    });
    try {
      const response = await request(other.port, 'GET', '/api/lender');
      expect(response.json).toEqual({ phone: '95588', coolingOffDays: 7 });
    } finally {
      await other.cleanUp();
    }
  });
});

describe('what Fastify refuses, in the same error shape', () => {
  const key = () => ({ 'idempotency-key': crypto.randomUUID() });

  it('malformed JSON is 400 malformed-json', async () => {
    const response = await request(server.port, 'POST', '/api/applications', {
      headers: { 'content-type': 'application/json', ...key() },
      body: '{"productId": "shop-',
    });
    expect(response.status).toBe(400);
    expectErrorShape(response.json, 'malformed-json');
  });

  it('a __proto__ key is refused', async () => {
    const response = await request(server.port, 'POST', '/api/applications', {
      headers: { 'content-type': 'application/json', ...key() },
      body: '{"__proto__": {"isAdmin": true}}',
    });
    expect(response.status).toBe(400);
    expectErrorShape(response.json, 'malformed-json');
  });

  it('an empty JSON body is 400', async () => {
    const response = await request(server.port, 'POST', '/api/applications', {
      headers: { 'content-type': 'application/json', ...key() },
      body: '',
    });
    expect(response.status).toBe(400);
    expectErrorShape(response.json, 'empty-body');
  });

  it('another content type is 415', async () => {
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data']) {
      const response = await request(server.port, 'POST', '/api/applications', {
        headers: { 'content-type': type, ...key() },
        body: JSON.stringify(validApplication()),
      });
      expect(response.status).toBe(415);
      expectErrorShape(response.json, 'unsupported-media-type');
    }
  });

  it('a body over 64 kB is 413', async () => {
    const body = validApplication();
    const padded = JSON.stringify({ ...body, padding: 'x'.repeat(64 * 1024) });
    const response = await request(server.port, 'POST', '/api/applications', {
      headers: { 'content-type': 'application/json', ...key() },
      body: padded,
    });
    expect(response.status).toBe(413);
    expectErrorShape(response.json, 'body-too-large');
  });

  it('an unknown route under /api is 404 in JSON, whatever the method', async () => {
    for (const [method, path] of [
      ['GET', '/api/nothing'],
      ['POST', '/api/products'],
      ['DELETE', '/api/applications'],
      ['GET', '/api'],
    ] as const) {
      const response = await request(server.port, method, path);
      expect(response.status).toBe(404);
      expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
      expectErrorShape(response.json, 'not-found');
    }
  });

  it('a malformed URL is 400', async () => {
    const response = await request(server.port, 'GET', '/api/applications/%E0%A4%A');
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.status).toBeLessThan(500);
    expectErrorShape(response.json, expect.any(String) as unknown as string);
  });
});

describe('security headers', () => {
  it('sends the strict CSP and friends on API answers, errors included', async () => {
    for (const path of ['/api/health', '/api/products', '/api/nothing']) {
      const response = await request(server.port, 'GET', path);
      expect(response.headers['content-security-policy']).toBe(CSP);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['x-frame-options']).toBe('DENY');
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      // The camera for Kindly's own pages only (reading an ID card), the microphone for none.
      expect(response.headers['permissions-policy']).toContain('camera=(self)');
      expect(response.headers['permissions-policy']).toContain('microphone=()');
    }
  });

  it("sends the CSP on the PWA's index.html, its client-side routes and its files", async () => {
    for (const path of ['/', '/index.html', '/apply/amount', '/sw.js', '/assets/index-AbC123.js']) {
      const response = await request(server.port, 'GET', path);
      expect(response.status).toBe(200);
      expect(response.headers['content-security-policy']).toBe(CSP);
    }
  });

  it("lets WebAssembly compile in the ID card reader's files and nowhere else", async () => {
    const reader = await request(server.port, 'GET', `/${FAKE_READER_FOLDER}worker.min.js`);
    expect(reader.status).toBe(200);
    expect(reader.headers['content-security-policy']).toBe(
      CSP.replace(/script-src 'self' 'sha256-[^;]+;/, "script-src 'self' 'wasm-unsafe-eval';"),
    );
    for (const path of ['/', '/apply/about-you', '/assets/id-reader.js', '/api/health']) {
      const response = await request(server.port, 'GET', path);
      expect(response.headers['content-security-policy']).not.toContain('wasm-unsafe-eval');
    }
  });
});

describe('inlineScriptHashes', () => {
  const sha = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
  it('hashes the inline scripts a browser would run, and nothing else', () => {
    const html =
      '<head><script src="/x.js"></script><script type="application/json" id="d">{"a":1}</script>' +
      '<script>var a = "ü";</script><script type="module">import "/y.js";</script>' +
      '<SCRIPT TYPE=\'text/javascript\'>b()</SCRIPT><script type="module" src="/z.js"></script></head>';
    expect(inlineScriptHashes(html)).toEqual([
      sha('var a = "ü";'),
      sha('import "/y.js";'),
      sha('b()'),
    ]);
    expect(inlineScriptHashes('<script type="module" src="/a.js"></script>')).toEqual([]);
  });
});

describe('the built PWA', () => {
  it('serves index.html for client-side routes, not for /api or missing files', async () => {
    const page = await request(server.port, 'GET', '/apply/about-you');
    expect(page.headers['content-type']).toMatch(/^text\/html/);
    expect(page.text).toContain('<div id="app">');
    const missingAsset = await request(server.port, 'GET', '/assets/index-Gone99.js');
    expect(missingAsset.status).toBe(404);
    expect(missingAsset.text).not.toContain('<div id="app">');
    const api = await request(server.port, 'GET', '/api/apply');
    expect(api.status).toBe(404);
  });

  it('never caches index.html or sw.js, and keeps hashed assets for a year', async () => {
    for (const path of ['/', '/index.html', '/apply/amount', '/sw.js', '/manifest.webmanifest']) {
      const response = await request(server.port, 'GET', path);
      expect(response.headers['cache-control'], path).toBe('no-cache');
    }
    const asset = await request(server.port, 'GET', '/assets/index-AbC123.js');
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it("sends the build's Brotli or gzip copy to a browser that accepts it, else the file itself", async () => {
    const path = `/assets/${BIG_ASSET}`;
    const get = (acceptEncoding?: string) =>
      request(server.port, 'GET', path, {
        headers: acceptEncoding ? { 'accept-encoding': acceptEncoding } : {},
      });
    const brotli = await get('gzip, deflate, br');
    expect(brotli.headers['content-encoding']).toBe('br');
    expect(brotli.headers['content-type']).toMatch(/^application\/javascript/);
    expect(brotli.headers.vary).toMatch(/accept-encoding/i);
    expect(brotli.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(brotli.body.length).toBeLessThan(BIG_ASSET_TEXT.length / 3);
    expect(brotliDecompressSync(brotli.body).toString('utf8')).toBe(BIG_ASSET_TEXT);
    const gzip = await get('gzip');
    expect(gzip.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gzip.body).toString('utf8')).toBe(BIG_ASSET_TEXT);
    const plain = await get();
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.text).toBe(BIG_ASSET_TEXT);
    // The CSP and the other security headers come with a compressed copy too.
    expect(brotli.headers['content-security-policy']).toBe(
      plain.headers['content-security-policy'],
    );
  });
});

describe('acceptedEncoding', () => {
  it.each([
    [undefined, null],
    ['', null],
    ['identity', null],
    ['gzip, deflate, br', 'br'],
    ['br;q=0.5, gzip', 'gzip'],
    ['gzip;q=0.8, br;q=0.8', 'br'],
    ['br;q=0, gzip;q=0', null],
    ['BR', 'br'],
    ['*', 'br'],
    ['*;q=0.5, br;q=0', 'gzip'],
    ['gzip;q=nonsense', null],
  ] as const)('%j → %j', (header, expected) => {
    expect(acceptedEncoding(header)).toBe(expected);
  });
});

describe('OpenAPI', () => {
  it('is served at /api/openapi.json, generated from the route schemas', async () => {
    const response = await request(server.port, 'GET', '/api/openapi.json');
    expect(response.status).toBe(200);
    const doc = response.json;
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/health',
        '/api/products',
        '/api/applications',
        '/api/applications/{id}',
        '/api/applications/{id}/withdraw',
        '/api/applications/{id}/erase',
        '/api/staff/sessions',
        '/api/staff/sessions/current',
        '/api/resume-codes',
        '/api/resume-codes/redeem',
      ]),
    );
    const post = doc.paths['/api/applications'].post;
    const body = post.requestBody.content['application/json'].schema;
    expect(body.additionalProperties).toBe(false);
    expect(body.required).toContain('applicant');
    expect(body.properties.applicant.properties.idType.enum).toContain('cn-resident');
    expect(body.properties.amount.type).toBe('integer');
    expect(post.parameters).toEqual(
      expect.arrayContaining([expect.objectContaining({ name: 'idempotency-key', in: 'header' })]),
    );
    expect(Object.keys(post.responses)).toEqual(expect.arrayContaining(['201', '409', '422']));
  });
});

describe('rate limits', () => {
  it('answer 429 in the error shape once a client passes the limit', async () => {
    const dir = tempDir();
    const limited = await startServer({ dir, config: { rateLimits: { max: 5, submitMax: 2 } } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) {
        statuses.push((await request(limited.port, 'GET', '/api/products')).status);
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      const refused = await request(limited.port, 'GET', '/api/health');
      expectErrorShape(refused.json, 'rate-limited');
      expect(refused.headers['retry-after']).toBeDefined();
      // The PWA's own files are not limited.
      expect((await request(limited.port, 'GET', '/')).status).not.toBe(429);
    } finally {
      await limited.cleanUp();
    }
  });

  it('are tighter for sending applications', async () => {
    const dir = tempDir();
    const limited = await startServer({ dir, config: { rateLimits: { max: 100, submitMax: 2 } } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++)
        statuses.push((await submit(limited.port, validApplication())).status);
      expect(statuses).toEqual([201, 201, 429]);
      expect((await request(limited.port, 'GET', '/api/health')).status).toBe(200);
    } finally {
      await limited.cleanUp();
    }
  });
});

describe('logs', () => {
  it('carry ids, never names, ID numbers, phones, tokens or keys', async () => {
    const dir = tempDir();
    const { app, lines } = await loggingServer(dir);
    try {
      const key = crypto.randomUUID();
      const body = validApplication((b) => {
        b.trustedContact = { name: '李秀英', phone: '13912345678', relationship: '邻居' };
      });
      const sent = await app.inject({
        method: 'POST',
        url: '/api/applications',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        payload: body,
      });
      const { id, accessToken } = sent.json();
      await app.inject({
        method: 'GET',
        url: `/api/applications/${id}`,
        headers: { authorization: `Bearer ${accessToken}` },
      });
      await app.inject({
        method: 'POST',
        url: '/api/applications',
        headers: { 'content-type': 'application/json', 'idempotency-key': crypto.randomUUID() },
        payload: { ...body, amount: 'lots' },
      });
      const log = lines.join('');
      expect(log).toContain(id);
      for (const secret of [
        body.applicant.fullName,
        body.applicant.idNumber,
        body.applicant.phone,
        '李秀英',
        '13912345678',
        accessToken,
        key,
        '127.0.0.1',
      ]) {
        expect(log).not.toContain(secret);
      }
    } finally {
      await app.close();
    }
  });
});

describe('configuration from the environment', () => {
  it('has the documented defaults', () => {
    const config = readConfig({});
    expect(config).toMatchObject({
      port: 8080,
      host: '127.0.0.1',
      dbPath: './data/kindly.sqlite',
      coolingOffDays: 14,
      idempotencyDays: 7,
    });
    expect(config.productsPath).toMatch(/src[\\/]loan[\\/]catalog[\\/]products\.json$/);
  });

  it('reads every variable', () => {
    const config = readConfig({
      PORT: '9000',
      HOST: '0.0.0.0',
      KINDLY_DB: '/tmp/k.sqlite',
      KINDLY_PRODUCTS: '/tmp/p.json',
      KINDLY_COOLING_OFF_DAYS: '7',
      KINDLY_LENDER_PHONE: '95588',
      KINDLY_RATE_LIMIT_MAX: '100000',
      KINDLY_RATE_LIMIT_SUBMIT_MAX: '500',
    });
    expect(config).toMatchObject({
      port: 9000,
      host: '0.0.0.0',
      dbPath: '/tmp/k.sqlite',
      productsPath: '/tmp/p.json',
      coolingOffDays: 7,
      lenderPhone: '95588',
      rateLimits: { max: 100000, submitMax: 500 },
    });
  });

  it('refuses bad values, naming the variable', () => {
    expect(() => readConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => readConfig({ KINDLY_COOLING_OFF_DAYS: '-1' })).toThrow(/KINDLY_COOLING_OFF_DAYS/);
    expect(() => readConfig({ KINDLY_IDEMPOTENCY_DAYS: '3' })).toThrow(/KINDLY_IDEMPOTENCY_DAYS/);
    expect(() => readConfig({ KINDLY_TIME_ZONE: 'Mars/Olympus' })).toThrow(/KINDLY_TIME_ZONE/);
  });

  it('serves plain HTTP unless given a certificate and its key, both', () => {
    expect(readConfig({}).tls).toBeNull();
    expect(
      readConfig({ KINDLY_TLS_CERT: '/etc/k/cert.pem', KINDLY_TLS_KEY: '/etc/k/key.pem' }).tls,
    ).toEqual({
      certPath: '/etc/k/cert.pem',
      keyPath: '/etc/k/key.pem',
    });
    expect(() => readConfig({ KINDLY_TLS_CERT: '/etc/k/cert.pem' })).toThrow(/KINDLY_TLS_KEY/);
    expect(() => readConfig({ KINDLY_TLS_KEY: '/etc/k/key.pem' })).toThrow(/KINDLY_TLS_CERT/);
  });
});

describe('HTTPS', () => {
  // A self-signed certificate for 127.0.0.1, made for these tests and the page bench alone.
  const certPath = join(import.meta.dirname, 'testdata', 'loopback-cert.pem');
  const keyPath = join(import.meta.dirname, 'testdata', 'loopback-key.pem');
  const ca = readFileSync(certPath);

  /** One request over HTTP/2 (a GET unless headers say otherwise), trusting the fixture. */
  function overHttp2(port: number, headers: Record<string, string>, body?: string) {
    return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
      (resolve, reject) => {
        const session = connect(`https://127.0.0.1:${port}`, { ca });
        session.on('error', reject);
        const stream = session.request(headers);
        let text = '';
        let answered: Record<string, unknown> = {};
        stream.on('response', (h) => {
          answered = h;
        });
        stream.setEncoding('utf8');
        stream.on('data', (chunk: string) => {
          text += chunk;
        });
        stream.on('end', () => {
          session.close();
          resolve({ status: Number(answered[':status']), headers: answered, body: text });
        });
        stream.on('error', reject);
        stream.end(body);
      },
    );
  }

  function getOverHttp1(port: number, path: string) {
    return new Promise<{ status: number; version: string; body: string }>((resolve, reject) => {
      httpsGet({ host: '127.0.0.1', port, path, ca }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => {
          body += chunk;
        });
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, version: response.httpVersion, body }),
        );
      }).on('error', reject);
    });
  }

  it('answers over HTTP/2, with the security headers, and over HTTP/1.1 for clients without it', async () => {
    const dir = tempDir();
    const tlsServer = await startServer({
      dir,
      config: { distDir: fakeDist(dir), tls: { certPath, keyPath } },
    });
    try {
      const health = await overHttp2(tlsServer.port, { ':path': '/api/health' });
      expect(health.status).toBe(200);
      expect(JSON.parse(health.body)).toEqual({ status: 'ok' });
      const page = await overHttp2(tlsServer.port, { ':path': '/apply' });
      expect(page.status).toBe(200);
      expect(page.headers['content-security-policy']).toBe(CSP);
      expect(page.body).toContain(FAKE_BOOT_SCRIPT);
      const old = await getOverHttp1(tlsServer.port, '/api/health');
      expect(old).toEqual({ status: 200, version: '1.1', body: '{"status":"ok"}' });
    } finally {
      await tlsServer.close();
    }
  });

  it('answers a body it cannot read as over HTTP/1.1, and the log stays quiet', async () => {
    const dir = tempDir();
    const tlsServer = await startServer({ dir, config: { tls: { certPath, keyPath } } });
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      const answer = await overHttp2(
        tlsServer.port,
        { ':method': 'POST', ':path': '/api/applications', 'content-type': 'application/json' },
        '{not json',
      );
      expect(answer.status).toBe(400);
      expectErrorShape(JSON.parse(answer.body), 'malformed-json');
      // Node emits its warnings on the next tick.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(warnings).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      await tlsServer.close();
    }
  });

  it('says which file it cannot read, and does not start', async () => {
    const missing = join(tempDir(), 'no-such-cert.pem');
    await expect(
      buildServer({
        config: { distDir: null, dbPath: ':memory:', tls: { certPath: missing, keyPath } },
      }),
    ).rejects.toThrow(`The TLS certificate (KINDLY_TLS_CERT) ${missing} cannot be read (ENOENT).`);
  });
});
