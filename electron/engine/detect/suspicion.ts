import { flagRate, thresholdAtFpr } from '../stats/thresholdAtFpr';
import { minimumReferenceImages } from '../../shared/calibrationSize';
import { wilsonInterval } from '../stats/wilsonInterval';

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
 * The false-positive rate the calibration actually has on its clean references (each scored leave
 * one out), as k of n with its Wilson 95 % interval: what the stated FPR rests on.
 */
export function calibrationFpr(cal: SuspicionCalibration): ReturnType<typeof wilsonInterval> {
  const combined = leaveOneOutScores(cal.referenceScores);
  return wilsonInterval(Math.round(flagRate(combined, cal.threshold) * combined.length), combined.length);
}

function leaveOneOutScores(referenceScores: Record<string, number[]>): number[] {
  const names = Object.keys(referenceScores);
  const n = referenceScores[names[0]].length;
  return Array.from({ length: n }, (_, i) => {
    const own = Object.fromEntries(names.map((name) => [name, referenceScores[name][i]]));
    return combinedSuspicion(own, referenceScores, i).score;
  });
}

/**
 * Upper-tail probability of `score` among clean scores: the conformal p-value
 * (1 + #{clean ≥ score}) / (n + 1) — never 0, exact-level under exchangeability — inside the clean
 * range. Beyond the largest clean score the conformal value is stuck at 1/(n + 1), which made every
 * clearly abnormal image score the same (four flagged images all 0.534); there the p-value continues
 * as an exponential tail through the empirical curve at the median (p ½) and at the maximum
 * (p 1/(n + 1)), so images beyond the clean range keep their order. That tail is a model, not an
 * exact level; the flag threshold is still set on clean scores (see {@link calibrateSuspicion}).
 *
 * @param skipIndex leave this clean score out (when scoring a calibration image itself)
 */
export function tailProbability(score: number, clean: ArrayLike<number>, skipIndex = -1): number {
  let above = 0;
  const kept: number[] = [];
  for (let i = 0; i < clean.length; i++) {
    if (i === skipIndex) continue;
    kept.push(clean[i]);
    if (clean[i] >= score) above++;
  }
  const n = kept.length;
  if (n === 0) throw new Error('Suspicion score needs at least one clean reference score per detector.');
  if (above > 0) return (1 + above) / (n + 1);
  kept.sort((a, b) => a - b);
  const max = kept[n - 1];
  const median = n % 2 ? kept[(n - 1) / 2] : (kept[n / 2 - 1] + kept[n / 2]) / 2;
  const scale = (max - median) / Math.log((n + 1) / 2);
  const beyond = scale > 0 && Number.isFinite(scale) ? Math.exp(-(score - max) / scale) : 1;
  return beyond / (n + 1);
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
  const needed = minimumReferenceImages(fpr);
  if (n < Math.max(2, needed)) {
    throw new Error(
      `A ${+(100 * fpr).toFixed(2)} % false-positive rate needs at least ${Math.max(2, needed)} clean reference images, got ${n}: ` +
        `with ${n} the flag cannot promise less than ${+(100 / (n + 1)).toFixed(1)} %. Calibrate on more clean images or state a larger rate.`,
    );
  }
  return { fpr, threshold: thresholdAtFpr(leaveOneOutScores(referenceScores), fpr), referenceScores };
}
