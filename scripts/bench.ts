// `npm run bench`: builds Kindly, serves it with the real server, and prints one table of its
// speed against the budgets: bytes of the first page and of the whole app, Lighthouse on
// mobile settings, press-to-next-page with the CPU slowed 4×, a repeat visit offline, and the
// loan engine's and server's own benchmarks. Exits 1 when a budget is broken. The report is
// also written, dated, under .kindly-tmp/bench/. Not part of `npm test`: it takes minutes, and
// its figures depend on the machine (docs/performance.md).
import { appendFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { CHROME_PATH } from '../a11y-tests/support/chromium';
import { firstPageFiles, launch, timeJourney, timeOfflineRepeatVisit } from './bench/browser';
import {
  BUDGETS,
  CPU_SLOWDOWN,
  FIRST_PAGE_LANGUAGE,
  JOURNEY,
  LIGHTHOUSE_PAGES,
  RUNS,
} from './bench/config';
import { readerDownloadBytes, timeCardReads } from './bench/id-reader';
import { lighthouse } from './bench/lighthouse';
import { run, stopAll } from './bench/processes';
import { startServer, trustLoopbackCertificate } from './bench/server';
import { inlineScriptBytes, measureSizes, weigh } from './bench/sizes';
import { median } from './bench/stats';

interface Row {
  measure: string;
  figure: string;
  budget: string;
  /** null: shown for information, with no budget. */
  isOk: boolean | null;
}

const rows: Row[] = [];
/** Details printed under the table. */
const notes: string[] = [];
// The bench's own build and database, removed on the way out.
const dir = mkdtempSync(join(tmpdir(), 'kindly-bench-'));
// Set on Ctrl-C: what fails after it is the stopping, not a finding.
let isInterrupted = false;

mkdirSync('.kindly-tmp/bench', { recursive: true });
/** Where this run's report is kept: figures belong in a dated file, not in the README. */
const reportFile = `.kindly-tmp/bench/bench-${new Date().toISOString().replace(/[:.]/g, '-')}.txt`;

function say(text: string): void {
  process.stdout.write(`${text}\n`);
  appendFileSync(reportFile, `${text}\n`);
}

function info(measure: string, figure: string): void {
  rows.push({ measure, figure, budget: '', isOk: null });
}

function budgeted(measure: string, figure: string, budget: string, isOk: boolean): void {
  rows.push({ measure, figure, budget, isOk });
}

const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const ms = (value: number) => `${Math.round(value)} ms`;

function printTable(): void {
  const header: Row = { measure: 'measure', figure: 'figure', budget: 'budget', isOk: null };
  const width = (key: 'measure' | 'figure' | 'budget') =>
    Math.max(...[header, ...rows].map((r) => r[key].length));
  const [w1, w2, w3] = [width('measure'), width('figure'), width('budget')];
  const line = (r: Row, verdict: string) =>
    `${r.measure.padEnd(w1)}  ${r.figure.padStart(w2)}  ${r.budget.padEnd(w3)}  ${verdict}`.trimEnd();
  say('');
  say(line(header, 'result'));
  say('-'.repeat(w1 + w2 + w3 + 14));
  for (const r of rows) say(line(r, r.isOk === null ? '' : r.isOk ? 'ok' : 'OVER BUDGET'));
}

/** The first page as Chromium fetches it (dynamic imports at start-up included), weighed
 *  from the build; the whole app is every script and stylesheet in it. */
async function measureBytes(browser: Browser, dist: string, origin: string): Promise<void> {
  const sizes = measureSizes(dist, FIRST_PAGE_LANGUAGE);
  const { firstPage: fetched, loadedAhead } = await firstPageFiles(browser, origin);
  const first = weigh(dist, fetched);
  // The boot script is inside index.html: first-page JavaScript all the same.
  const inline = inlineScriptBytes(dist);
  first.js += inline;
  const ahead = weigh(dist, loadedAhead);
  const total = first.js + first.css;
  info('first page JS (gzip -9; inline in index.html: ' + kb(inline) + ')', kb(first.js));
  info('first page CSS (gzip -9)', kb(first.css));
  budgeted(
    'first page JS + CSS',
    kb(total),
    `≤ ${BUDGETS.firstPageKb} kB`,
    total <= BUDGETS.firstPageKb * 1000,
  );
  info('loaded ahead while idle (JS + CSS)', kb(ahead.js + ahead.css));
  const jsFiles = sizes.wholeApp.files.filter((f) => f.endsWith('.js')).length;
  info(`whole app JS (${jsFiles} files)`, kb(sizes.wholeApp.js));
  info('whole app CSS', kb(sizes.wholeApp.css));

  const declared = sizes.staticFirstPage.files;
  const dynamic = fetched.filter((f) => !declared.includes(f));
  const unfetched = declared.filter((f) => !fetched.includes(f));
  const parts = [
    `First page: ${fetched.length} files fetched by Chromium; index.html, its static imports and the ${FIRST_PAGE_LANGUAGE} strings (${declared.length} files) are ${kb(sizes.staticFirstPage.js + sizes.staticFirstPage.css)}`,
  ];
  if (dynamic.length > 0) {
    parts.push(
      `imported dynamically at start-up, ${kb(weigh(dist, dynamic).js)}: ${dynamic.join(', ')}`,
    );
  }
  if (unfetched.length > 0) parts.push(`declared but not fetched: ${unfetched.join(', ')}`);
  if (loadedAhead.length > 0) {
    parts.push(
      `then loaded ahead, once idle, for the pages likely next: ${loadedAhead.join(', ')}`,
    );
  }
  notes.push(`${parts.join('; ')}.`);
}

/** Lighthouse on each page of LIGHTHOUSE_PAGES, the median of RUNS.lighthouse runs, served as
 *  a deployment serves it: over HTTPS, as HTTP/2 (a service worker, so the app offline, needs
 *  HTTPS on any address but this machine's own), with a certificate made for loopback that
 *  Lighthouse's Chromium is told to trust. `http1`: over plain HTTP/1.1 instead, to compare. */
async function measureLighthouse(dist: string, chromePath: string, http1: boolean): Promise<void> {
  const server = await startServer(dist, join(dir, 'lighthouse'), { tls: !http1 });
  const flags = http1 ? [] : [trustLoopbackCertificate()];
  notes.push(
    http1
      ? 'Lighthouse: served over plain HTTP/1.1 (--http1): six connections, files queued behind them.'
      : 'Lighthouse: served over HTTPS as HTTP/2, as deployed; --http1 measures plain HTTP/1.1 instead.',
  );
  try {
    for (const path of LIGHTHOUSE_PAGES) await lighthouseOn(server.url, path, chromePath, flags);
  } finally {
    await server.stop();
  }
}

/** One page's Lighthouse rows (median of RUNS.lighthouse runs) and the notes under them. */
async function lighthouseOn(
  origin: string,
  path: string,
  chromePath: string,
  flags: readonly string[],
): Promise<void> {
  say(`… Lighthouse ${path} × ${RUNS.lighthouse}`);
  const {
    figures: f,
    warnings,
    failing,
    eachRun,
  } = await lighthouse(`${origin}${path}`, RUNS.lighthouse, chromePath, dir, flags);
  const at = `Lighthouse ${path}`;
  budgeted(
    `${at} performance`,
    String(f.performance),
    `≥ ${BUDGETS.performance}`,
    f.performance >= BUDGETS.performance,
  );
  budgeted(
    `${at} accessibility`,
    String(f.accessibility),
    `= ${BUDGETS.accessibility}`,
    f.accessibility >= BUDGETS.accessibility,
  );
  info(`${at} best practices`, String(f.bestPractices));
  budgeted(`${at} LCP`, ms(f.lcpMs), `≤ ${ms(BUDGETS.lcpMs)}`, f.lcpMs <= BUDGETS.lcpMs);
  budgeted(`${at} TBT`, ms(f.tbtMs), `≤ ${ms(BUDGETS.tbtMs)}`, f.tbtMs <= BUDGETS.tbtMs);
  // Lighthouse reports CLS to 3 decimals: 0 is what it shows as 0.000.
  const cls = Number(f.cls.toFixed(3));
  budgeted(`${at} CLS`, f.cls.toFixed(3), `= ${BUDGETS.cls}`, cls <= BUDGETS.cls);
  notes.push(`Lighthouse ${path}, each run:\n${eachRun.map((r) => `  ${r}`).join('\n')}`);
  for (const warning of warnings) notes.push(`Lighthouse ${path} warned: ${warning}`);
  if (failing.length > 0) {
    notes.push(`Lighthouse ${path} lost points on:\n${failing.map((a) => `  ${a}`).join('\n')}`);
  }
}

/** JOURNEY walked RUNS.journey times: the median over every press, and the worst step. */
async function measureJourney(browser: Browser, origin: string): Promise<void> {
  say(`… journey × ${RUNS.journey} at ${CPU_SLOWDOWN}× CPU slowdown`);
  const runs: number[][] = [];
  for (let i = 0; i < RUNS.journey; i++) runs.push(await timeJourney(browser, origin));
  const steps = JOURNEY.map((step, i) => {
    const times = runs.map((times) => times[i] as number);
    return { name: step.name, times, median: median(times) };
  });
  const all = runs.flat();
  const worst = steps.reduce((a, b) => (b.median > a.median ? b : a));
  const label = `press → next h1 focused, ${CPU_SLOWDOWN}× CPU`;
  const budget = `≤ ${ms(BUDGETS.continueMs)}`;
  budgeted(`${label}: median`, ms(median(all)), budget, median(all) <= BUDGETS.continueMs);
  budgeted(`${label}: worst step`, ms(worst.median), budget, worst.median <= BUDGETS.continueMs);
  const lines = steps.map(
    (s) =>
      `  ${s.name.padEnd(40)}${s.times.map((t) => String(Math.round(t)).padStart(6)).join('')}`,
  );
  notes.push(
    `Press (Enter) → next h1 focused, ms, each of ${RUNS.journey} runs (a step's figure is its median; worst single press ${ms(Math.max(...all))}):\n${lines.join('\n')}`,
  );
}

/** A repeat visit with the network off, served by the service worker. */
async function measureOffline(browser: Browser, origin: string): Promise<void> {
  say(`… offline repeat visit × ${RUNS.offline}`);
  const times = await timeOfflineRepeatVisit(browser, origin, RUNS.offline);
  budgeted(
    'offline repeat visit → h1 shown: median',
    ms(median(times)),
    `≤ ${ms(BUDGETS.offlineMs)}`,
    median(times) <= BUDGETS.offlineMs,
  );
  notes.push(`Offline repeat visits, ms: ${times.map((t) => Math.round(t)).join(', ')}`);
}

/** The ID card reader: its download the first time it is used, and reading one card from a
 *  photo with the CPU slowed (the median of RUNS.cardReader, the reader ready). */
async function measureReader(browser: Browser, dist: string, origin: string): Promise<void> {
  const bytes = readerDownloadBytes(dist);
  info(
    'ID card reader download, first use (files as sent + its chunk)',
    kb(bytes.files + bytes.chunk),
  );
  say(`… ID card read × ${RUNS.cardReader + 1} at ${CPU_SLOWDOWN}× CPU slowdown`);
  const { first, ready } = await timeCardReads(browser, origin, RUNS.cardReader);
  info(`ID card read from a photo, ${CPU_SLOWDOWN}× CPU: median`, ms(median(ready)));
  info(`ID card reader ready + first read, ${CPU_SLOWDOWN}× CPU`, ms(first));
  notes.push(
    `ID card reader: ${kb(bytes.files)} of reader files (Brotli where smaller) and ${kb(bytes.chunk)} of its chunk; reads with the reader ready, ms: ${ready.map((t) => Math.round(t)).join(', ')}. Chromium's CPU slowdown is the page's; the reader's Web Worker may run faster than a slow tablet's would.`,
  );
}

/** Runs `npm run <script>` if package.json has it; its exit code is its own verdict. */
async function ownBenchmark(script: string, what: string): Promise<void> {
  const { scripts } = JSON.parse(readFileSync('package.json', 'utf8')) as {
    scripts?: Record<string, string>;
  };
  const measure = `${what} (npm run ${script})`;
  if (!scripts?.[script]) {
    info(measure, 'not available');
    return;
  }
  say(`… npm run ${script}`);
  // Its own process group, so stopping it also stops the server bench:server starts.
  const { code, output } = await run('npm', ['run', '--silent', script], {
    detached: true,
    timeoutMs: 300_000,
  });
  budgeted(measure, code === 0 ? 'within' : `exit ${code}`, 'its own, below', code === 0);
  notes.push(`npm run ${script}:\n${output.trimEnd().replace(/^/gm, '  ')}`);
}

/** The parts of the bench, in the order they run; `--only=bytes,journey` runs some of them. */
const PARTS = ['bytes', 'lighthouse', 'journey', 'offline', 'reader', 'loan', 'server'] as const;
type Part = (typeof PARTS)[number];

/** The parts asked for on the command line (every part when none are named). */
function partsToRun(args: readonly string[]): ReadonlySet<Part> {
  const only = args.find((a) => a.startsWith('--only='))?.slice('--only='.length);
  if (!only) return new Set(PARTS);
  const named = only.split(',').filter(Boolean);
  const unknown = named.filter((name) => !(PARTS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new Error(`Unknown part(s) ${unknown.join(', ')}; the parts are ${PARTS.join(', ')}.`);
  }
  return new Set(named as Part[]);
}

async function main(): Promise<void> {
  const started = Date.now();
  const parts = partsToRun(process.argv.slice(2));
  const chromePath = CHROME_PATH;
  if (!existsSync(chromePath)) {
    throw new Error(
      `No Chromium at ${chromePath}. Install it with "apt-get install -y chromium" or set CHROME_PATH.`,
    );
  }
  // Its own build, so a test run rebuilding dist/ meanwhile cannot change what is measured.
  const dist = join(dir, 'dist');
  say('… vite build');
  const build = await run('node_modules/.bin/vite', ['build', '--outDir', dist, '--emptyOutDir'], {
    timeoutMs: 300_000,
  });
  if (build.code !== 0) throw new Error(`vite build failed:\n${build.output}`);

  say('… starting the server');
  const server = await startServer(dist, dir);
  const browser = await launch(chromePath);
  if (parts.has('bytes')) await measureBytes(browser, dist, server.url);
  if (parts.has('lighthouse')) {
    await measureLighthouse(dist, chromePath, process.argv.includes('--http1'));
  }
  if (parts.has('journey')) await measureJourney(browser, server.url);
  if (parts.has('offline')) await measureOffline(browser, server.url);
  if (parts.has('reader')) await measureReader(browser, dist, server.url);
  await browser.close();
  await server.stop();
  // After the browser work, so that neither slows the other.
  if (parts.has('loan')) await ownBenchmark('bench:loan', 'loan engine');
  if (parts.has('server')) await ownBenchmark('bench:server', 'server');

  printTable();
  say('');
  for (const note of notes) say(note);
  say('');
  const load = loadavg()
    .map((n) => n.toFixed(1))
    .join(' ');
  say(
    `${((Date.now() - started) / 1000).toFixed(0)} s on ${cpus().length} cores, load average ${load}.`,
  );
  const broken = rows.filter((r) => r.isOk === false).length;
  const skipped = PARTS.filter((part) => !parts.has(part));
  if (skipped.length > 0) say(`Not measured this time: ${skipped.join(', ')}.`);
  const kept = skipped.length > 0 ? 'Every budget measured was kept.' : 'Every budget kept.';
  say(broken === 0 ? kept : `${broken} budget(s) broken.`);
  process.stdout.write(`Report written to ${reportFile}.\n`);
  process.exitCode = broken === 0 ? 0 : 1;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    isInterrupted = true;
    void stopAll().finally(() => {
      rmSync(dir, { recursive: true, force: true });
      process.exit(130);
    });
  });
}

main()
  .catch((error: unknown) => {
    if (isInterrupted) return;
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  })
  .finally(async () => {
    await stopAll();
    rmSync(dir, { recursive: true, force: true });
  });
