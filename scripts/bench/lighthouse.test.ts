import { describe, expect, it } from 'vitest';
import { isWorthRetrying, type Lhr, summarise, withRetries } from './lighthouse';

function run(performance: number | null, lcpMs: number | undefined, errorMessage?: string): Lhr {
  return {
    categories: {
      performance: { score: performance, auditRefs: [] },
      accessibility: { score: 1, auditRefs: [] },
      'best-practices': { score: 1, auditRefs: [] },
    },
    audits: {
      'largest-contentful-paint': { numericValue: lcpMs, score: null, title: 'LCP' },
      'total-blocking-time': { numericValue: 40, score: 1, title: 'TBT' },
      'cumulative-layout-shift': { numericValue: 0, score: 1, title: 'CLS' },
      'largest-contentful-paint-element': {
        score: null,
        title: 'LCP element',
        ...(errorMessage ? { errorMessage } : {}),
      },
    },
  };
}

describe('summarise', () => {
  it('takes the median of the runs that have a figure, and says which had none and why', () => {
    const summary = summarise([
      run(0.97, 1600),
      run(null, undefined, 'Required TraceElements gatherer encountered an error'),
      run(0.99, 1400),
    ]);
    expect(summary.figures.performance).toBe(98);
    expect(summary.figures.lcpMs).toBe(1500);
    expect(summary.figures.tbtMs).toBe(40);
    expect(summary.warnings).toEqual([
      'run 2 of 3 had no performance score (largest-contentful-paint-element: Required TraceElements gatherer encountered an error)',
    ]);
  });

  it('lists each run, so the spread behind a median shows', () => {
    const runs = [run(0.97, 1600.4), run(null, undefined), run(0.99, 1399.6)];
    (runs[0] as Lhr).environment = { benchmarkIndex: 1405.5 };
    expect(summarise(runs).eachRun).toEqual([
      'performance 97, LCP 1600 ms, TBT 40 ms, CPU benchmark 1406',
      'performance NaN, LCP NaN ms, TBT 40 ms, CPU benchmark ?',
      'performance 99, LCP 1400 ms, TBT 40 ms, CPU benchmark ?',
    ]);
  });

  it('gives no figure rather than a made-up one when no run has it', () => {
    const summary = summarise([run(null, undefined), run(null, undefined)]);
    expect(summary.figures.performance).toBeNaN();
    expect(summary.figures.lcpMs).toBeNaN();
    expect(summary.warnings).toHaveLength(2);
  });
});

describe('withRetries', () => {
  const noNavstart = new Error(
    'Lighthouse failed on https://127.0.0.1:1/apply (exit 1):\nRuntime error encountered: Something went wrong with recording the trace over your page load. Please run Lighthouse again. (NO_NAVSTART)\n',
  );

  it('runs again a run Lighthouse asks to be run again, and says so', async () => {
    const outcomes: (Error | string)[] = [noNavstart, noNavstart, 'the report'];
    const retried: unknown[] = [];
    const result = await withRetries(
      async () => {
        const next = outcomes.shift();
        if (next instanceof Error) throw next;
        return next;
      },
      3,
      (error) => retried.push(error),
    );
    expect(result).toBe('the report');
    expect(retried).toEqual([noNavstart, noNavstart]);
  });

  it('gives up after the last try, and at once on any other failure', async () => {
    let calls = 0;
    const failing = (error: Error) => async () => {
      calls += 1;
      throw error;
    };
    await expect(withRetries(failing(noNavstart), 3, () => {})).rejects.toBe(noNavstart);
    expect(calls).toBe(3);
    calls = 0;
    const other = new Error(
      'Lighthouse on https://127.0.0.1:1/: PROTOCOL_TIMEOUT Waiting for DevTools',
    );
    await expect(withRetries(failing(other), 3, () => {})).rejects.toBe(other);
    expect(calls).toBe(1);
    expect(isWorthRetrying(new Error('xNO_NAVSTARTx'))).toBe(false);
  });
});
