// A throwaway PostgreSQL cluster for the server's tests: initdb in a temporary folder, started
// on a free loopback port, removed afterwards. PostgreSQL refuses to run as root, so under
// root (as CI runs) the cluster belongs to the unprivileged user `nobody`.
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** The folder of PostgreSQL's programs (KINDLY_PG_BIN, or Debian's newest), or null. */
export function postgresBin(): string | null {
  const given = process.env.KINDLY_PG_BIN;
  if (given) return existsSync(join(given, 'initdb')) ? given : null;
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(root, versions[0], 'bin') : null;
}

/** The line a test file prints when it skips its PostgreSQL tests. */
export const NO_POSTGRES =
  'PostgreSQL is not installed (no initdb in KINDLY_PG_BIN or /usr/lib/postgresql/*/bin): ' +
  "the PostgreSQL storage tests are SKIPPED. Install Debian's postgresql package to run them.";

/** Says, once per test file, that its PostgreSQL tests are skipped; answers whether they run. */
export function postgresAvailable(): boolean {
  if (postgresBin()) return true;
  process.stderr.write(`${NO_POSTGRES}\n`);
  return false;
}

/** A running throwaway cluster. */
export interface TestCluster {
  /** A URL for a new, empty database of this cluster. */
  newDatabase(): Promise<string>;
  /** The process id of the cluster's postmaster (its server processes are its children). */
  pid(): number;
  /** The cluster's folder (its data, socket and log), removed by stop. */
  dir: string;
  stop(): void;
}

const NOBODY = 65534;

/** A free loopback port in the range tests were given (KINDLY_TEST_PG_PORTS_FROM, 55400, and
 *  the 99 after it). */
export async function freePort(): Promise<number> {
  // Tests on a shared machine stay within the range they were given.
  const from = Number(process.env.KINDLY_TEST_PG_PORTS_FROM ?? 55400);
  for (let port = from + Math.floor(Math.random() * 50); port < from + 100; port++) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer();
      probe.once('error', () => resolve(false));
      probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
    });
    if (free) return port;
  }
  throw new Error(`no free port from ${from} for a test PostgreSQL`);
}

/** Starts a small cluster (trust authentication on loopback only, user `kindly`). */
export async function startTestCluster(): Promise<TestCluster> {
  const bin = postgresBin();
  if (!bin) throw new Error(NO_POSTGRES);
  const dir = mkdtempSync(join(tmpdir(), 'kindly-pg-'));
  const asRoot = process.getuid?.() === 0;
  if (asRoot) chownSync(dir, NOBODY, NOBODY);
  const run = (program: string, args: string[]) =>
    execFileSync(
      asRoot ? 'runuser' : join(bin, program),
      asRoot ? ['-u', 'nobody', '--', join(bin, program), ...args] : args,
      { stdio: 'pipe', cwd: dir },
    );
  const data = join(dir, 'data');
  run('initdb', ['-D', data, '-U', 'kindly', '-A', 'trust', '--no-sync', '-E', 'UTF8']);
  // Test files start clusters at the same moment: a port found free may be taken before this
  // cluster binds it, and then another is tried.
  let port = 0;
  for (let attempt = 1; port === 0; attempt++) {
    const tried = await freePort();
    const settings = [
      `-p ${tried}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      '-c shared_buffers=16MB',
      '-c max_connections=80',
    ].join(' ');
    try {
      run('pg_ctl', ['-D', data, '-l', join(dir, 'log'), '-o', settings, '-w', 'start']);
      port = tried;
    } catch (error) {
      if (attempt >= 5) throw error;
    }
  }
  const base = `postgres://kindly@127.0.0.1:${port}`;
  let made = 0;
  return {
    async newDatabase() {
      const name = `kindly_test_${process.pid}_${made++}`;
      const client = new pg.Client({ connectionString: `${base}/postgres` });
      await client.connect();
      try {
        // A name cannot be a parameter; this one is made here from digits alone.
        await client.query(`CREATE DATABASE ${name}`);
      } finally {
        await client.end();
      }
      return `${base}/${name}`;
    },
    dir,
    pid() {
      return Number(readFileSync(join(data, 'postmaster.pid'), 'utf8').split('\n')[0]);
    },
    stop() {
      try {
        run('pg_ctl', ['-D', data, '-m', 'immediate', 'stop']);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
  };
}
