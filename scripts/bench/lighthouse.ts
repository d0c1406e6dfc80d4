// Lighthouse (CLI, mobile defaults: simulated slow 4G and 4× CPU) against Debian's Chromium.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CHROMIUM_FLAGS } from '../../a11y-tests/support/chromium';
import { run } from './processes';
import { median } from './stats';

/** One page's Lighthouse figures: scores 0–100, times in ms. */
export interface LighthouseFigures {
  performance: number;
  accessibility: number;
  bestPractices: number;
  lcpMs: number;
  tbtMs: number;
  cls: number;
}

/** The parts of a Lighthouse result (LHR) the bench reads. */
export interface Lhr {
  runtimeError?: { code: string; message: string };
  runWarnings?: string[];
  /** Lighthouse's measure of this machine's CPU at the time (higher is faster). */
  environment?: { benchmarkIndex?: number };
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] }>;
  audits: Record<
    string,
    { numericValue?: number; score: number | null; title: string; errorMessage?: string }
  >;
}

function score(lhr: Lhr, category: string): number {
  return Math.round((lhr.categories[category]?.score ?? Number.NaN) * 100);
}

function audit(lhr: Lhr, id: string): number {
  return lhr.audits[id]?.numericValue ?? Number.NaN;
}

async function lighthouseOnce(
  url: string,
  chromePath: string,
  out: string,
  chromeFlags: readonly string[],
): Promise<Lhr> {
  const { code, output } = await run(
    'node_modules/.bin/lighthouse',
    [
      url,
      '--quiet',
      '--output=json',
      `--output-path=${out}`,
      '--only-categories=performance,accessibility,best-practices',
      // Playwright adds these two itself; Lighthouse's own launcher needs them named.
      `--chrome-flags=${['--headless', '--no-sandbox', ...CHROMIUM_FLAGS, ...chromeFlags].join(' ')}`,
    ],
    // SIGINT lets Lighthouse close the Chrome it launched.
    { env: { ...process.env, CHROME_PATH: chromePath }, stopSignal: 'SIGINT', timeoutMs: 180_000 },
  );
  if (code !== 0) throw new Error(`Lighthouse failed on ${url} (exit ${code}):\n${output}`);
  const lhr = JSON.parse(readFileSync(out, 'utf8')) as Lhr;
  if (lhr.runtimeError) {
    throw new Error(`Lighthouse on ${url}: ${lhr.runtimeError.code} ${lhr.runtimeError.message}`);
  }
  return lhr;
}

/** Lighthouse's failures to record a page load that it asks to be run again for, by their
 *  codes: NO_NAVSTART (about one run in fifteen here, on / and on /apply alike) and its kin. */
const RUN_AGAIN = ['NO_NAVSTART', 'NO_FCP', 'NO_TRACING_STARTED', 'NO_RESOURCE_REQUEST'];

/** Whether a failed run is one Lighthouse asks to be run again. */
export function isWorthRetrying(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return RUN_AGAIN.some((code) => new RegExp(`\\b${code}\\b`).test(message));
}

/** `attempt` up to `tries` times while it fails in a way `isWorthRetrying` allows; each retried
 *  failure is passed to `onRetry`, and any other failure, or the last, is thrown. */
export async function withRetries<T>(
  attempt: () => Promise<T>,
  tries: number,
  onRetry: (error: unknown) => void,
): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await attempt();
    } catch (error) {
      if (i >= tries || !isWorthRetrying(error)) throw error;
      onRetry(error);
    }
  }
}

/** Audits that cost accessibility or best-practices points, as "category: title". */
function failing(lhr: Lhr): string[] {
  return ['accessibility', 'best-practices'].flatMap((category) =>
    (lhr.categories[category]?.auditRefs ?? [])
      .filter((ref) => ref.weight > 0 && (lhr.audits[ref.id]?.score ?? 1) < 1)
      .map((ref) => `${category}: ${lhr.audits[ref.id]?.title ?? ref.id}`),
  );
}

/** Runs Lighthouse `runs` times on a page and summarises the runs (see `summarise`);
 *  `chromeFlags` are added to those its Chromium starts with. */
export async function lighthouse(
  url: string,
  runs: number,
  chromePath: string,
  dir: string,
  chromeFlags: readonly string[] = [],
): Promise<ReturnType<typeof summarise>> {
  const results: Lhr[] = [];
  const retried: string[] = [];
  for (let i = 0; i < runs; i++) {
    const out = join(dir, `lighthouse-${i}.json`);
    const lhr = await withRetries(
      () => lighthouseOnce(url, chromePath, out, chromeFlags),
      3,
      (e) =>
        retried.push(
          `run ${i + 1} was run again: ${(e as Error).message.trim().split('\n').at(-1)}`,
        ),
    );
    results.push(lhr);
  }
  const summary = summarise(results);
  return { ...summary, warnings: [...summary.warnings, ...retried] };
}

/** The median of each figure over the runs that have it, the warnings Lighthouse gave, the
 *  runs that came back without a performance score and why, and the audits that failed in
 *  any run (once each). A run can lack a figure: Lighthouse 12.2.3 sometimes fails a
 *  gatherer on this Chromium ("TraceElements … frame_sequence"), and its performance score
 *  is then missing; a median taken with it would be no figure, or a wrong one. */
export function summarise(results: readonly Lhr[]): {
  figures: LighthouseFigures;
  warnings: string[];
  failing: string[];
  /** Each run's performance, LCP and TBT, and the machine's CPU benchmark then: the spread
   *  the medians hide. */
  eachRun: string[];
} {
  const of = (figure: (lhr: Lhr) => number) =>
    median(results.map(figure).filter((value) => Number.isFinite(value)));
  const incomplete = results.flatMap((lhr, i) => {
    if (lhr.categories.performance?.score != null) return [];
    const errors = Object.entries(lhr.audits)
      .filter(([, a]) => a.errorMessage)
      .map(([id, a]) => `${id}: ${a.errorMessage}`);
    return [
      `run ${i + 1} of ${results.length} had no performance score (${errors[0] ?? 'no audit said why'})`,
    ];
  });
  return {
    figures: {
      performance: of((lhr) => score(lhr, 'performance')),
      accessibility: of((lhr) => score(lhr, 'accessibility')),
      bestPractices: of((lhr) => score(lhr, 'best-practices')),
      lcpMs: of((lhr) => audit(lhr, 'largest-contentful-paint')),
      tbtMs: of((lhr) => audit(lhr, 'total-blocking-time')),
      cls: of((lhr) => audit(lhr, 'cumulative-layout-shift')),
    },
    warnings: [...new Set(results.flatMap((lhr) => lhr.runWarnings ?? [])), ...incomplete],
    failing: [...new Set(results.flatMap(failing))],
    eachRun: results.map((lhr) => {
      const at = (id: string) => Math.round(audit(lhr, id));
      const cpu = lhr.environment?.benchmarkIndex;
      return (
        `performance ${score(lhr, 'performance')}, LCP ${at('largest-contentful-paint')} ms, ` +
        `TBT ${at('total-blocking-time')} ms, CPU benchmark ${cpu === undefined ? '?' : Math.round(cpu)}`
      );
    }),
  };
}
