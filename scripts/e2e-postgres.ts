// The browser tests' server on PostgreSQL (KINDLY_E2E_BACKEND=postgres, from
// scripts/e2e-server.mjs): a throwaway cluster as the server's tests start theirs, a data key
// file, and the server run as `npm start` runs it against them. The database's URL is written
// beside the key (a11y-tests/support/stored.ts reads both); the cluster stops with the server.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startTestCluster } from '../src/server/pg-test-cluster';

const dir = process.env.KINDLY_E2E_DIR ?? '.kindly-tmp/e2e';
const cluster = await startTestCluster();
const url = await cluster.newDatabase();
const keyFile = join(dir, 'data.key');
writeFileSync(keyFile, `${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
writeFileSync(join(dir, 'database-url'), `${url}\n`);

const child = spawn('node_modules/.bin/tsx', ['src/server/main.ts'], {
  stdio: 'inherit',
  env: { ...process.env, KINDLY_DATABASE_URL: url, KINDLY_DATA_KEY_FILE: keyFile },
});
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => child.kill(signal));
}
// Playwright may end the web server's whole process group with SIGKILL, and the cluster runs
// in a session of its own: a watchdog outside the group stops it once this process is gone.
spawn(
  'sh',
  [
    '-c',
    `while kill -0 ${process.pid} 2>/dev/null; do sleep 1; done; ` +
      `if [ -d '${cluster.dir}' ]; then kill -QUIT ${cluster.pid()}; sleep 2; rm -rf '${cluster.dir}'; fi`,
  ],
  { detached: true, stdio: 'ignore' },
).unref();
child.on('exit', (code) => {
  cluster.stop();
  process.exit(code ?? 0);
});
