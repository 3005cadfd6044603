/** A proportion with its confidence interval and the count it rests on. */
export interface ProportionInterval {
  /** Observed proportion k/n, a fraction. */
  estimate: number;
  /** Lower and upper bounds of the interval, fractions in [0, 1]. */
  low: number;
  high: number;
  /** Events counted (k) and sample size (n). */
  k: number;
  n: number;
}

/** z for a two-sided 95 % interval. */
export const Z95 = 1.959963984540054;

/**
 * Wilson score interval for a binomial proportion k/n (Newcombe 1998, method 3): never outside
 * [0, 1] and not degenerate at 0/n or n/n, unlike the Wald interval. Used for every rate shown
 * (false-positive rate, TPR, flag rates).
 *
 * @param k events (whole number, 0 ≤ k ≤ n)
 * @param n trials (whole number ≥ 1)
 * @param z standard-normal quantile (default 1.96, a 95 % interval)
 */
export function wilsonInterval(k: number, n: number, z = Z95): ProportionInterval {
  if (!Number.isInteger(n) || n < 1) throw new Error(`Wilson interval needs at least one trial, got n = ${n}.`);
  if (!Number.isInteger(k) || k < 0 || k > n) throw new Error(`Wilson interval: ${k} events out of ${n} trials is impossible.`);
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = (z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return { estimate: p, low: k === 0 ? 0 : Math.max(0, centre - half), high: k === n ? 1 : Math.min(1, centre + half), k, n };
}
