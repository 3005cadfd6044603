import { cholesky, choleskySolve } from '../stats/cholesky';
import { ledoitWolf } from '../stats/ledoitWolf';

/** Class-conditional Gaussians with one shared (tied) covariance; plain data, JSON-serialisable. */
export interface TiedGaussianModel {
  /** Feature dimension p. */
  dim: number;
  /** Per-class mean vectors (feature units), indexed by class id 0…C−1; empty for a class without calibration images. */
  means: number[][];
  /** Tied covariance after Ledoit–Wolf shrinkage, row-major p×p (feature units²). */
  covariance: number[];
  /** Ledoit–Wolf shrinkage intensity used, in [0, 1]. */
  shrinkage: number;
}

/**
 * Fits the Gaussian model of Lee et al. 2018 (NeurIPS, "A simple unified framework for detecting
 * out-of-distribution samples and adversarial attacks"): per-class means and one tied covariance of
 * the class-centred features, here shrunk by Ledoit–Wolf so it stays invertible with fewer images
 * than feature channels. Without labels (multi-label models), one class-agnostic Gaussian is fitted.
 *
 * @param features n feature vectors of one layer (e.g. global-average-pooled activations)
 * @param labels n class ids 0…C−1 (the true or predicted class), or null for a single Gaussian
 */
export function fitTiedGaussian(features: ArrayLike<number>[], labels: ArrayLike<number> | null): TiedGaussianModel {
  const n = features.length;
  if (n < 2) throw new Error(`Mahalanobis calibration needs at least 2 clean images, got ${n}.`);
  const dim = features[0].length;
  const ids = labels ?? new Array<number>(n).fill(0);
  if (ids.length !== n) throw new Error(`Mahalanobis calibration: ${n} feature vectors but ${ids.length} labels.`);
  let classes = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isInteger(ids[i]) || ids[i] < 0) throw new Error(`Mahalanobis calibration: label #${i} is ${ids[i]}, expected a class id ≥ 0.`);
    classes = Math.max(classes, ids[i] + 1);
  }
  const sums = Array.from({ length: classes }, () => new Array<number>(dim).fill(0));
  const counts = new Array<number>(classes).fill(0);
  for (let i = 0; i < n; i++) {
    if (features[i].length !== dim) throw new Error(`Mahalanobis calibration: vector #${i} has ${features[i].length} features, expected ${dim}.`);
    counts[ids[i]]++;
    for (let j = 0; j < dim; j++) sums[ids[i]][j] += features[i][j];
  }
  // A class no calibration image fell in keeps an empty mean and is skipped when scoring.
  const means = sums.map((s, c) => (counts[c] > 0 ? s.map((v) => v / counts[c]) : []));
  const centred = features.map((f, i) => Float64Array.from(f, (v, j) => v - means[ids[i]][j]));
  const shrunk = ledoitWolf(centred, { assumeCentered: true });
  return { dim, means, covariance: Array.from(shrunk.covariance), shrinkage: shrunk.shrinkage };
}

/** A fitted model prepared for fast scoring (Cholesky factor of the tied covariance). */
export interface MahalanobisScorer {
  model: TiedGaussianModel;
  factor: Float64Array;
}

/** Prepares {@link mahalanobisScore}; throws if the stored covariance is not positive definite. */
export function prepareMahalanobis(model: TiedGaussianModel): MahalanobisScorer {
  return { model, factor: cholesky(model.covariance, model.dim, 'tied feature covariance') };
}

/**
 * Image-level Mahalanobis score: min over classes of the squared distance (f − μ_c)ᵀ Σ⁻¹ (f − μ_c),
 * i.e. minus Lee et al.'s confidence score; larger = more suspicious. Unit: squared standard
 * deviations (for a clean Gaussian sample its mean is ≈ p).
 */
export function mahalanobisScore(scorer: MahalanobisScorer, f: ArrayLike<number>): { score: number; nearestClass: number } {
  const { model, factor } = scorer;
  if (f.length !== model.dim) throw new Error(`Mahalanobis: feature vector has ${f.length} values, the calibration has ${model.dim}.`);
  let best = Infinity;
  let nearestClass = -1;
  const diff = new Float64Array(model.dim);
  model.means.forEach((mu, c) => {
    if (mu.length === 0) return;
    for (let j = 0; j < model.dim; j++) diff[j] = f[j] - mu[j];
    const sol = choleskySolve(factor, model.dim, diff);
    let d2 = 0;
    for (let j = 0; j < model.dim; j++) d2 += diff[j] * sol[j];
    if (d2 < best) {
      best = d2;
      nearestClass = c;
    }
  });
  return { score: best, nearestClass };
}
