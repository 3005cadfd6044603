/**
 * Covariance of AUCs on shared cases by DeLong's method, for the MRMC analysis (the single-AUC
 * interval is `deLongAuc` in `delong.ts`).
 *
 * DeLong's structural components of one empirical AUC (DeLong, DeLong & Clarke-Pearson 1988):
 * for each positive, the fraction of negatives it out-scores (ties ½), and for each negative the
 * fraction of positives that out-score it. Their means are the AUC.
 */
export interface StructuralComponents {
  auc: number;
  /** One per positive case, in input order. */
  v10: Float64Array;
  /** One per negative case, in input order. */
  v01: Float64Array;
}

/**
 * Structural components of the empirical (trapezoidal, Mann–Whitney) AUC. Scores in any unit where
 * larger means "more likely positive". O(n0·n1), exact with ties.
 *
 * @param negatives scores of the truth-negative cases (n0 ≥ 1)
 * @param positives scores of the truth-positive cases (n1 ≥ 1)
 */
export function structuralComponents(negatives: ArrayLike<number>, positives: ArrayLike<number>): StructuralComponents {
  const n0 = negatives.length;
  const n1 = positives.length;
  if (n0 === 0 || n1 === 0) throw new RangeError(`AUC needs at least one negative and one positive case (got ${n0} negatives, ${n1} positives)`);
  const v10 = new Float64Array(n1);
  const v01 = new Float64Array(n0);
  for (let k = 0; k < n1; k++) {
    const y = positives[k];
    if (!Number.isFinite(y)) throw new RangeError(`AUC: positive score #${k} is ${y}; scores must be finite`);
    for (let j = 0; j < n0; j++) {
      const x = negatives[j];
      const psi = y > x ? 1 : y === x ? 0.5 : 0;
      v10[k] += psi;
      v01[j] += psi;
    }
  }
  for (let j = 0; j < n0; j++) {
    if (!Number.isFinite(negatives[j])) throw new RangeError(`AUC: negative score #${j} is ${negatives[j]}; scores must be finite`);
    v01[j] /= n1;
  }
  let sum = 0;
  for (let k = 0; k < n1; k++) {
    v10[k] /= n0;
    sum += v10[k];
  }
  return { auc: sum / n1, v10, v01 };
}

function centredCov(a: Float64Array, ma: number, b: Float64Array, mb: number): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] - ma) * (b[i] - mb);
  return a.length > 1 ? s / (a.length - 1) : 0;
}

/**
 * DeLong covariance of two AUCs measured on the same cases (same order of negatives and of
 * positives): S10/n1 + S01/n0 with unbiased (n − 1) sample covariances. With a = b it is the
 * DeLong variance. Units: AUC².
 */
export function delongCovariance(a: StructuralComponents, b: StructuralComponents): number {
  if (a.v10.length !== b.v10.length || a.v01.length !== b.v01.length) {
    throw new RangeError('DeLong covariance needs both AUCs on the same cases');
  }
  return centredCov(a.v10, a.auc, b.v10, b.auc) / a.v10.length + centredCov(a.v01, a.auc, b.v01, b.auc) / a.v01.length;
}
