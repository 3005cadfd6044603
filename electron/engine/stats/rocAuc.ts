/**
 * Area under the ROC curve by the Mann–Whitney U statistic (Hanley & McNeil 1982): the probability
 * that a randomly drawn positive scores higher than a randomly drawn negative, ties counted ½.
 * Equals the trapezoidal area under the empirical ROC curve. O((m+n) log(m+n)) via mid-ranks.
 *
 * Scores are in any unit where larger means "more likely positive".
 *
 * @param negatives scores of the negative (e.g. clean) cases
 * @param positives scores of the positive (e.g. adversarial) cases
 * @returns AUC in [0, 1]
 */
export function rocAuc(negatives: ArrayLike<number>, positives: ArrayLike<number>): number {
  const m = negatives.length;
  const n = positives.length;
  if (m === 0 || n === 0) {
    throw new Error(`ROC AUC needs at least one negative and one positive score (got ${m} negatives, ${n} positives).`);
  }
  const all: { v: number; pos: boolean }[] = [];
  for (let i = 0; i < m; i++) all.push({ v: checkFinite(negatives[i], 'negative', i), pos: false });
  for (let i = 0; i < n; i++) all.push({ v: checkFinite(positives[i], 'positive', i), pos: true });
  all.sort((a, b) => a.v - b.v);
  // Sum of the positives' mid-ranks (1-based): a tie group spanning ranks i+1..j gets (i+1+j)/2 each.
  let rankSumPos = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j].v === all[i].v) j++;
    const midRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (all[k].pos) rankSumPos += midRank;
    i = j;
  }
  const u = rankSumPos - (n * (n + 1)) / 2;
  return u / (m * n);
}

function checkFinite(v: number, kind: string, i: number): number {
  if (!Number.isFinite(v)) throw new Error(`ROC AUC: ${kind} score #${i} is ${v}; scores must be finite numbers.`);
  return v;
}
