// Starts Kindly's real server for the browser tests: the built app from dist/, a fresh
// throwaway database, and rate limits raised so that one test machine is not one abuser.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';

// KINDLY_E2E_DIR lets a second run (another person's, on another port) keep its own database.
const dir = process.env.KINDLY_E2E_DIR ?? '.kindly-tmp/e2e';
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
// KINDLY_E2E_BACKEND=postgres runs the same server on a throwaway PostgreSQL cluster instead.
const postgres = process.env.KINDLY_E2E_BACKEND === 'postgres';
const entry = postgres ? 'scripts/e2e-postgres.ts' : 'src/server/main.ts';
const child = spawn('node_modules/.bin/tsx', [entry], {
  stdio: 'inherit',
  env: {
    ...process.env,
    KINDLY_DB: `${dir}/kindly.sqlite`,
    KINDLY_RATE_LIMIT_MAX: process.env.KINDLY_RATE_LIMIT_MAX ?? '100000',
    KINDLY_RATE_LIMIT_SUBMIT_MAX: process.env.KINDLY_RATE_LIMIT_SUBMIT_MAX ?? '100000',
  },
});
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
