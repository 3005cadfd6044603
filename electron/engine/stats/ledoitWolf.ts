/** Result of {@link ledoitWolf}. */
export interface ShrunkCovariance {
  /** Row-major p×p shrunk covariance, in the features' squared unit. */
  covariance: Float64Array;
  /** Feature means subtracted before estimation (zeros when `assumeCentered`). */
  mean: Float64Array;
  /** Shrinkage intensity in [0, 1]: weight on the scaled identity target. */
  shrinkage: number;
  /** Number of features p. */
  dim: number;
}

/**
 * Ledoit–Wolf (2004, J. Multivariate Anal. 88:365) shrinkage of the sample covariance towards
 * μ·I, μ = tr(S)/p, with the optimal intensity estimated from the data:
 * Σ* = (b²/d²) μI + (1 − b²/d²) S, where d² = ‖S − μI‖², b² = min(d², n⁻² Σₖ ‖xₖxₖᵀ − S‖²), norms being
 * Frobenius divided by p and S the maximum-likelihood covariance (divided by n), as scikit-learn.
 *
 * @param rows n samples of p features each (any unit)
 * @param options `assumeCentered`: rows are already centred (e.g. class means removed for a tied
 *   covariance), so no mean is subtracted
 */
export function ledoitWolf(rows: ArrayLike<number>[], options: { assumeCentered?: boolean } = {}): ShrunkCovariance {
  const n = rows.length;
  if (n < 2) throw new Error(`Ledoit–Wolf covariance needs at least 2 samples, got ${n}.`);
  const p = rows[0].length;
  if (p === 0) throw new Error('Ledoit–Wolf covariance needs at least one feature.');
  const mean = new Float64Array(p);
  for (const r of rows) {
    if (r.length !== p) throw new Error(`Ledoit–Wolf: rows have ${p} and ${r.length} features; all must match.`);
    if (!options.assumeCentered) for (let j = 0; j < p; j++) mean[j] += r[j] / n;
  }
  const s = new Float64Array(p * p);
  let sumNorm4 = 0;
  const x = new Float64Array(p);
  for (const r of rows) {
    let sq = 0;
    for (let j = 0; j < p; j++) {
      x[j] = r[j] - mean[j];
      sq += x[j] * x[j];
    }
    sumNorm4 += sq * sq;
    for (let i = 0; i < p; i++) {
      const xi = x[i];
      for (let j = 0; j <= i; j++) s[i * p + j] += xi * x[j];
    }
  }
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      s[i * p + j] /= n;
      s[j * p + i] = s[i * p + j];
    }
  }
  let trace = 0;
  let frob2 = 0;
  for (let i = 0; i < p; i++) trace += s[i * p + i];
  for (let k = 0; k < p * p; k++) frob2 += s[k] * s[k];
  const mu = trace / p;
  // ‖S − μI‖²·p = ‖S‖² − 2μ tr S + pμ²;  Σₖ‖xₖxₖᵀ − S‖² = Σₖ‖xₖ‖⁴ − n‖S‖² (as Σₖ xₖxₖᵀ = nS).
  const d2 = (frob2 - 2 * mu * trace + p * mu * mu) / p;
  const bBar2 = Math.max(0, (sumNorm4 - n * frob2) / (n * n * p));
  const b2 = Math.min(bBar2, d2);
  const shrinkage = d2 > 0 ? b2 / d2 : 0;
  const covariance = new Float64Array(p * p);
  for (let k = 0; k < p * p; k++) covariance[k] = (1 - shrinkage) * s[k];
  for (let i = 0; i < p; i++) covariance[i * p + i] += shrinkage * mu;
  return { covariance, mean, shrinkage, dim: p };
}
