// `npm run bench:server`: starts Kindly's server as it runs in production (its own process,
// request logging on, SQLite with synchronous=FULL) on a throwaway database and a free
// loopback port, then loads it: POST /api/applications with a new Idempotency-Key on every
// request, then GET /api/products, then a reviewer's first page of the queue with 100,000
// applications stored. Prints requests/s, p50/p99 latency and the CPU each side used per
// request, and exits 1 when submissions miss the budget (2,000/s with p99 at most 20 ms) or
// the queue's first page has p99 above 50 ms.
//
// The load comes from autocannon (in Node, so it runs anywhere). On 2 cores autocannon itself
// takes about a core, as much as the server; BENCH_GENERATOR=wrk uses Debian's wrk (written in
// C, `apt-get install wrk`) instead, which leaves the server more of the machine. Both keep
// BENCH_CONNECTIONS (10) connections busy for BENCH_SECONDS (10) seconds.
//
// `-- --backend=postgres` runs it on PostgreSQL (KINDLY_BENCH_DATABASE_URL, or a throwaway
// cluster started here as the tests start theirs) and `--processes=N` with N server processes
// (KINDLY_PROCESSES); the budget is held to SQLite with one process, the default. `--crash`
// is the crash test instead: PostgreSQL, two processes, submissions from BENCH_CONNECTIONS
// clients for BENCH_SECONDS, one process killed with SIGKILL half way; then every
// application answered 201 must be readable.
import { execFileSync } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import catalogJson from '../src/loan/catalog/products.json';
import { parseCatalog } from '../src/loan/index';
import { sampleApplication } from '../src/loan/test-fixtures';
import { openPgStore } from '../src/server/pg-store';
import { startTestCluster } from '../src/server/pg-test-cluster';
import { hashOf } from '../src/server/secrets';
import { openSqliteStore } from '../src/server/sqlite-store';
import { hashPasscode } from '../src/server/staff';
import type { Store } from '../src/server/store';
import { onStop, run, stopAll } from './bench/processes';
import { startServer } from './bench/server';

const BUDGET = { submissionsPerSecond: 2000, p99Ms: 20, queueP99Ms: 50 };
// Applications stored before the server starts, for the queue to page through.
const QUEUED = 100_000;
const REVIEWER = { id: 'S-RVWA', passcode: 'bench-reviewer' };
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const GENERATORS = ['autocannon', 'wrk'] as const;
type Generator = (typeof GENERATORS)[number];

/** One load run as either generator reports it. */
interface Load {
  requestsPerSecond: number;
  total: number;
  ok: number;
  failed: number;
  p50Ms: number;
  p99Ms: number;
  /** CPU the generator itself used, ms. */
  generatorCpuMs: number;
}

/** One kind of request to repeat: submissions get a new Idempotency-Key each time. */
interface Target {
  method: 'GET' | 'POST';
  path: string;
  body?: string;
  newKeyEachTime?: boolean;
  authorization?: string;
}

function say(text: string) {
  process.stdout.write(`${text}\n`);
}

// CPU time (ms) from a /proc stat line: utime + stime (fields 14 and 15), in clock ticks of
// 10 ms; cutime + cstime (16 and 17) with `children`.
function ticksMs(stat: string, children = false): number {
  const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
  const at = children ? 13 : 11;
  return ((Number(fields[at]) + Number(fields[at + 1])) * 1000) / 100;
}

/** CPU (ms) a process has used so far, split into its event loop (the main thread) and its
 *  other threads (the SQLite writer, libuv, V8); null where there is no /proc. Divided by the
 *  requests served, it says what one request costs whatever else the machine is doing. */
function processCpu(pid: number): { main: number; others: number } | null {
  try {
    let main = 0;
    let others = 0;
    for (const tid of readdirSync(`/proc/${pid}/task`)) {
      const ms = ticksMs(readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8'));
      if (tid === String(pid)) main = ms;
      else others += ms;
    }
    return { main, others };
  } catch {
    return null;
  }
}

/** The ids of a process's children (the cluster's server processes). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

/** processCpu of a process and its children together: with several server processes, the
 *  first only hands connections over and the others serve. */
function treeCpu(pid: number): { main: number; others: number } | null {
  const own = processCpu(pid);
  if (!own) return null;
  for (const child of childrenOf(pid)) {
    const cpu = processCpu(child);
    if (cpu) {
      own.main += cpu.main;
      own.others += cpu.others;
    }
  }
  return own;
}

/** CPU (ms) used by this process's finished children: how wrk's own cost is read. */
function childrenCpuMs(): number {
  try {
    return ticksMs(readFileSync('/proc/self/stat', 'utf8'), true);
  } catch {
    return Number.NaN;
  }
}

function hasWrk(): boolean {
  try {
    execFileSync('wrk', ['--version'], { stdio: 'ignore' });
    return true;
  } catch (error) {
    // wrk --version prints its usage and exits 1: it is there all the same.
    return (error as { code?: string }).code !== 'ENOENT';
  }
}

function chosenGenerator(): Generator {
  const asked = process.env.BENCH_GENERATOR ?? 'autocannon';
  if (!(GENERATORS as readonly string[]).includes(asked)) {
    throw new Error(`BENCH_GENERATOR must be one of ${GENERATORS.join(', ')}; it is "${asked}".`);
  }
  if (asked === 'wrk' && !hasWrk()) {
    throw new Error('BENCH_GENERATOR=wrk, but wrk is not installed (apt-get install wrk).');
  }
  return asked as Generator;
}

// The application every submission sends: the shared sample with a trusted contact and a
// phone typed with spaces, so validation does all of its work.
function applicationJson(): string {
  const product = parseCatalog(catalogJson).products[0];
  if (!product) throw new Error('the sample catalog has no products');
  const sample = sampleApplication(product);
  return JSON.stringify({
    ...sample,
    applicant: { ...sample.applicant, phone: '138 1234 5678' },
    trustedContact: { name: '王芳', phone: '13912345678', relationship: '女儿' },
  });
}

interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  '2xx': number;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: {
    method: string;
    path: string;
    headers?: Record<string, string>;
    body?: string;
    setupRequest?: (request: { headers: Record<string, string> }) => unknown;
  }[];
}) => Promise<AutocannonResult>;

// autocannon ships no types; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

async function loadWithAutocannon(url: string, target: Target, seconds: number): Promise<Load> {
  const cpu0 = process.cpuUsage();
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: target.method,
        path: target.path,
        headers: {
          ...(target.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(target.authorization ? { authorization: target.authorization } : {}),
        },
        ...(target.body === undefined ? {} : { body: target.body }),
        ...(target.newKeyEachTime
          ? {
              setupRequest: (request) => {
                request.headers = { ...request.headers, 'idempotency-key': randomUUID() };
                return request;
              },
            }
          : {}),
      },
    ],
  });
  const cpu = process.cpuUsage(cpu0);
  return {
    requestsPerSecond: result.requests.average,
    total: result.requests.total,
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    generatorCpuMs: (cpu.user + cpu.system) / 1000,
  };
}

// wrk's script: keys are a prefix new for each run (8 random hex digits made here) and a
// counter, so no key repeats; the summary comes back as one JSON line.
const WRK_SCRIPT = `
local counter, prefix, new_key = 0, "", false
function init(args)
  prefix = args[2]
  wrk.method = args[4]
  if args[1] ~= "" then
    local file = assert(io.open(args[1], "rb"))
    wrk.body = file:read("*a")
    file:close()
    wrk.headers["Content-Type"] = "application/json"
  end
  new_key = args[3] == "1"
  if args[5] ~= "" then wrk.headers["Authorization"] = args[5] end
end
function request()
  if not new_key then return wrk.format() end
  counter = counter + 1
  wrk.headers["Idempotency-Key"] = string.format("%s-0000-4000-8000-%012x", prefix, counter)
  return wrk.format()
end
function done(summary, latency, requests)
  local e = summary.errors
  io.write(string.format(
    '\\nKINDLY {"total":%d,"us":%d,"failed":%d,"non2xx":%d,"p50":%d,"p99":%d}\\n',
    summary.requests, summary.duration, e.connect + e.read + e.write + e.timeout, e.status,
    latency:percentile(50), latency:percentile(99)))
end
`;

async function loadWithWrk(
  url: string,
  target: Target,
  seconds: number,
  dir: string,
): Promise<Load> {
  const script = join(dir, 'load.lua');
  const bodyFile = join(dir, 'body.json');
  writeFileSync(script, WRK_SCRIPT);
  if (target.body !== undefined) writeFileSync(bodyFile, target.body);
  const cpu0 = childrenCpuMs();
  // One thread drives all the connections: wrk's cost stays on one core.
  const { code, output } = await run(
    'wrk',
    [
      '-t1',
      `-c${CONNECTIONS}`,
      `-d${seconds}s`,
      '-s',
      script,
      `${url}${target.path}`,
      '--',
      target.body === undefined ? '' : bodyFile,
      randomUUID().slice(0, 8),
      target.newKeyEachTime ? '1' : '0',
      target.method,
      target.authorization ?? '',
    ],
    { timeoutMs: (seconds + 30) * 1000 },
  );
  const generatorCpuMs = childrenCpuMs() - cpu0;
  const line = /KINDLY (\{.*\})/.exec(output)?.[1];
  if (code !== 0 || !line) throw new Error(`wrk failed (exit ${code}):\n${output}`);
  const summary = JSON.parse(line) as Record<string, number>;
  const n = (key: string) => summary[key] ?? 0;
  return {
    requestsPerSecond: n('total') / (n('us') / 1e6),
    total: n('total'),
    ok: n('total') - n('non2xx'),
    failed: n('failed') + n('non2xx'),
    p50Ms: n('p50') / 1000,
    p99Ms: n('p99') / 1000,
    generatorCpuMs,
  };
}

function line(name: string, load: Load, server: string) {
  const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0).padStart(4)} ms`;
  return [
    `${name.padEnd(24)} ${String(Math.round(load.requestsPerSecond)).padStart(6)} req/s`,
    `p50 ${ms(load.p50Ms)}   p99 ${ms(load.p99Ms)}`,
    `(${load.ok} ok, ${load.failed} failed)`,
    `CPU per request: server ${server}, load generator ${(load.generatorCpuMs / load.total).toFixed(2)} ms`,
  ].join('   ');
}

function loadAverage() {
  return loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
}

/** Stores QUEUED applications (sealed as the server stores them) and a reviewer's account in
 *  `store`, before the server opens its database, and closes it. */
async function fillQueue(store: Store) {
  await store.staff.add({
    id: REVIEWER.id,
    name: 'Bench reviewer',
    branch: 'Head office',
    role: 'reviewer',
    passcodeHash: await hashPasscode(REVIEWER.passcode),
    createdAt: new Date().toISOString(),
  });
  const body = applicationJson();
  const start = Date.UTC(2026, 0, 1);
  const writes: Promise<unknown>[] = [];
  for (let i = 0; i < QUEUED; i++) {
    const key = randomUUID();
    const at = new Date(start + i * 1000).toISOString();
    writes.push(
      store.createApplication({
        application: {
          id: randomUUID(),
          status: 'received',
          tokenHash: hashOf('access-token', key),
          receivedAt: at,
          withdrawableUntil: at,
          withdrawnAt: null,
          erasedAt: null,
          body,
        },
        keyHash: hashOf('idempotency-key', key),
        fingerprint: hashOf('body', key),
      }),
    );
  }
  await Promise.all(writes);
  await store.close();
}

async function reviewerToken(url: string): Promise<string> {
  const response = await fetch(`${url}/api/staff/sessions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ staffId: REVIEWER.id, passcode: REVIEWER.passcode }),
  });
  const answer = (await response.json()) as { token?: string };
  if (!answer.token) throw new Error(`the reviewer could not sign in (${response.status})`);
  return answer.token;
}

/** What to measure, from the command line (or BENCH_BACKEND and BENCH_PROCESSES). */
function chosenSetup() {
  const { values } = parseArgs({
    options: {
      backend: { type: 'string', default: process.env.BENCH_BACKEND ?? 'sqlite' },
      processes: { type: 'string', default: process.env.BENCH_PROCESSES ?? '1' },
      crash: { type: 'boolean', default: false },
    },
    strict: true,
  });
  const backend = values.crash ? 'postgres' : values.backend;
  if (backend !== 'sqlite' && backend !== 'postgres') {
    throw new Error(`--backend must be sqlite or postgres; it is "${backend}".`);
  }
  const processes = values.crash ? 2 : Number(values.processes);
  if (!Number.isInteger(processes) || processes < 1 || processes > 64) {
    throw new Error(
      `--processes must be a whole number from 1 to 64; it is "${values.processes}".`,
    );
  }
  if (processes > 1 && backend === 'sqlite') {
    throw new Error('--processes above 1 needs --backend=postgres (as the server does).');
  }
  return { backend, processes, crash: values.crash };
}

/** The database for a PostgreSQL run: KINDLY_BENCH_DATABASE_URL, or a new database of a
 *  throwaway cluster stopped on the way out. */
async function postgresUrl(): Promise<{ url: string; postmaster: number | null }> {
  const given = process.env.KINDLY_BENCH_DATABASE_URL;
  if (given) return { url: given, postmaster: null };
  const cluster = await startTestCluster();
  onStop(async () => cluster.stop());
  return { url: await cluster.newDatabase(), postmaster: cluster.pid() };
}

async function countStored(backend: string, dbPath: string, url: string): Promise<number> {
  if (backend === 'sqlite') {
    const db = new Database(dbPath, { readonly: true });
    const stored = db.prepare('SELECT count(*) FROM applications').pluck().get() as number;
    db.close();
    return stored;
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return Number((await client.query('SELECT count(*) FROM applications')).rows[0].count);
  } finally {
    await client.end();
  }
}

/** Sends one request on `agent`; answers its status and body, or null when the connection
 *  failed (as it does for requests held by a process that is killed). */
function send(
  agent: http.Agent,
  base: URL,
  options: { method: string; path: string; headers?: Record<string, string>; body?: string },
): Promise<{ status: number; text: string } | null> {
  return new Promise((resolve) => {
    const req = http.request(
      {
        host: base.hostname,
        port: base.port,
        agent,
        method: options.method,
        path: options.path,
        headers: options.headers,
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
        res.on('error', () => resolve(null));
      },
    );
    req.on('error', () => resolve(null));
    req.end(options.body);
  });
}

/** The crash test: submissions under load, one of two server processes killed with SIGKILL
 *  half way, then every application answered 201 read back with its access token. */
async function crashTest(dir: string, env: Record<string, string>) {
  const server = await startServer('none', dir, { env });
  const base = new URL(server.url);
  const pid = server.child.pid ?? 0;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const body = applicationJson();
  const acknowledged: { id: string; accessToken: string }[] = [];
  let connectionErrors = 0;
  let otherAnswers = 0;
  const until = Date.now() + DURATION_S * 1000;
  const client = async () => {
    while (Date.now() < until) {
      const answer = await send(agent, base, {
        method: 'POST',
        path: '/api/applications',
        headers: { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
        body,
      });
      if (!answer) connectionErrors++;
      else if (answer.status === 201) acknowledged.push(JSON.parse(answer.text));
      else otherAnswers++;
    }
  };
  const kill = async () => {
    await new Promise((resolve) => setTimeout(resolve, (DURATION_S * 1000) / 2));
    const victim = childrenOf(pid)[0];
    if (!victim) throw new Error('no server process to kill');
    process.kill(victim, 'SIGKILL');
    return { victim, acknowledgedBefore: acknowledged.length };
  };
  const [killed] = await Promise.all([
    kill(),
    ...Array.from({ length: CONNECTIONS }, () => client()),
  ]);
  let readable = 0;
  const missing: string[] = [];
  const queue = [...acknowledged];
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async () => {
      for (let next = queue.pop(); next; next = queue.pop()) {
        const answer = await send(agent, base, {
          method: 'GET',
          path: `/api/applications/${next.id}`,
          headers: { authorization: `Bearer ${next.accessToken}` },
        });
        if (answer?.status === 200) readable++;
        else missing.push(next.id);
      }
    }),
  );
  const stored = await countStored('postgres', '', env.KINDLY_DATABASE_URL ?? '');
  agent.destroy();
  say(
    `Crash test: PostgreSQL, 2 server processes, ${CONNECTIONS} clients submitting for ` +
      `${DURATION_S} s; process ${killed.victim} killed with SIGKILL after ` +
      `${killed.acknowledgedBefore} applications were answered 201`,
  );
  say(
    `answered 201: ${acknowledged.length}; read back afterwards: ${readable}; missing: ` +
      `${missing.length}; requests cut off by the kill (no answer): ${connectionErrors}; ` +
      `other answers: ${otherAnswers}; applications in the database: ${stored}`,
  );
  if (missing.length > 0 || readable !== acknowledged.length) {
    say(`LOST: ${missing.slice(0, 10).join(', ')}`);
    process.exitCode = 1;
  } else {
    say('every application answered 201 is still there');
  }
}

async function main() {
  const generator = chosenGenerator();
  const setup = chosenSetup();
  const dir = mkdtempSync(join(tmpdir(), 'kindly-bench-'));
  const dbPath = join(dir, 'kindly.sqlite');
  try {
    const { url, postmaster } =
      setup.backend === 'postgres' ? await postgresUrl() : { url: '', postmaster: null };
    const dataKey = randomBytes(32);
    const env: Record<string, string> =
      setup.backend === 'postgres'
        ? {
            KINDLY_DATABASE_URL: url,
            KINDLY_DATA_KEY: dataKey.toString('base64'),
            KINDLY_PROCESSES: String(setup.processes),
          }
        : {};
    if (setup.crash) {
      await crashTest(dir, env);
      return;
    }
    await fillQueue(
      setup.backend === 'postgres'
        ? await openPgStore(url, { current: dataKey, previous: [], madeFile: null })
        : openSqliteStore(dbPath),
    );
    // As in production: a log line per request. The rate limits are raised (see startServer).
    const server = await startServer('none', dir, { logLevel: 'info', env });
    const pid = server.child.pid ?? 0;
    const load = (target: Target, seconds: number) =>
      generator === 'wrk'
        ? loadWithWrk(server.url, target, seconds, dir)
        : loadWithAutocannon(server.url, target, seconds);
    const submit: Target = {
      method: 'POST',
      path: '/api/applications',
      body: applicationJson(),
      newKeyEachTime: true,
    };
    const products: Target = { method: 'GET', path: '/api/products' };
    const queue: Target = {
      method: 'GET',
      path: '/api/office/applications?limit=25',
      authorization: `Bearer ${await reviewerToken(server.url)}`,
    };

    // Warm up the JIT and SQLite's page cache before measuring.
    await load(submit, 2);
    await load(products, 1);

    const loadBefore = loadAverage();
    const cpu0 = treeCpu(pid);
    const db0 = postmaster ? treeCpu(postmaster) : null;
    const posted = await load(submit, DURATION_S);
    const cpu1 = treeCpu(pid);
    const db1 = postmaster ? treeCpu(postmaster) : null;
    const read = await load(products, DURATION_S);
    const cpu2 = treeCpu(pid);
    await load(queue, 1);
    const cpu3 = treeCpu(pid);
    const queued = await load(queue, DURATION_S);
    const cpu4 = treeCpu(pid);
    const serverCpu = (
      from: ReturnType<typeof processCpu>,
      to: ReturnType<typeof processCpu>,
      result: Load,
    ) => {
      if (!from || !to) return 'not measured (no /proc)';
      const main = (to.main - from.main) / result.total;
      const others = (to.others - from.others) / result.total;
      return `${(main + others).toFixed(2)} ms (event loop ${main.toFixed(2)}, other threads ${others.toFixed(2)})`;
    };

    const stored = await countStored(setup.backend, dbPath, url);

    say(
      `Kindly server benchmark: ${setup.backend === 'sqlite' ? 'SQLite' : 'PostgreSQL'}, ` +
        `${setup.processes} server process${setup.processes > 1 ? 'es' : ''}; ` +
        `${generator}, ${CONNECTIONS} connections, ${DURATION_S} s each, loopback` +
        ' (rate limits raised through config: one client here is the whole load)',
    );
    say(line('POST /api/applications', posted, serverCpu(cpu0, cpu1, posted)));
    say(line('GET /api/products', read, serverCpu(cpu1, cpu2, read)));
    say(line('GET /api/office/applications', queued, serverCpu(cpu3, cpu4, queued)));
    if (db0 && db1) {
      const ms = (db1.main + db1.others - db0.main - db0.others) / posted.total;
      say(`PostgreSQL's own processes: ${ms.toFixed(2)} ms of CPU per submission`);
    }
    say(
      `load average ${loadBefore} before, ${loadAverage()} after, on ${cpus().length} cores` +
        ' (other work on the machine takes CPU from both sides)',
    );
    say(`applications stored: ${stored}`);

    const failures: string[] = [];
    if (posted.requestsPerSecond < BUDGET.submissionsPerSecond) {
      failures.push(
        `submissions ${Math.round(posted.requestsPerSecond)}/s < ${BUDGET.submissionsPerSecond}/s`,
      );
    }
    if (posted.p99Ms > BUDGET.p99Ms) {
      failures.push(`submission p99 ${posted.p99Ms.toFixed(1)} ms > ${BUDGET.p99Ms} ms`);
    }
    if (queued.p99Ms > BUDGET.queueP99Ms) {
      failures.push(`queue page p99 ${queued.p99Ms.toFixed(1)} ms > ${BUDGET.queueP99Ms} ms`);
    }
    if (posted.failed + read.failed + queued.failed > 0) failures.push('some requests failed');
    if (setup.backend !== 'sqlite' || setup.processes > 1) {
      // The budget is set for the default; the others are measured to be compared with it.
      say('(the budget is held to SQLite with one process; this run is measured only)');
      if (posted.failed + read.failed + queued.failed > 0) process.exitCode = 1;
    } else if (failures.length > 0) {
      say(`OVER BUDGET: ${failures.join('; ')}`);
      process.exitCode = 1;
    } else {
      say(
        `within budget (≥ ${BUDGET.submissionsPerSecond} submissions/s, p99 ≤ ${BUDGET.p99Ms} ms;` +
          ` queue page p99 ≤ ${BUDGET.queueP99Ms} ms with ${QUEUED.toLocaleString('en')} stored)`,
      );
    }
  } finally {
    await stopAll();
    rmSync(dir, { recursive: true, force: true });
  }
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void stopAll().finally(() => process.exit(130));
  });
}

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await stopAll();
  process.exit(1);
});
