// Helpers for the server's tests: a real server on a random loopback port with a throwaway
// SQLite file, raw HTTP (so tests can send what no browser would), and a valid application.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { precompress } from '../../scripts/precompress';
import type { ApplicationBody } from '../loan/application';
import { engineFigures, sampleApplication } from '../loan/test-fixtures';
import { buildServer, type ServerOptions } from './app';
import { loadCatalog } from './catalog';
import { DEFAULTS } from './config';

/** A running test server and where its files live. */
export interface TestServer {
  app: FastifyInstance;
  url: string;
  port: number;
  dir: string;
  dbPath: string;
  /** Stops the server (the temp directory stays until `cleanUp`). */
  close(): Promise<void>;
  /** Stops the server and removes its directory. */
  cleanUp(): Promise<void>;
}

const made: string[] = [];

/** A fresh temporary directory for one test's files (removed by removeTempDirs). */
export function tempDir(): string {
  mkdirSync(join(tmpdir(), 'kindly-tests'), { recursive: true });
  const dir = mkdtempSync(join(tmpdir(), 'kindly-tests', 'server-'));
  made.push(dir);
  return dir;
}

/** Removes every directory tempDir made in this test file. */
export function removeTempDirs() {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
}

/** Starts the real server on 127.0.0.1 at a random port, with a temporary SQLite file (or
 *  the one given, to test restarts) and generous rate limits unless told otherwise. */
export async function startServer(
  options: ServerOptions & { dir?: string } = {},
): Promise<TestServer> {
  const dir = options.dir ?? tempDir();
  const dbPath = options.config?.dbPath ?? join(dir, 'kindly.sqlite');
  const app = await buildServer({
    ...options,
    config: {
      distDir: null,
      logLevel: 'silent',
      ...options.config,
      dbPath,
      rateLimits: { max: 1e6, submitMax: 1e6, ...options.config?.rateLimits },
    },
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  let closed = false;
  const close = async () => {
    if (!closed) await app.close();
    closed = true;
  };
  return {
    app,
    url: `http://127.0.0.1:${port}`,
    port,
    dir,
    dbPath,
    close,
    cleanUp: async () => {
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A response read whole. */
export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  /** The body's bytes as they came (compressed, if the server compressed them). */
  body: Buffer;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  // biome-ignore lint/suspicious/noExplicitAny: tests read any JSON answer; expect() checks it.
  json: any;
}

const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/** Sends one request exactly as given (any headers, any body bytes). */
export function request(
  port: number,
  method: string,
  path: string,
  options: { headers?: Record<string, string | string[]>; body?: string | Buffer } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port, method, path, headers: options.headers, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          const text = body.toString('utf8');
          let json: unknown;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          resolve({ status: res.statusCode ?? 0, headers: res.headers, text, body, json });
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** POSTs an application body as JSON with an Idempotency-Key (none when `key` is null). */
export function submit(
  port: number,
  body: unknown,
  key: string | null = crypto.randomUUID(),
  headers: Record<string, string> = {},
): Promise<RawResponse> {
  return request(port, 'POST', '/api/applications', {
    headers: {
      'content-type': 'application/json',
      ...(key === null ? {} : { 'idempotency-key': key }),
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

/** The sample catalog shipped with Kindly, as the server reads it. */
export const sampleCatalog = loadCatalog(DEFAULTS.productsPath);

/** A valid application for the first product of the sample catalog, its figures computed
 *  by the loan engine; `change` edits it before the figures are worked out. */
export function validApplication(
  change: (body: ApplicationBody) => void = () => {},
): ApplicationBody {
  const product = sampleCatalog.catalog.products[0];
  if (!product) throw new Error('the sample catalog has no products');
  const body = sampleApplication(product);
  change(body);
  return withFigures(body);
}

/** The body with the figures the loan engine gives for its product and terms (even terms
 *  the product refuses, as a client would compute them). */
export function withFigures(body: ApplicationBody): ApplicationBody {
  const product = sampleCatalog.find(body.productId);
  return product ? { ...body, figures: engineFigures(product, body) } : body;
}

/** Writes a minimal built app (index.html, sw.js, a hashed asset) for static-serving tests. */
/** A file of fakeDist's big enough to be compressed, and what it holds. */
export const BIG_ASSET = 'strings-Big123.js';
export const BIG_ASSET_TEXT = `export default ${JSON.stringify(
  Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`key${i}`, `Text number ${i}`])),
)};`;

/** The inline script of fakeDist's index.html, which the CSP allows by its hash (the build
 *  inlines the boot script the same way). */
export const FAKE_BOOT_SCRIPT = 'document.documentElement.dataset.booted = "yes";';

/** Where fakeDist keeps a stand-in for the ID card reader's worker. */
export const FAKE_READER_FOLDER = 'assets/id-reader-test-1.0/';

export function fakeDist(dir: string): string {
  const dist = join(dir, 'dist');
  mkdirSync(join(dist, 'assets'), { recursive: true });
  writeFileSync(
    join(dist, 'index.html'),
    '<!doctype html><html lang="en"><head><title>Kindly</title>' +
      '<script type="application/json" id="kindly-files">{"strings":{}}</script>' +
      `<script>${FAKE_BOOT_SCRIPT}</script>` +
      '<script type="module" src="/assets/index-AbC123.js"></script></head>' +
      '<body><div id="app"></div></body></html>',
  );
  writeFileSync(join(dist, 'sw.js'), 'self.addEventListener("fetch", () => {});');
  writeFileSync(join(dist, 'assets', 'index-AbC123.js'), 'console.log("app");');
  writeFileSync(join(dist, 'manifest.webmanifest'), '{"name":"Kindly"}');
  mkdirSync(join(dist, FAKE_READER_FOLDER), { recursive: true });
  writeFileSync(join(dist, FAKE_READER_FOLDER, 'worker.min.js'), 'self.onmessage = () => {};');
  // Large enough to be worth compressing, and compressed as the build does it.
  writeFileSync(join(dist, 'assets', BIG_ASSET), BIG_ASSET_TEXT);
  precompress(dist);
  return dist;
}

/** A server (not listening; use inject) whose log lines are kept in `lines`, on a database in
 *  `dir`: for the tests that check what the logs carry. */
export async function loggingServer(dir: string = tempDir()) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const app = await buildServer({
    config: { dbPath: join(dir, 'kindly.sqlite'), distDir: null, logLevel: 'info' },
    logStream: stream,
  });
  return { app, lines };
}
