/** LID values are capped here (all k neighbours at one distance would give +∞). */
export const LID_MAX = 1e6;

/**
 * Maximum-likelihood local intrinsic dimensionality (Levina & Bickel 2005 as used by Ma et al.
 * 2018, ICLR, "Characterizing adversarial subspaces using local intrinsic dimensionality"):
 * LID = −((1/k) Σᵢ log(rᵢ / r_k))⁻¹ over the k smallest distances r₁ ≤ … ≤ r_k. Dimensionless.
 *
 * @param distances distances to candidate neighbours (any order, any count ≥ k, feature units)
 * @param k number of nearest neighbours (the reference code uses 10–20 in minibatches of 100)
 */
export function lidMle(distances: ArrayLike<number>, k: number): number {
  if (!Number.isInteger(k) || k < 1) throw new Error(`LID needs k ≥ 1 neighbours, got ${k}.`);
  if (distances.length < k) throw new Error(`LID with k = ${k} needs at least ${k} neighbours, got ${distances.length}; use a larger reference batch or smaller k.`);
  const r = Float64Array.from(distances).sort().subarray(0, k);
  const rk = r[k - 1];
  if (!(rk > 0)) return 0;
  let s = 0;
  for (let i = 0; i < k; i++) s += Math.log(r[i] / rk);
  if (s === -Infinity) return 0;
  if (s === 0) return LID_MAX;
  return Math.min(LID_MAX, -k / s);
}

/**
 * LID of each query vector with respect to a reference minibatch of clean features (Euclidean
 * distances). When a query is itself in the reference batch (clean calibration), pass its index in
 * `selfIndices` so it is not its own nearest neighbour.
 *
 * @param queries feature vectors to score
 * @param reference clean feature vectors of the same layer (the minibatch)
 * @param k neighbours
 * @param selfIndices per query, the index of the same vector in `reference`, or −1
 */
export function lidScores(queries: ArrayLike<number>[], reference: ArrayLike<number>[], k: number, selfIndices?: ArrayLike<number>): number[] {
  return queries.map((q, qi) => {
    const skip = selfIndices ? selfIndices[qi] : -1;
    const dists: number[] = [];
    reference.forEach((x, i) => {
      if (i === skip) return;
      if (x.length !== q.length) throw new Error(`LID: query has ${q.length} features, reference vector #${i} has ${x.length}.`);
      let d2 = 0;
      for (let j = 0; j < q.length; j++) d2 += (q[j] - x[j]) ** 2;
      dists.push(Math.sqrt(d2));
    });
    return lidMle(dists, k);
  });
}
