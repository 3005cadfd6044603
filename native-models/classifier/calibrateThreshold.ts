/**
 * The decision threshold of a score: the cut between sorted scores that maximises accuracy on a
 * labelled calibration set, placed half-way between the two neighbouring scores.
 */

/** Threshold t such that "score > t ⇒ positive" is most accurate on (scores, labels). */
export function calibrateThreshold(scores: ArrayLike<number>, labels: ArrayLike<number>): number {
  const n = scores.length;
  if (n === 0 || labels.length !== n) throw new Error(`calibrateThreshold: ${n} scores and ${labels.length} labels`);
  const idx = Array.from({ length: n }, (_, i) => i).sort((a, b) => scores[a] - scores[b]);
  // Cut k: the k lowest scores are called negative. Start with everything positive.
  let correct = 0;
  for (let i = 0; i < n; i++) correct += labels[i] ? 1 : 0;
  let best = correct;
  let bestK = 0;
  for (let k = 1; k <= n; k++) {
    correct += labels[idx[k - 1]] ? -1 : 1;
    const tied = k < n && scores[idx[k]] === scores[idx[k - 1]];
    if (!tied && correct > best) {
      best = correct;
      bestK = k;
    }
  }
  if (bestK === 0) return scores[idx[0]] - 1;
  if (bestK === n) return scores[idx[n - 1]] + 1;
  return (scores[idx[bestK - 1]] + scores[idx[bestK]]) / 2;
}
