import type { AnnualRate } from './types';

const MAX_ITERATIONS = 200;

/**
 * The monthly internal rate of return i solving advance = Σ payments[k-1] / (1+i)^k, k = 1..n.
 * Throws a RangeError for an empty list, a negative or non-finite figure, a non-positive
 * advance, or payments summing to less than the advance (that would need a negative rate).
 */
export function monthlyIrr(advance: number, payments: readonly number[]): number {
  if (!Number.isFinite(advance) || advance <= 0) {
    throw new RangeError(`advance must be a positive amount, got ${advance}`);
  }
  if (payments.length === 0) throw new RangeError('payments must not be empty');
  let total = 0;
  for (let k = 0; k < payments.length; k++) {
    const p = payments[k];
    if (!Number.isFinite(p) || p < 0) {
      throw new RangeError(`payments[${k}] must be a finite amount, 0 or more, got ${p}`);
    }
    total += p;
  }
  if (!Number.isFinite(total)) throw new RangeError('payments sum to more than can be computed');
  if (total < advance) {
    throw new RangeError(
      `payments sum to ${total}, less than the advance ${advance}: the rate would be negative`,
    );
  }
  if (total === advance) return 0;

  // f(i) = Σ p_k (1+i)^-k − advance falls and is convex for payments ≥ 0, so a
  // Newton step from any point left of the root lands left of the root again
  // and converges monotonically; a bracket [lo, hi] with f(lo) > 0 > f(hi)
  // catches rounding noise, and bisection takes over if a step leaves it.
  const f = (i: number): [value: number, slope: number] => {
    const v = 1 / (1 + i);
    let vk = v;
    let sum = 0;
    let weighted = 0;
    for (let k = 0; k < payments.length; k++) {
      const pv = payments[k] * vk;
      sum += pv;
      weighted += (k + 1) * pv;
      vk *= v;
    }
    return [sum - advance, -weighted * v];
  };

  // Simple-interest guess: the interest over the average balance of a level loan.
  const guess = (2 * (total - advance)) / (advance * (payments.length + 1));
  let lo = 0;
  let hi = Number.POSITIVE_INFINITY;
  let [value, slope] = f(guess);
  if (value > 0) lo = guess;
  else hi = guess;
  while (hi === Number.POSITIVE_INFINITY) {
    const probe = Math.max(lo * 2, 1e-6);
    [value] = f(probe);
    if (value > 0) lo = probe;
    else hi = probe;
  }

  let i = lo;
  [value, slope] = f(i);
  for (let n = 0; n < MAX_ITERATIONS; n++) {
    if (value === 0) return i;
    let next = i - value / slope;
    if (!(next > lo && next < hi)) next = (lo + hi) / 2;
    const step = Math.abs(next - i);
    i = next;
    [value, slope] = f(i);
    if (value > 0) lo = i;
    else hi = i;
    if (step <= 1e-15 * i || hi - lo <= 1e-16 * hi) return i;
  }
  return i;
}

/** The annual rate including all fees for an advance repaid by monthly payments, the first one month later. */
export function annualRate(advance: number, payments: readonly number[]): AnnualRate {
  const i = monthlyIrr(advance, payments);
  return {
    nominalPercent: 1200 * i,
    effectivePercent: 100 * Math.expm1(12 * Math.log1p(i)),
  };
}
