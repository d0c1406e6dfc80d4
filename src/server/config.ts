// The server's settings, read from the environment once at start. A bad value stops the
// server with a message naming the variable, rather than running with a guess.
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { KeySource } from './data-keys';

/** Requests per client allowed in each rate-limit window. */
export interface RateLimits {
  /** Any /api request. */
  max: number;
  /** POST /api/applications, the one that writes. */
  submitMax: number;
  windowMs: number;
  /** Staff sign-ins per client in each GUESS_WINDOW_MS (passcode guessing). */
  staffSignInMax: number;
  /** Resume-code redeem attempts per client in each GUESS_WINDOW_MS (code guessing). */
  redeemMax: number;
}

/** The window of the limits against guessing passcodes and resume codes: 15 minutes. */
export const GUESS_WINDOW_MS = 15 * 60_000;

/** Everything the server can be told from outside. */
export interface ServerConfig {
  port: number;
  host: string;
  /** SQLite file, or ':memory:'. */
  dbPath: string;
  /** A postgres:// URL: PostgreSQL is used instead of the SQLite file. */
  databaseUrl: string | null;
  /** How many server processes to run on this host (more than one needs PostgreSQL). */
  processes: number;
  /** The product catalog (JSON). */
  productsPath: string;
  /** The built PWA to serve, or null to serve the API alone. */
  distDir: string | null;
  coolingOffDays: number;
  /** Days an idempotency key is remembered; at least 7 (the app may retry for a week). */
  idempotencyDays: number;
  /** The lender's phone number, shown to applicants who need help. */
  lenderPhone: string;
  /** IANA time zone in which "today" is judged (ages, for instance). */
  timeZone: string;
  rateLimits: RateLimits;
  /** How long a staff session lasts, in hours. */
  staffSessionHours: number;
  /** How long a staff account stays locked after too many wrong passcodes, in minutes. */
  staffLockMinutes: number;
  /** Whom to believe about the client's address (X-Forwarded-For): false (nobody, the
   *  default), true (any proxy), a hop count, or a comma-separated list of proxy addresses. */
  trustProxy: boolean | string | ((address: string, hop: number) => boolean);
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** How long a client may take to send a request's headers, in ms (slow clients are answered
   *  408 and cut off). */
  headersTimeoutMs: number;
  /** How long a client may take to send a whole request, body included, in ms. */
  requestTimeoutMs: number;
  /** On SIGTERM, how long requests already being handled may take to finish, in ms; after
   *  that their connections are closed. */
  stopTimeoutMs: number;
  /** Serve HTTPS (HTTP/2, and HTTP/1.1 for older clients) with this certificate and key (PEM
   *  files), or plain HTTP when null: behind a proxy that ends TLS, or on loopback. */
  tls: { certPath: string; keyPath: string } | null;
  /** The key personal data is sealed with (null: the key file beside the database), and the
   *  one being rotated away from, still read. */
  dataKeys: { current: KeySource | null; previous: KeySource | null };
  /** Days the personal data of an application is kept: after it was withdrawn, and after it
   *  was received for one never taken further. Its access token ends then too. */
  retention: { withdrawnDays: number; notTakenUpDays: number };
}

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The defaults, as the README documents them. */
export const DEFAULTS: ServerConfig = {
  port: 8080,
  host: '127.0.0.1',
  dbPath: './data/kindly.sqlite',
  databaseUrl: null,
  processes: 1,
  productsPath: resolve(root, 'src/loan/catalog/products.json'),
  distDir: resolve(root, 'dist'),
  coolingOffDays: 14,
  idempotencyDays: 7,
  lenderPhone: '400-888-5566',
  timeZone: 'Asia/Shanghai',
  rateLimits: { max: 600, submitMax: 30, windowMs: 60_000, staffSignInMax: 30, redeemMax: 10 },
  staffSessionHours: 8,
  staffLockMinutes: 15,
  trustProxy: false,
  logLevel: 'info',
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  stopTimeoutMs: 10_000,
  tls: null,
  dataKeys: { current: null, previous: null },
  retention: { withdrawnDays: 30, notTakenUpDays: 180 },
};

function integer(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number) {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be a whole number from ${min} to ${max}; it is "${raw}".`);
  }
  return value;
}

function text(env: NodeJS.ProcessEnv, name: string, fallback: string) {
  const raw = env[name]?.trim();
  return raw ? raw : fallback;
}

function trustProxy(raw: string): ServerConfig['trustProxy'] {
  if (raw === 'false') return false;
  if (raw === 'true') return true;
  if (!/^\d+$/.test(raw)) return raw;
  const hops = Number(raw);
  return (_address, hop) => hop < hops;
}

/** Reads the configuration from environment variables (PORT, HOST, KINDLY_*). */
export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const timeZone = text(env, 'KINDLY_TIME_ZONE', DEFAULTS.timeZone);
  try {
    new Intl.DateTimeFormat('en', { timeZone });
  } catch {
    throw new Error(
      `KINDLY_TIME_ZONE must be an IANA time zone such as Asia/Shanghai; it is "${timeZone}".`,
    );
  }
  const logLevel = text(env, 'KINDLY_LOG_LEVEL', DEFAULTS.logLevel);
  const levels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
  if (!(levels as readonly string[]).includes(logLevel)) {
    throw new Error(`KINDLY_LOG_LEVEL must be one of ${levels.join(', ')}; it is "${logLevel}".`);
  }
  const dist = text(env, 'KINDLY_DIST', DEFAULTS.distDir ?? '');
  const databaseUrl = env.KINDLY_DATABASE_URL?.trim() || null;
  if (databaseUrl && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error(
      'KINDLY_DATABASE_URL must be a PostgreSQL URL such as postgres://user:pass@host:5432/db.',
    );
  }
  const processes = integer(env, 'KINDLY_PROCESSES', DEFAULTS.processes, 1, 256);
  // Processes sharing a SQLite file would each count the limits that protect people alone.
  if (processes > 1 && !databaseUrl) {
    throw new Error('KINDLY_PROCESSES above 1 needs PostgreSQL: set KINDLY_DATABASE_URL too.');
  }
  const coolingOffDays = integer(env, 'KINDLY_COOLING_OFF_DAYS', DEFAULTS.coolingOffDays, 0, 365);
  return {
    port: integer(env, 'PORT', DEFAULTS.port, 0, 65535),
    host: text(env, 'HOST', DEFAULTS.host),
    dbPath: text(env, 'KINDLY_DB', DEFAULTS.dbPath),
    databaseUrl,
    processes,
    productsPath: text(env, 'KINDLY_PRODUCTS', DEFAULTS.productsPath),
    distDir: dist === 'none' ? null : dist,
    coolingOffDays,
    idempotencyDays: integer(env, 'KINDLY_IDEMPOTENCY_DAYS', DEFAULTS.idempotencyDays, 7, 3650),
    lenderPhone: text(env, 'KINDLY_LENDER_PHONE', DEFAULTS.lenderPhone),
    timeZone,
    rateLimits: {
      max: integer(env, 'KINDLY_RATE_LIMIT_MAX', DEFAULTS.rateLimits.max, 1, 1e9),
      submitMax: integer(
        env,
        'KINDLY_RATE_LIMIT_SUBMIT_MAX',
        DEFAULTS.rateLimits.submitMax,
        1,
        1e9,
      ),
      windowMs: integer(
        env,
        'KINDLY_RATE_LIMIT_WINDOW_MS',
        DEFAULTS.rateLimits.windowMs,
        1000,
        864e5,
      ),
      staffSignInMax: integer(
        env,
        'KINDLY_STAFF_SIGN_IN_MAX',
        DEFAULTS.rateLimits.staffSignInMax,
        1,
        1e9,
      ),
      redeemMax: integer(env, 'KINDLY_RESUME_REDEEM_MAX', DEFAULTS.rateLimits.redeemMax, 1, 1e9),
    },
    staffSessionHours: integer(
      env,
      'KINDLY_STAFF_SESSION_HOURS',
      DEFAULTS.staffSessionHours,
      1,
      24 * 7,
    ),
    staffLockMinutes: integer(env, 'KINDLY_STAFF_LOCK_MINUTES', DEFAULTS.staffLockMinutes, 1, 1440),
    trustProxy: trustProxy(text(env, 'KINDLY_TRUST_PROXY', 'false')),
    logLevel: logLevel as ServerConfig['logLevel'],
    ...timeouts(env),
    tls: tls(text(env, 'KINDLY_TLS_CERT', ''), text(env, 'KINDLY_TLS_KEY', '')),
    dataKeys: {
      current: keySource(env, 'KINDLY_DATA_KEY'),
      previous: keySource(env, 'KINDLY_DATA_KEY_PREVIOUS'),
    },
    retention: {
      withdrawnDays: integer(
        env,
        'KINDLY_RETENTION_DAYS_WITHDRAWN',
        DEFAULTS.retention.withdrawnDays,
        0,
        3650,
      ),
      // Never shorter than the cooling-off period: the applicant's token must last as long
      // as they may withdraw.
      notTakenUpDays: integer(
        env,
        'KINDLY_RETENTION_DAYS_NOT_TAKEN_UP',
        Math.max(DEFAULTS.retention.notTakenUpDays, coolingOffDays),
        Math.max(coolingOffDays, 1),
        3650,
      ),
    },
  };
}

function timeouts(env: NodeJS.ProcessEnv) {
  const headersTimeoutMs = integer(
    env,
    'KINDLY_HEADERS_TIMEOUT_MS',
    DEFAULTS.headersTimeoutMs,
    1000,
    600_000,
  );
  const requestTimeoutMs = integer(
    env,
    'KINDLY_REQUEST_TIMEOUT_MS',
    DEFAULTS.requestTimeoutMs,
    1000,
    3_600_000,
  );
  // Node refuses a headers timeout longer than the whole request's.
  if (headersTimeoutMs > requestTimeoutMs) {
    throw new Error(
      'KINDLY_HEADERS_TIMEOUT_MS must not be longer than KINDLY_REQUEST_TIMEOUT_MS: the ' +
        'headers are part of the request.',
    );
  }
  const stopTimeoutMs = integer(env, 'KINDLY_STOP_TIMEOUT_MS', DEFAULTS.stopTimeoutMs, 0, 600_000);
  return { headersTimeoutMs, requestTimeoutMs, stopTimeoutMs };
}

// A key given as its value (`name`) or as a file holding it (`name`_FILE), not both.
function keySource(env: NodeJS.ProcessEnv, name: string): KeySource | null {
  const value = env[name]?.trim();
  const file = text(env, `${name}_FILE`, '');
  if (value && file) throw new Error(`Set ${name} or ${name}_FILE, not both.`);
  if (value) return { value };
  return file ? { file } : null;
}

function tls(certPath: string, keyPath: string): ServerConfig['tls'] {
  if (!certPath && !keyPath) return null;
  if (!certPath || !keyPath) {
    throw new Error(
      'KINDLY_TLS_CERT and KINDLY_TLS_KEY go together: the certificate and its private key (PEM files).',
    );
  }
  return { certPath, keyPath };
}

/** A function answering today's date (YYYY-MM-DD) in a time zone, by the given clock. */
export function todayIn(timeZone: string, now: () => Date): () => string {
  // en-CA writes dates as YYYY-MM-DD. One formatter, made once: making them is slow.
  const format = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  });
  let second = Number.NaN;
  let today = '';
  return () => {
    const at = now();
    const thisSecond = Math.floor(at.getTime() / 1000);
    if (thisSecond !== second) {
      second = thisSecond;
      today = format.format(at);
    }
    return today;
  };
}
