import { normalQuantile } from './distributions';

/** A proportion with its Wilson score interval. */
export interface ProportionEstimate {
  /** Successes. */
  k: number;
  /** Trials. */
  n: number;
  /** k / n; NaN when n = 0. */
  estimate: number;
  /** Interval bounds, proportions in [0, 1]; NaN when n = 0. */
  lower: number;
  upper: number;
  /** Two-sided confidence level, e.g. 0.95. */
  level: number;
}

/**
 * Wilson score interval for a binomial proportion (Wilson 1927; Newcombe 1998 method 3), the interval
 * to report with a sensitivity, specificity, accuracy or detection rate: it stays inside [0, 1] and
 * keeps its coverage for small n and for k = 0 or k = n.
 *
 * @param k successes (integer, 0 ≤ k ≤ n)
 * @param n trials (integer ≥ 0)
 * @param level two-sided confidence level, default 0.95
 */
export function wilsonInterval(k: number, n: number, level = 0.95): ProportionEstimate {
  if (!Number.isInteger(k) || !Number.isInteger(n) || k < 0 || k > n) {
    throw new RangeError(`Wilson interval needs whole numbers 0 ≤ k ≤ n, got k=${k}, n=${n}`);
  }
  if (!(level > 0 && level < 1)) throw new RangeError(`confidence level must be between 0 and 1, got ${level}`);
  if (n === 0) return { k, n, estimate: NaN, lower: NaN, upper: NaN, level };
  const z = normalQuantile(0.5 + level / 2);
  const p = k / n;
  const z2 = z * z;
  const centre = (p + z2 / (2 * n)) / (1 + z2 / n);
  const half = ((z / (1 + z2 / n)) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n)));
  return { k, n, estimate: p, lower: k === 0 ? 0 : Math.max(0, centre - half), upper: k === n ? 1 : Math.min(1, centre + half), level };
}
