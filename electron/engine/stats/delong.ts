import { rocAuc } from './rocAuc';
import { Z95 } from './wilsonInterval';

/** An ROC AUC with DeLong's standard error and its asymptotic 95 % interval. */
export interface DeLongAuc {
  /** Mann–Whitney AUC in [0, 1]. */
  auc: number;
  /** DeLong's standard error of the AUC (same units). */
  se: number;
  /** auc ∓ z·se, clipped to [0, 1] (as pROC and Stata's roctab report it). */
  low: number;
  high: number;
  /** Sample sizes: negatives m and positives n. */
  negatives: number;
  positives: number;
}

/** Mid-ranks (1-based, ties averaged) of `v` within itself. */
function midRanks(v: ArrayLike<number>): Float64Array {
  const idx = Array.from({ length: v.length }, (_, i) => i).sort((a, b) => v[a] - v[b]);
  const r = new Float64Array(v.length);
  for (let i = 0; i < idx.length; ) {
    let j = i;
    while (j < idx.length && v[idx[j]] === v[idx[i]]) j++;
    for (let k = i; k < j; k++) r[idx[k]] = (i + 1 + j) / 2;
    i = j;
  }
  return r;
}

function variance(v: Float64Array): number {
  let mean = 0;
  for (const x of v) mean += x / v.length;
  let s = 0;
  for (const x of v) s += (x - mean) ** 2;
  return s / (v.length - 1);
}

/**
 * ROC AUC with DeLong, DeLong & Clarke-Pearson's (1988, Biometrics 44:837) nonparametric variance,
 * computed from placement values by mid-ranks in O((m+n) log(m+n)) (Sun & Xu 2014, IEEE SPL 21:1389):
 * V10ᵢ (positive i) = P(negative < positive i) + ½ ties, V01ⱼ (negative j) = P(positive > negative j)
 * + ½ ties, Var = s²(V10)/n + s²(V01)/m. The interval is the Wald interval auc ± 1.96·se, clipped to
 * [0, 1]; it needs at least two negatives and two positives.
 *
 * @param negatives scores of negatives (larger = more likely positive)
 * @param positives scores of positives
 * @param z standard-normal quantile (default 1.96, a 95 % interval)
 */
export function deLongAuc(negatives: ArrayLike<number>, positives: ArrayLike<number>, z = Z95): DeLongAuc {
  const m = negatives.length;
  const n = positives.length;
  if (m < 2 || n < 2) throw new Error(`DeLong's AUC variance needs at least two negatives and two positives (got ${m} negatives, ${n} positives).`);
  const auc = rocAuc(negatives, positives);
  const all = new Float64Array(m + n);
  for (let j = 0; j < m; j++) all[j] = negatives[j];
  for (let i = 0; i < n; i++) all[m + i] = positives[i];
  const rAll = midRanks(all);
  const rNeg = midRanks(negatives);
  const rPos = midRanks(positives);
  // Negatives below positive i (ties ½) = its rank among all minus its rank among positives.
  const v10 = Float64Array.from({ length: n }, (_, i) => (rAll[m + i] - rPos[i]) / m);
  // Positives above negative j (ties ½) = n − (its rank among all − its rank among negatives).
  const v01 = Float64Array.from({ length: m }, (_, j) => 1 - (rAll[j] - rNeg[j]) / n);
  const se = Math.sqrt(variance(v10) / n + variance(v01) / m);
  return { auc, se, low: Math.max(0, auc - z * se), high: Math.min(1, auc + z * se), negatives: m, positives: n };
}
