import { thresholdAtFpr } from '../stats/thresholdAtFpr';

/** The combined score's calibration; plain data, JSON-serialisable. */
export interface SuspicionCalibration {
  /** Target false-positive rate on clean images, a fraction (0.05 = 5 %). */
  fpr: number;
  /** Combined-score threshold: an image is flagged when its combined score is strictly above it. */
  threshold: number;
  /** Clean calibration scores of each detector, image order identical across detectors. */
  referenceScores: Record<string, number[]>;
}

/**
 * Empirical upper-tail probability of `score` among clean scores, (1 + #{clean ≥ score}) / (n + 1),
 * a conformal p-value: never 0, exact-level under exchangeability.
 *
 * @param skipIndex leave this clean score out (when scoring a calibration image itself)
 */
export function tailProbability(score: number, clean: ArrayLike<number>, skipIndex = -1): number {
  let above = 0;
  let n = 0;
  for (let i = 0; i < clean.length; i++) {
    if (i === skipIndex) continue;
    n++;
    if (clean[i] >= score) above++;
  }
  if (n === 0) throw new Error('Suspicion score needs at least one clean reference score per detector.');
  return (1 + above) / (n + 1);
}

/**
 * Combined suspicion: each detector's score becomes its clean tail probability p, and the combined
 * score is the mean of −log₁₀ p over detectors — Fisher's combination (−2 Σ ln p) rescaled, which
 * rewards agreement between detectors. (The minimum p saturates at 1/(n+1) with n reference images,
 * so with several detectors clean images reach it too often.) Unit: decades of rarity among clean
 * images (2 = rarer than 1 in 100 on average). Detectors without reference scores are ignored; none
 * is an error.
 */
export function combinedSuspicion(
  scores: Record<string, number>,
  referenceScores: Record<string, number[]>,
  skipIndex = -1,
): { score: number; pValues: Record<string, number> } {
  const pValues: Record<string, number> = {};
  let sum = 0;
  for (const [name, s] of Object.entries(scores)) {
    const ref = referenceScores[name];
    if (!ref) continue;
    pValues[name] = tailProbability(s, ref, skipIndex);
    sum -= Math.log10(pValues[name]);
  }
  if (Object.keys(pValues).length === 0) {
    throw new Error(`None of the detectors ${Object.keys(scores).join(', ')} has clean reference scores in this calibration; recalibrate.`);
  }
  return { score: sum / Object.keys(pValues).length, pValues };
}

/**
 * Calibrates the combined score to a stated FPR on the clean calibration set. Each clean image's
 * combined score is computed leave-one-out (its own scores removed from the references), so the
 * threshold reflects how new clean images will score.
 *
 * @param referenceScores per detector, one clean score per calibration image (same order)
 * @param fpr target false-positive rate as a fraction
 */
export function calibrateSuspicion(referenceScores: Record<string, number[]>, fpr: number): SuspicionCalibration {
  const names = Object.keys(referenceScores);
  if (names.length === 0) throw new Error('Suspicion calibration needs scores from at least one detector.');
  const n = referenceScores[names[0]].length;
  for (const name of names) {
    if (referenceScores[name].length !== n) {
      throw new Error(`Suspicion calibration: detector "${name}" has ${referenceScores[name].length} clean scores, "${names[0]}" has ${n}; score every image with every detector.`);
    }
  }
  if (n < 2) throw new Error(`Suspicion calibration needs at least 2 clean images, got ${n}.`);
  const combined = Array.from({ length: n }, (_, i) => {
    const own = Object.fromEntries(names.map((name) => [name, referenceScores[name][i]]));
    return combinedSuspicion(own, referenceScores, i).score;
  });
  return { fpr, threshold: thresholdAtFpr(combined, fpr), referenceScores };
}
