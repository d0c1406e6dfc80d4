import { describe, expect, it } from 'vitest';
import { type Lhr, summarise } from './lighthouse';

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
