import { wilsonInterval, Z95 } from './wilsonInterval';

/** A difference of two independent proportions with its interval. */
export interface ProportionDifference {
  /** p1 − p2, a fraction in [−1, 1]. */
  estimate: number;
  low: number;
  high: number;
  k1: number;
  n1: number;
  k2: number;
  n2: number;
}

/**
 * Difference of two independent proportions k1/n1 − k2/n2 with Newcombe's hybrid score interval
 * (Newcombe 1998, "Interval estimation for the difference between independent proportions", method
 * 10), built from the two Wilson intervals: it stays in [−1, 1] and behaves at 0 and n. Used for
 * detection-rate changes between phases (unwarned → warned, before → after training).
 */
export function proportionDifference(k1: number, n1: number, k2: number, n2: number, z = Z95): ProportionDifference {
  const a = wilsonInterval(k1, n1, z);
  const b = wilsonInterval(k2, n2, z);
  const d = a.estimate - b.estimate;
  return {
    estimate: d,
    low: d - Math.sqrt((a.estimate - a.low) ** 2 + (b.high - b.estimate) ** 2),
    high: d + Math.sqrt((a.high - a.estimate) ** 2 + (b.estimate - b.low) ** 2),
    k1,
    n1,
    k2,
    n2,
  };
}
