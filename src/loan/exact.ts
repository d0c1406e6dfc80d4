// Exact integer arithmetic for money. Rates and shares arrive as JS numbers but
// mean the decimal that was written (4.35 is 435/100, not the nearest double),
// so they are turned into fractions of integers before anything is rounded.

const MAX_SAFE = Number.MAX_SAFE_INTEGER;

/** A non-negative fraction num/den, kept as bigint and, when both fit, as safe numbers. */
export interface Fraction {
  num: bigint;
  den: bigint;
  /** num and den as numbers, or NaN when either is beyond Number.MAX_SAFE_INTEGER. */
  numN: number;
  denN: number;
  /** num/den as a double, for estimates only. */
  approx: number;
}

/** The fraction a finite, non-negative number means as written in decimal (shortest round-trip form). */
export function decimalFraction(value: number): Fraction {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`not a finite non-negative number: ${value}`);
  }
  const match = /^(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/.exec(String(value));
  if (!match) throw new RangeError(`cannot read ${value} as a decimal`);
  const [, whole, fraction = '', exponent = '0'] = match;
  let digits = BigInt(whole + fraction);
  let scale = fraction.length - Number(exponent);
  if (scale < 0) {
    digits *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return fraction_(digits, 10n ** BigInt(scale));
}

/** The fraction num/den, reduced. */
export function makeFraction(num: bigint, den: bigint): Fraction {
  return fraction_(num, den);
}

function fraction_(num: bigint, den: bigint): Fraction {
  const g = gcd(num, den);
  const n = num / g;
  const d = den / g;
  const isSafe = n <= BigInt(MAX_SAFE) && d <= BigInt(MAX_SAFE);
  return {
    num: n,
    den: d,
    numN: isSafe ? Number(n) : Number.NaN,
    denN: isSafe ? Number(d) : Number.NaN,
    approx: Number(n) / Number(d),
  };
}

function gcd(a: bigint, b: bigint): bigint {
  let x = a;
  let y = b;
  while (y !== 0n) {
    [x, y] = [y, x % y];
  }
  return x === 0n ? 1n : x;
}

/** round(n / d) half-up, for safe non-negative integers n and positive d (exact: % and the division below are exact on doubles). */
export function halfUpDiv(n: number, d: number): number {
  const r = n % d;
  const q = (n - r) / d;
  return 2 * r >= d ? q + 1 : q;
}

/** round(n / d) half-up for non-negative bigints. */
export function halfUpDivBig(n: bigint, d: bigint): bigint {
  return (2n * n + d) / (2n * d);
}

/** round(amount × f) half-up, exact; amount a safe non-negative integer. */
export function mulHalfUp(amount: number, f: Fraction): number {
  const product = amount * f.numN;
  // A double product at or below MAX_SAFE means the true product is an integer
  // below 2^53, computed exactly; otherwise (or when f is not safe) use bigint.
  if (product <= MAX_SAFE) return halfUpDiv(product, f.denN);
  return Number(halfUpDivBig(BigInt(amount) * f.num, f.den));
}

/** floor(amount × f), exact; amount a safe non-negative integer. */
export function mulFloor(amount: number, f: Fraction): number {
  const product = amount * f.numN;
  if (product <= MAX_SAFE) return (product - (product % f.denN)) / f.denN;
  return Number((BigInt(amount) * f.num) / f.den);
}
