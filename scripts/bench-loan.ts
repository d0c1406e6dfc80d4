// Times the loan engine on this machine: `npm run bench:loan`. Prints the median
// of many runs and exits 1 when either is over its budget (docs/performance.md).
import { performance } from 'node:perf_hooks';
import { annualRate, buildSchedule, type LoanTerms } from '../src/loan/index';

const RUNS = 2000;
const WARMUP = 500;

const terms: LoanTerms = {
  principal: 100_000_000,
  annualRatePercent: 4.9,
  months: 360,
  method: 'annuity',
  upfrontFee: 100_000,
  monthlyFee: 1_000,
};
const payments = buildSchedule(terms).instalments.map((row) => row.payment);

/** Median milliseconds per call of fn over RUNS timed runs, after a warm-up. */
function medianMs(fn: () => unknown): number {
  for (let i = 0; i < WARMUP; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)];
}

const checks = [
  {
    name: 'buildSchedule, 360 months (annuity, with fees and APR)',
    budgetMs: 0.2,
    ms: medianMs(() => buildSchedule(terms)),
  },
  {
    name: 'buildSchedule, 360 months (equal principal)',
    budgetMs: 0.2,
    ms: medianMs(() => buildSchedule({ ...terms, method: 'equal-principal' })),
  },
  {
    name: 'annualRate, 360 payments',
    budgetMs: 0.5,
    ms: medianMs(() => annualRate(terms.principal - (terms.upfrontFee ?? 0), payments)),
  },
];

let isOverBudget = false;
for (const check of checks) {
  const isOk = check.ms <= check.budgetMs;
  if (!isOk) isOverBudget = true;
  process.stdout.write(
    `${isOk ? 'ok  ' : 'SLOW'}  ${check.name}: median ${check.ms.toFixed(4)} ms over ${RUNS} runs (budget ${check.budgetMs} ms)\n`,
  );
}
process.exitCode = isOverBudget ? 1 : 0;
