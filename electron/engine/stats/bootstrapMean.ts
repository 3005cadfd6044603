import { seededRandom } from './seededRandom';

/** A mean with its percentile-bootstrap interval and the sample size it rests on. */
export interface MeanInterval {
  /** Sample mean, in the values' units. */
  estimate: number;
  /** 95 % percentile-bootstrap bounds, same units. */
  low: number;
  high: number;
  n: number;
}

/**
 * Mean of `values` with a seeded percentile-bootstrap 95 % interval (Efron & Tibshirani 1993, §13.3):
 * `resamples` resamples of n values drawn with replacement, the 2.5 % and 97.5 % quantiles of their
 * means (linear interpolation between order statistics, type 7). The same seed gives the same bounds.
 * Used for sample means with no exact interval (SSIM, PSNR, Dice) and for paired differences (pass the
 * per-image differences).
 *
 * @param values finite numbers, any unit
 * @param seed seed of the resampling
 * @param resamples bootstrap replicates (default 2000)
 */
export function bootstrapMean(values: ArrayLike<number>, seed: number, resamples = 2000): MeanInterval {
  const n = values.length;
  if (n === 0) throw new Error('A bootstrap interval needs at least one value.');
  let sum = 0;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(values[i])) throw new Error(`bootstrap: value #${i} is ${values[i]}; values must be finite numbers.`);
    sum += values[i];
  }
  const rand = seededRandom(seed);
  const means = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += values[Math.floor(rand() * n)];
    means[b] = s / n;
  }
  means.sort();
  const q = (p: number) => {
    const h = (resamples - 1) * p;
    const lo = Math.floor(h);
    return means[lo] + (h - lo) * ((means[Math.min(lo + 1, resamples - 1)] ?? means[lo]) - means[lo]);
  };
  return { estimate: sum / n, low: q(0.025), high: q(0.975), n };
}
