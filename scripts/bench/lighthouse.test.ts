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

  it('gives no figure rather than a made-up one when no run has it', () => {
    const summary = summarise([run(null, undefined), run(null, undefined)]);
    expect(summary.figures.performance).toBeNaN();
    expect(summary.figures.lcpMs).toBeNaN();
    expect(summary.warnings).toHaveLength(2);
  });
});
