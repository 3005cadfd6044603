import { flagRate, thresholdAtFpr } from './thresholdAtFpr';

/**
 * True-positive rate at a stated false-positive rate: the threshold is calibrated on the negative
 * scores with {@link thresholdAtFpr} (empirical FPR ≤ `fpr`), then the fraction of positives strictly
 * above it is returned. This is the operating point a deployed detector would actually have.
 *
 * @param negatives clean scores (larger = more suspicious)
 * @param positives adversarial scores
 * @param fpr target false-positive rate as a fraction (0.05 = 5 %)
 * @returns TPR as a fraction in [0, 1], with the threshold used and the FPR it achieves on `negatives`
 */
export function tprAtFpr(
  negatives: ArrayLike<number>,
  positives: ArrayLike<number>,
  fpr: number,
): { tpr: number; threshold: number; achievedFpr: number } {
  const threshold = thresholdAtFpr(negatives, fpr);
  return { tpr: flagRate(positives, threshold), threshold, achievedFpr: flagRate(negatives, threshold) };
}
