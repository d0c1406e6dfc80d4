// Kindly's real server (src/server/main.ts) serving the bench's own build, on a free port,
// with a throwaway database.
import { join } from 'node:path';
import { freePort, start, stop } from './processes';

/** A running server: where it answers, and how to stop it. */
export interface RunningServer {
  url: string;
  stop: () => Promise<void>;
}

/** Starts the server the way scripts/e2e-server.mjs does, but with its database in `dir`
 *  rather than .kindly-tmp/e2e, which e2e-server.mjs empties at start: a bench running while
 *  the browser tests run would otherwise delete their database. */
export async function startServer(dist: string, dir: string): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let log = '';
  const child = start(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    stdio: ['ignore', 'ignore', 'pipe'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      KINDLY_DIST: dist,
      KINDLY_DB: join(dir, 'kindly.sqlite'),
      KINDLY_LOG_LEVEL: 'warn',
      // One benchmarking browser is one address; the limits are for real clients.
      KINDLY_RATE_LIMIT_MAX: '1000000000',
    },
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    log += chunk.toString();
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`Kindly's server exited with ${child.exitCode}:\n${log}`);
    }
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return { url, stop: () => stop(child) };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stop(child);
  throw new Error(`Kindly's server did not answer ${url}/api/health within 60 s:\n${log}`);
}
