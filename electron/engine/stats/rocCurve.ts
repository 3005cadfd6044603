/**
 * The empirical ROC curve of ratings: one operating point per distinct rating, from the strictest
 * threshold ("positive if rating ≥ the highest value") down to calling everything positive, starting
 * at (0, 0) and ending at (1, 1). Its trapezoidal area equals the Mann–Whitney AUC.
 *
 * @param negatives ratings of truth-negative cases (larger = more likely positive)
 * @param positives ratings of truth-positive cases
 * @returns points as fractions: fpr = false-positive rate, tpr = true-positive rate
 */
export function rocCurve(negatives: readonly number[], positives: readonly number[]): { fpr: number; tpr: number }[] {
  if (negatives.length === 0 || positives.length === 0) throw new RangeError(`an ROC curve needs negatives and positives (got ${negatives.length} and ${positives.length})`);
  const thresholds = [...new Set([...negatives, ...positives])].sort((a, b) => b - a);
  const points = [{ fpr: 0, tpr: 0 }];
  for (const t of thresholds) {
    points.push({ fpr: negatives.filter((v) => v >= t).length / negatives.length, tpr: positives.filter((v) => v >= t).length / positives.length });
  }
  return points;
}
