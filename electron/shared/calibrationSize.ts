/**
 * How many clean images a suspicion calibration needs for a stated false-positive rate (a fraction),
 * shared by the engine (which refuses too small a calibration) and the UI (which says so before asking).
 * A calibration fits the detectors on half its images and keeps the other half as clean references.
 */

/**
 * Fewest clean reference images that can support a stated false-positive rate: with n references a
 * conformal flag cannot promise a rate below 1/(n + 1), so n ≥ ⌈1/fpr⌉ − 1 (19 for 5 %).
 */
export function minimumReferenceImages(fpr: number): number {
  return Math.max(1, Math.ceil(1 / fpr - 1e-9) - 1);
}

/** Fewest clean images a calibration for `fpr` accepts: twice the reference minimum, at least 6. */
export function minimumCalibrationImages(fpr: number): number {
  return Math.max(6, 2 * minimumReferenceImages(fpr));
}

/** Smallest FPR (a fraction) that `images` clean images can support: 1/(references + 1). */
export function smallestSupportedFpr(images: number): number {
  return 1 / (Math.floor(images / 2) + 1);
}
