/**
 * Threshold calibrated to a stated false-positive rate on clean (negative) scores: the smallest
 * observed clean score t such that at most ⌊fpr·n⌋ clean scores lie strictly above it. A case is
 * flagged when its score is strictly greater than the threshold, so the empirical FPR on the
 * calibration scores never exceeds `fpr` (ties can only lower it).
 *
 * @param cleanScores detector scores of clean images (larger = more suspicious)
 * @param fpr target false-positive rate, a fraction in [0, 1) (0.05 = 5 %)
 * @returns the score threshold, in the detector's score unit
 */
export function thresholdAtFpr(cleanScores: ArrayLike<number>, fpr: number): number {
  const n = cleanScores.length;
  if (n === 0) throw new Error('Threshold calibration needs at least one clean score.');
  if (!(fpr >= 0 && fpr < 1)) throw new Error(`Target false-positive rate must be in [0, 1), got ${fpr}.`);
  const sorted = Float64Array.from(cleanScores).sort().reverse();
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(sorted[i])) throw new Error(`Clean score is ${sorted[i]}; scores must be finite numbers.`);
  }
  const allowed = Math.floor(fpr * n + 1e-9);
  if (allowed >= n) return -Infinity;
  // sorted[allowed] is the (allowed+1)-th largest; scores above it number at most `allowed`.
  return sorted[allowed];
}

/** Fraction of `scores` strictly above `threshold` (the flag rate: TPR on positives, FPR on negatives). */
export function flagRate(scores: ArrayLike<number>, threshold: number): number {
  if (scores.length === 0) throw new Error('Flag rate needs at least one score.');
  let k = 0;
  for (let i = 0; i < scores.length; i++) if (scores[i] > threshold) k++;
  return k / scores.length;
}
