// Kindly's real server (src/server/main.ts) in its own process, on a free loopback port, with
// a throwaway database: for the page bench (serving the bench's own build) and for
// bench:server (the API alone).
import type { ChildProcess } from 'node:child_process';
import { createHash, X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { freePort, start, stop, waitUntilAnswers } from './processes';

/** A self-signed certificate for 127.0.0.1, made for the tests and this bench alone (its key is
 *  in the repository: it secures nothing). */
export const LOOPBACK_TLS = {
  certPath: 'src/server/testdata/loopback-cert.pem',
  keyPath: 'src/server/testdata/loopback-key.pem',
};

/** The Chromium flag that trusts the loopback certificate, by its public key, and nothing
 *  else: every other certificate is checked as usual. */
export function trustLoopbackCertificate(): string {
  const cert = new X509Certificate(readFileSync(LOOPBACK_TLS.certPath));
  const spki = cert.publicKey.export({ type: 'spki', format: 'der' });
  return `--ignore-certificate-errors-spki-list=${createHash('sha256').update(spki).digest('base64')}`;
}

/** A running server: where it answers, its process, and how to stop it. */
export interface RunningServer {
  url: string;
  child: ChildProcess;
  stop: () => Promise<void>;
}

/** Starts the server the way scripts/e2e-server.mjs does, but with its database in `dir`
 *  rather than .kindly-tmp/e2e, which e2e-server.mjs empties at start: a bench running while
 *  the browser tests run would otherwise delete their database. `dist` is the build to serve,
 *  'none' for the API alone. The rate limits are raised: one benchmarking client is one
 *  address, and the limits are for real clients. Logs at `logLevel` (warn unless given; the
 *  server's own default, info, logs a line per request). With `tls`, it serves HTTPS (as
 *  HTTP/2) with the loopback certificate. `env` adds settings (PostgreSQL, processes). */
export async function startServer(
  dist: string,
  dir: string,
  {
    logLevel = 'warn',
    tls = false,
    env = {},
  }: { logLevel?: string; tls?: boolean; env?: Record<string, string> } = {},
): Promise<RunningServer> {
  const port = await freePort();
  const url = `${tls ? 'https' : 'http'}://127.0.0.1:${port}`;
  let log = '';
  const child = start(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      KINDLY_DIST: dist,
      KINDLY_DB: join(dir, 'kindly.sqlite'),
      KINDLY_LOG_LEVEL: logLevel,
      KINDLY_RATE_LIMIT_MAX: '1000000000',
      KINDLY_RATE_LIMIT_SUBMIT_MAX: '1000000000',
      ...(tls
        ? { KINDLY_TLS_CERT: LOOPBACK_TLS.certPath, KINDLY_TLS_KEY: LOOPBACK_TLS.keyPath }
        : {}),
      ...env,
    },
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  try {
    const ca = tls ? readFileSync(LOOPBACK_TLS.certPath) : undefined;
    await waitUntilAnswers(`${url}/api/health`, child, 60_000, () => log, ca);
  } catch (error) {
    await stop(child);
    throw error;
  }
  return { url, child, stop: () => stop(child) };
}
