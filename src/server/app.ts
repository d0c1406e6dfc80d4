// Kindly's reference server: the API under /api and the built PWA from dist/, with security
// headers on every response, rate limits per client, and errors that never show internals.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { Server as NetServer, type Socket } from 'node:net';
import { join } from 'node:path';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import { apiRoutes, sendError } from './api';
import { loadCatalog, type ServedCatalog } from './catalog';
import { DEFAULTS, type ServerConfig } from './config';
import { ApiError } from './errors';
import { inlineScripts } from './inline-scripts';
import {
  loneSurrogateAt,
  MAX_JSON_DEPTH,
  mayHoldSurrogates,
  nestsDeeperThan,
  notUnicode,
  tooDeep,
} from './json-guard';
import { openStore } from './open-store';
import { scheduleErasure } from './retention';
import type { PasscodeCost } from './staff';
import type { Store } from './store';

/** How to build a server: configuration on top of the defaults, and for tests a store, a
 *  catalog or a clock of their own. */
export interface ServerOptions {
  config?: Partial<Omit<ServerConfig, 'rateLimits'>> & {
    rateLimits?: Partial<ServerConfig['rateLimits']>;
  };
  /** A store to use instead of opening config.dbPath; the caller closes it. */
  store?: Store;
  /** A catalog to serve instead of reading config.productsPath. */
  catalog?: ServedCatalog;
  now?: () => Date;
  /** For tests only: a cheaper passcode hash (TEST_ONLY_PASSCODE_COST), never read from the
   *  environment. */
  passcodeCost?: PasscodeCost;
  /** Where log lines go instead of stdout (tests read them). */
  logStream?: NodeJS.WritableStream;
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const BODY_LIMIT = 64 * 1024;

/** Seconds a client is told to wait (Retry-After) when the server is stopping. */
export const RETRY_AFTER_STOPPING_S = 5;

// How often Node looks for requests past their headers or request timeout: a slow client is
// answered at most this long after its time is up (Node's own default is 30 s).
const TIMEOUT_CHECK_MS = 1000;

/** The Content-Security-Policy of every response: nothing but this origin, no inline
 *  script (but the app's own boot script, allowed by its hash: inlineScriptHashes) or style,
 *  no framing. (No upgrade-insecure-requests: the server also runs on plain
 *  http://127.0.0.1, where that directive would send the page's requests to an https port
 *  that does not exist; in production TLS is the proxy's, and so is HSTS.) */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  scriptSrcAttr: ["'none'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  manifestSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** CSP sources ('sha256-…') for the inline scripts of a page: the build puts the boot script
 *  into index.html (scripts/inline-boot.ts), and the browser runs it only if its hash is
 *  allowed. */
export function inlineScriptHashes(html: string): string[] {
  return inlineScripts(html).map(
    (body) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`,
  );
}

/** The ID card reader's files (src/core/id-reader-files.ts): the only responses whose CSP
 *  lets WebAssembly compile. The reader runs in a Web Worker, which takes the CSP of its own
 *  script's response, so the pages themselves stay without 'wasm-unsafe-eval'. */
export const ID_READER_PATH = /^\/assets\/id-reader-[\w.-]+\//;

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function isApi(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

// Vite puts content-hashed files under /assets/: they never change, so they can be kept for
// a year. Everything else (index.html, sw.js, the manifest, icons) is revalidated on
// each use, so an update reaches people at once and the service worker is never stale.
function cacheControlFor(path: string): string {
  return /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache';
}

declare module 'fastify' {
  interface FastifyRequest {
    /** The application a request was about, once known: it goes into the request's log line. */
    applicationId: string | null;
  }
}

// One line per request, with method, path (no query string), status, time and the
// application's id: never headers, bodies or client addresses, so no personal data reaches
// the logs.
class RequestLog extends LogController {
  override incomingRequest() {}

  override routeNotFound() {}

  override requestCompleted(
    error: Error | null | undefined,
    request: FastifyRequest,
    reply: FastifyReply,
  ) {
    const line = {
      method: request.method,
      path: pathOf(request.url),
      status: reply.statusCode,
      ms: Math.round(reply.elapsedTime * 10) / 10,
      ...(request.applicationId ? { applicationId: request.applicationId } : {}),
    };
    if (error) reply.log.error({ ...line, err: error }, 'request errored');
    else reply.log.info(line, 'request');
  }
}

/** Builds the server without listening: call `listen` on the answer, or `inject` in tests.
 *  Throws, naming the problem, when the catalog or the database cannot be used. */
export async function buildServer(options: ServerOptions = {}): Promise<FastifyInstance> {
  const config: ServerConfig = {
    ...DEFAULTS,
    ...options.config,
    rateLimits: { ...DEFAULTS.rateLimits, ...options.config?.rateLimits },
  };
  const now = options.now ?? (() => new Date());
  const catalog = options.catalog ?? loadCatalog(config.productsPath);
  const opened = options.store ? null : await openStore(config);
  const store = options.store ?? (opened as { store: Store }).store;
  try {
    const app = await assemble(config, store, catalog, now, !options.store, options);
    if (opened?.madeFile) {
      app.log.warn(
        { keyFile: opened.madeFile },
        'no data key was configured: made one in this file (mode 600). Keep a copy apart from ' +
          'the database and its backups; without it the personal data cannot be read',
      );
    }
    return app;
  } catch (error) {
    if (!options.store) await store.close();
    throw error;
  }
}

/** With a certificate: HTTPS, as HTTP/2 (one connection carries every file of a page, where
 *  HTTP/1.1 opens six and queues the rest behind them: round trips a weak branch Wi-Fi feels)
 *  and HTTP/1.1 for clients without it. The routes are the same either way, so the instance
 *  keeps Fastify's HTTP/1 type. */
function tlsOptions(tls: ServerConfig['tls']): object {
  if (!tls) return {};
  const read = (path: string, what: string) => {
    try {
      return readFileSync(path);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? String(error);
      throw new Error(`The TLS ${what} ${path} cannot be read (${reason}).`);
    }
  };
  return {
    http2: true,
    https: {
      allowHTTP1: true,
      cert: read(tls.certPath, 'certificate (KINDLY_TLS_CERT)'),
      key: read(tls.keyPath, 'private key (KINDLY_TLS_KEY)'),
    },
  };
}

async function assemble(
  config: ServerConfig,
  store: Store,
  catalog: ServedCatalog,
  now: () => Date,
  ownsStore: boolean,
  options: ServerOptions,
): Promise<FastifyInstance> {
  const { logStream } = options;
  const app = Fastify({
    ...tlsOptions(config.tls),
    // A client dripping its headers or its body is answered (clientErrorHandler) and cut off
    // in bounded time, rather than holding a connection for minutes.
    http: {
      headersTimeout: config.headersTimeoutMs,
      connectionsCheckingInterval: TIMEOUT_CHECK_MS,
    },
    requestTimeout: config.requestTimeoutMs,
    clientErrorHandler: answerClientError,
    bodyLimit: BODY_LIMIT,
    trustProxy: config.trustProxy,
    // A request id is ours to make; one sent by the client could carry anything into the logs.
    requestIdHeader: false,
    logController: new RequestLog(),
    // While stopping, the hook below answers in Kindly's shape rather than Fastify's.
    return503OnClosing: false,
    logger: {
      level: config.logLevel,
      ...(logStream ? { stream: logStream } : {}),
      // Requests are logged by RequestLog. The redaction is a second line of defence, should
      // anyone ever log a request object.
      redact: {
        paths: [
          'req.headers.authorization',
          'req.headers["idempotency-key"]',
          'req.headers.cookie',
          'req.body',
          'body',
        ],
        censor: '[redacted]',
      },
      serializers: {
        req: (request: { method: string; url: string }) => ({
          method: request.method,
          path: pathOf(request.url),
        }),
      },
    },
    frameworkErrors: (_error, _request, reply) => {
      sendError(reply, new ApiError(400, 'bad-request', 'The request could not be read.'));
    },
  });

  const hasApp = config.distDir !== null && existsSync(join(config.distDir, 'index.html'));

  app.decorateRequest('applicationId', null);

  // Validation is valibot's, in the handlers, with one error shape; the route schemas are
  // there for the OpenAPI document and for fast response serialisation.
  app.setValidatorCompiler(() => () => true);

  // Only JSON is read; anything else is 415 (Fastify would otherwise take text/plain too).
  app.removeContentTypeParser('text/plain');

  // JSON as Fastify reads it (a __proto__ or constructor key refused), then its depth bounded
  // and its text checked to be Unicode: for every route at once.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = body as string;
    parseJson(request, text, (error: Error | null, value: unknown) => {
      if (error) return done(error, undefined);
      if (nestsDeeperThan(value, MAX_JSON_DEPTH)) return done(tooDeep(), undefined);
      const path = mayHoldSurrogates(text) ? loneSurrogateAt(value) : undefined;
      if (path !== undefined) return done(notUnicode(path), undefined);
      done(null, value);
    });
  });

  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) return sendError(reply, error);
    const status = error.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      return sendError(
        reply,
        new ApiError(500, 'internal', 'Something went wrong on our side; nothing was stored.'),
      );
    }
    return sendError(reply, frameworkError(error));
  });

  app.setNotFoundHandler((request, reply) => {
    const path = pathOf(request.url);
    const isPage = !/\.[A-Za-z0-9]+$/.test(path);
    if (
      hasApp &&
      !isApi(path) &&
      isPage &&
      (request.method === 'GET' || request.method === 'HEAD')
    ) {
      // A client-side route such as /apply/amount: the app's shell handles it.
      return reply.sendFile('index.html');
    }
    return sendError(
      reply,
      new ApiError(404, 'not-found', `Nothing at ${request.method} ${path}.`),
    );
  });

  const headers = await securityHeaders(
    hasApp && config.distDir
      ? inlineScriptHashes(readFileSync(join(config.distDir, 'index.html'), 'utf8'))
      : [],
  );
  const readerHeaders = await securityHeaders([], { webAssembly: true });
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(ID_READER_PATH.test(pathOf(request.url)) ? readerHeaders : headers);
    done();
  });

  // From the moment the server starts stopping, a request that arrives on a connection still
  // open is refused at once (the connection then closes); those already being handled finish.
  app.addHook('preClose', (done) => {
    stopping.add(app);
    done();
  });
  // A request that was already being handled gets its answer, then its connection closes
  // (Node closes idle connections only once, as the stop begins).
  app.addHook('onSend', (request, reply, _payload, done) => {
    if (stopping.has(app) && request.raw.httpVersionMajor < 2) {
      reply.header('connection', 'close');
    }
    done();
  });
  app.addHook('onRequest', (_request, reply, done) => {
    if (!stopping.has(app)) return done();
    reply.header('retry-after', String(RETRY_AFTER_STOPPING_S)).header('connection', 'close');
    sendError(
      reply,
      new ApiError(503, 'server-stopping', 'The server is restarting; try again in a moment.'),
    );
  });
  if (config.tls) {
    // Fastify asks to close the connection after a body it cannot read; HTTP/2 has no such
    // header, and Node warns in the log when it drops one.
    app.addHook('onSend', (request, reply, _payload, done) => {
      if (request.raw.httpVersionMajor >= 2) reply.removeHeader('connection');
      done();
    });
  }

  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_request, context) =>
      new ApiError(
        429,
        'rate-limited',
        `Too many requests from this device; try again in ${context.after}.`,
      ),
  });

  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kindly reference API',
        version: '1.0.0',
        description:
          'Loan applications for Kindly. Every error answers {"error": {"code", "message", "field"}}.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
  });

  await app.register(
    async (api) => {
      api.addHook(
        'onRequest',
        api.rateLimit({ max: config.rateLimits.max, timeWindow: config.rateLimits.windowMs }),
      );
      await apiRoutes(api, {
        store,
        catalog,
        config,
        now,
        ...(options.passcodeCost ? { passcodeCost: options.passcodeCost } : {}),
      });
      api.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
    },
    { prefix: '/api' },
  );

  if (hasApp && config.distDir) {
    await app.register(fastifyStatic, {
      root: config.distDir,
      // The build writes .br and .gz copies of its text files (scripts/precompress.ts): sent
      // to browsers that accept them, with Vary: Accept-Encoding.
      preCompressed: true,
      cacheControl: false,
      setHeaders: (reply, path) => {
        reply.header('cache-control', cacheControlFor(path));
      },
    });
  }

  const purge = async () => {
    const before = new Date(now().getTime() - config.idempotencyDays * DAY_MS).toISOString();
    try {
      const purged = await store.purgeIdempotency(before);
      if (purged > 0) app.log.info({ purged }, 'idempotency keys past their keeping time removed');
    } catch (error) {
      app.log.error({ err: error }, 'removing old idempotency keys failed');
    }
  };
  const timer = setInterval(purge, HOUR_MS);
  timer.unref();
  // Started when the server is ready, not waited for: a backlog (a database long without a
  // server, or a large one on PostgreSQL) must not hold the start past Fastify's time limit.
  let purging: Promise<void> = Promise.resolve();
  app.addHook('onReady', async () => {
    purging = purge();
  });
  scheduleErasure(app, { store, config, now });
  app.addHook('onClose', async () => {
    clearInterval(timer);
    await purging;
    if (ownsStore) await store.close();
  });

  return app;
}

/** The security headers of every response, as helmet makes them, plus a Permissions-Policy
 *  that turns off what Kindly never uses; `scriptHashes` are the inline scripts the page may
 *  run. Worked out once: @fastify/helmet would build helmet's middleware again on every
 *  request, the same headers every time. */
export async function securityHeaders(
  scriptHashes: readonly string[] = [],
  options: { webAssembly?: boolean } = {},
): Promise<Record<string, string>> {
  const probe = Fastify();
  await probe.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        ...CSP_DIRECTIVES,
        scriptSrc: [
          ...CSP_DIRECTIVES.scriptSrc,
          ...(options.webAssembly ? ["'wasm-unsafe-eval'"] : []),
          ...scriptHashes,
        ],
      },
    },
    referrerPolicy: { policy: 'no-referrer' as const },
    xFrameOptions: { action: 'deny' as const },
  });
  probe.get('/', async () => '');
  const response = await probe.inject({ method: 'GET', url: '/' });
  await probe.close();
  const headers: Record<string, string> = {
    // The camera for this origin only: reading an ID card on the device (About you).
    'permissions-policy': 'camera=(self), microphone=(), geolocation=(), payment=(), usb=()',
  };
  const ordinary = new Set(['content-type', 'content-length', 'date', 'connection', 'keep-alive']);
  for (const [name, value] of Object.entries(response.headers)) {
    if (!ordinary.has(name) && typeof value === 'string') headers[name] = value;
  }
  return headers;
}

// A request Node gives up on before Fastify has it (headers or body too slow, headers too
// large, bytes that are not HTTP), answered in Kindly's shape when nothing has been written
// for it yet, then cut off.
function answerClientError(error: NodeJS.ErrnoException, socket: Socket) {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const pending = (socket as { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (socket.writable && !pending?.headersSent) {
    const [status, reason, refusal] =
      error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [
            408,
            'Request Timeout',
            new ApiError(408, 'request-timeout', 'The request took too long to arrive.'),
          ]
        : error.code === 'HPE_HEADER_OVERFLOW'
          ? [
              431,
              'Request Header Fields Too Large',
              new ApiError(431, 'headers-too-large', 'The request headers are too large.'),
            ]
          : [
              400,
              'Bad Request',
              new ApiError(400, 'bad-request', 'The request could not be read.'),
            ];
    const body = JSON.stringify(refusal.toBody());
    socket.write(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json; charset=utf-8\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nCache-Control: no-store\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}

// Servers that have begun to stop: every request they see from then on is answered 503.
const stopping = new WeakSet<FastifyInstance>();

/** How long a stopping server keeps its idle keep-alive connections open, so that a request
 *  a client sends on one just then is answered 503 rather than cut off unread. */
export const STOP_DRAIN_MS = 1000;

/** Stops a listening server: no new connections; a request arriving on a connection already
 *  open is answered 503 server-stopping (with Retry-After); requests already being handled
 *  get up to `timeoutMs` in all to finish, then what is left is cut off; the database is
 *  closed last (onClose). */
export async function stopGracefully(app: FastifyInstance, timeoutMs: number): Promise<void> {
  stopping.add(app);
  const server = app.server as NetServer & { closeAllConnections?: () => void };
  // The listening socket alone: Node's own http close() would also drop idle keep-alive
  // connections at once, and a request already on its way over one would meet a reset.
  if (server.listening) NetServer.prototype.close.call(server);
  const drain = Math.min(STOP_DRAIN_MS, timeoutMs);
  const cutOff = setTimeout(() => server.closeAllConnections?.(), timeoutMs);
  try {
    await new Promise((resolve) => setTimeout(resolve, drain));
    await app.close();
  } finally {
    clearTimeout(cutOff);
  }
}

// Fastify's own 4xx errors (body parsing, limits) in the API's words.
function frameworkError(error: FastifyError): ApiError {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new ApiError(
        413,
        'body-too-large',
        `The body is larger than ${BODY_LIMIT / 1024} kB.`,
      );
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return new ApiError(415, 'unsupported-media-type', 'Send the body as application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new ApiError(400, 'empty-body', 'The body is empty; send JSON, or no Content-Type.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new ApiError(400, 'bad-content-length', 'Content-Length does not match the body.');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return new ApiError(400, 'malformed-json', 'The body is not valid JSON.');
  }
  if (error instanceof SyntaxError) {
    return new ApiError(400, 'malformed-json', 'The body is not valid JSON.');
  }
  return new ApiError(error.statusCode ?? 400, 'bad-request', 'The request could not be handled.');
}
