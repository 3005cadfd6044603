import { rocAuc } from './rocAuc';

/** An ROC AUC with its confidence interval and the sample sizes it rests on. */
export interface AucInterval {
  /** Mann–Whitney AUC in [0, 1]. */
  auc: number;
  /** 95 % interval bounds in [0, 1]. */
  low: number;
  high: number;
  /** Negatives (e.g. clean images) and positives (e.g. attacked images). */
  negatives: number;
  positives: number;
}

/** z for a two-sided 95 % interval. */
const Z95 = 1.959963984540054;

/**
 * Variance of the AUC estimate at true value θ under Hanley & McNeil's exponential model with
 * Newcombe's substitution N* = (m + n)/2 − 1 for both group sizes (Newcombe 2006, Stat Med 25:543,
 * method 5).
 */
function newcombeVariance(theta: number, m: number, n: number): number {
  const nStar = (m + n) / 2 - 1;
  return ((theta * (1 - theta)) / (m * n)) * (1 + (nStar - 1) * ((1 - theta) / (2 - theta) + theta / (1 + theta)));
}

/**
 * ROC AUC with a score-type 95 % interval (Newcombe 2006, method 5): the set of θ with
 * (A − θ)² ≤ z²·V(θ), found by bisection on each side. Like the Wilson interval it stays inside
 * [0, 1] and is not degenerate at AUC 0 or 1 — with 3 attacked and 4 clean images an AUC of 1.000
 * is reported with its wide interval instead of "±0".
 *
 * @param negatives scores of negatives (larger = more likely positive)
 * @param positives scores of positives
 */
export function aucInterval(negatives: ArrayLike<number>, positives: ArrayLike<number>, z = Z95): AucInterval {
  const auc = rocAuc(negatives, positives);
  const m = negatives.length;
  const n = positives.length;
  const inside = (t: number) => (auc - t) ** 2 <= z * z * newcombeVariance(t, m, n);
  const bound = (outside: number): number => {
    // inside(auc) holds; find where the condition stops holding between auc and `outside`.
    if (inside(outside)) return outside;
    let a = auc;
    let b = outside;
    for (let i = 0; i < 60; i++) {
      const mid = (a + b) / 2;
      if (inside(mid)) a = mid;
      else b = mid;
    }
    return a;
  };
  return { auc, low: bound(0), high: bound(1), negatives: m, positives: n };
}
