// `npm run bench:server`: starts Kindly's server as it runs in production (its own process,
// request logging on, SQLite with synchronous=FULL) on a throwaway database and a free
// loopback port, then drives it with autocannon: POST /api/applications with a new
// Idempotency-Key on every request, then GET /api/products. Prints requests/s and p50/p99
// latency, and exits 1 when submissions miss the budget: 2,000/s with p99 at most 20 ms.
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { disclosedFigures } from '../src/loan/application';
import catalogJson from '../src/loan/catalog/products.json';
import { buildSchedule, loanTermsFor, parseCatalog } from '../src/loan/index';

const BUDGET = { submissionsPerSecond: 2000, p99Ms: 20 };
const DURATION_S = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);

interface Latency {
  p50: number;
  p99: number;
}
interface Result {
  requests: { average: number; total: number };
  latency: Latency;
  non2xx: number;
  errors: number;
  timeouts: number;
  '2xx': number;
}
interface RequestSpec {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
  setupRequest?: (request: { headers: Record<string, string> }) => unknown;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  requests: RequestSpec[];
}) => Promise<Result>;

// autocannon ships no types; this is the part of its API used here.
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

function say(text: string) {
  process.stdout.write(`${text}\n`);
}

// CPU time (ms) a process has used, from /proc on Linux; null elsewhere. Divided by the
// requests served, it says what one request costs whatever else the machine is doing.
function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function waitForHealth(url: string, child: ChildProcess) {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}`);
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error('the server did not answer /api/health within 30 s');
}

function application(): string {
  const catalog = parseCatalog(catalogJson);
  const product = catalog.products[0];
  if (!product) throw new Error('the sample catalog has no products');
  const choice = {
    principal: product.amount.min,
    months: product.terms[0] ?? 12,
    method: product.methods[0] ?? 'annuity',
  } as const;
  const schedule = buildSchedule(loanTermsFor(product, choice));
  return JSON.stringify({
    productId: product.id,
    amount: choice.principal,
    months: choice.months,
    method: choice.method,
    figures: disclosedFigures(schedule, product.disclosedRateBasis),
    applicant: {
      fullName: '王小明',
      dateOfBirth: '1968-03-15',
      idType: 'cn-resident',
      idNumber: '310104196803151234',
      phone: '138 1234 5678',
      country: 'CN',
    },
    income: { monthlyIncomeBand: '4000-5999', existingRepayments: 0 },
    trustedContact: { name: '王芳', phone: '13912345678', relationship: '女儿' },
    safety: { pressured: false },
    teachBack: { answeredCorrectly: true, attempts: 1 },
    declaration: { accepted: true },
    locale: 'zh-CN',
  });
}

function line(name: string, result: Result) {
  const rps = Math.round(result.requests.average);
  return `${name.padEnd(24)} ${String(rps).padStart(6)} req/s   p50 ${String(result.latency.p50).padStart(3)} ms   p99 ${String(result.latency.p99).padStart(3)} ms   (${result['2xx']} ok, ${result.non2xx} not 2xx, ${result.errors} errors)`;
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'kindly-bench-'));
  const dbPath = join(dir, 'kindly.sqlite');
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/server/main.ts'], {
    stdio: ['ignore', 'ignore', 'inherit'],
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      KINDLY_DB: dbPath,
      KINDLY_DIST: 'none',
      // One benchmark client is one address; the limits are for real clients.
      KINDLY_RATE_LIMIT_MAX: '1000000000',
      KINDLY_RATE_LIMIT_SUBMIT_MAX: '1000000000',
    },
  });
  try {
    await waitForHealth(url, child);
    const body = application();
    const submit: RequestSpec = {
      method: 'POST',
      path: '/api/applications',
      headers: { 'content-type': 'application/json' },
      body,
      setupRequest: (request) => {
        request.headers = { ...request.headers, 'idempotency-key': randomUUID() };
        return request;
      },
    };
    const products: RequestSpec = { method: 'GET', path: '/api/products' };

    // Warm up the JIT and SQLite's page cache before measuring.
    await autocannon({ url, connections: CONNECTIONS, duration: 2, requests: [submit] });
    await autocannon({ url, connections: CONNECTIONS, duration: 1, requests: [products] });

    const base = { url, connections: CONNECTIONS, duration: DURATION_S };
    const cpu0 = cpuMs(child.pid);
    const posted = await autocannon({ ...base, requests: [submit] });
    const cpu1 = cpuMs(child.pid);
    const read = await autocannon({ ...base, requests: [products] });
    const cpu2 = cpuMs(child.pid);
    const perRequest = (from: number | null, to: number | null, result: Result) =>
      from === null || to === null
        ? ''
        : `   server CPU ${((to - from) / result.requests.total).toFixed(2)} ms/request`;

    const db = new Database(dbPath, { readonly: true });
    const stored = db.prepare('SELECT count(*) FROM applications').pluck().get() as number;
    db.close();

    say(`Kindly server benchmark: ${CONNECTIONS} connections, ${DURATION_S} s each, loopback`);
    say(line('POST /api/applications', posted) + perRequest(cpu0, cpu1, posted));
    say(line('GET /api/products', read) + perRequest(cpu1, cpu2, read));
    say(
      `load average ${loadavg()
        .map((n) => n.toFixed(1))
        .join(' ')} on ${cpus().length} cores`,
    );
    say(`applications stored: ${stored}`);

    const failures: string[] = [];
    if (posted.requests.average < BUDGET.submissionsPerSecond) {
      failures.push(
        `submissions ${Math.round(posted.requests.average)}/s < ${BUDGET.submissionsPerSecond}/s`,
      );
    }
    if (posted.latency.p99 > BUDGET.p99Ms) {
      failures.push(`submission p99 ${posted.latency.p99} ms > ${BUDGET.p99Ms} ms`);
    }
    if (posted.non2xx + posted.errors + posted.timeouts > 0 || read.non2xx + read.errors > 0) {
      failures.push('some requests failed');
    }
    if (failures.length > 0) {
      say(`OVER BUDGET: ${failures.join('; ')}`);
      process.exitCode = 1;
    } else {
      say(
        `within budget (≥ ${BUDGET.submissionsPerSecond} submissions/s, p99 ≤ ${BUDGET.p99Ms} ms)`,
      );
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((resolve) => {
      if (child.exitCode !== null) resolve(null);
      else child.once('exit', resolve);
    });
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
