/**
 * Spearman rank correlation: Pearson correlation of the mid-ranks (ties get their average rank).
 * Used for sanity checks (e.g. does a suspicion map rank pixels like the perturbation magnitude?).
 *
 * @returns ρ in [−1, 1]; throws when either input is constant
 */
export function spearman(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`Spearman: inputs have ${a.length} and ${b.length} values; they must match.`);
  if (a.length < 2) throw new Error('Spearman correlation needs at least 2 pairs.');
  const ra = midRanks(a);
  const rb = midRanks(b);
  const n = a.length;
  const mean = (n + 1) / 2;
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = ra[i] - mean;
    const db = rb[i] - mean;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (saa === 0 || sbb === 0) throw new Error('Spearman correlation is undefined when one input is constant.');
  return sab / Math.sqrt(saa * sbb);
}

/** 1-based mid-ranks of `v` (ties share the mean of the ranks they span). */
export function midRanks(v: ArrayLike<number>): Float64Array {
  const n = v.length;
  const order = Array.from({ length: n }, (_, i) => i).sort((i, j) => v[i] - v[j]);
  const ranks = new Float64Array(n);
  for (let i = 0; i < n; ) {
    let j = i;
    while (j < n && v[order[j]] === v[order[i]]) j++;
    for (let k = i; k < j; k++) ranks[order[k]] = (i + 1 + j) / 2;
    i = j;
  }
  return ranks;
}
