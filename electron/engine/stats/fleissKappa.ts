import { normalQuantile, normalSf } from './distributions';

/** Fleiss' kappa with its standard errors, test and interval. */
export interface FleissKappa {
  /** κ, unitless; 1 = perfect agreement, 0 = chance. */
  kappa: number;
  /** Mean observed agreement P̄ and chance agreement P̄e. */
  observed: number;
  expected: number;
  /** Subjects and raters per subject. */
  subjects: number;
  raters: number;
  /** Standard error under H0: κ = 0 (Fleiss, Nee & Landis 1979), for the z test. */
  seNull: number;
  z: number;
  /** Two-sided p-value of H0: κ = 0. */
  p: number;
  /** Jackknife (leave-one-subject-out) standard error, used for the interval. */
  seJackknife: number;
  lower: number;
  upper: number;
  level: number;
}

function kappaOf(counts: number[][], raters: number): { kappa: number; observed: number; expected: number; pj: number[] } {
  const n = counts.length;
  const k = counts[0].length;
  const pj = new Array<number>(k).fill(0);
  let observed = 0;
  for (const row of counts) {
    let agree = 0;
    for (let j = 0; j < k; j++) {
      pj[j] += row[j] / (n * raters);
      agree += row[j] * (row[j] - 1);
    }
    observed += agree / (raters * (raters - 1)) / n;
  }
  const expected = pj.reduce((s, p) => s + p * p, 0);
  return { kappa: (observed - expected) / (1 - expected), observed, expected, pj };
}

/**
 * Fleiss' kappa (Fleiss 1971) for agreement of a fixed number of raters per subject on nominal
 * categories — e.g. whether several readers call the same images manipulated.
 *
 * @param counts one row per subject, one column per category: how many raters chose it; every row
 *   must sum to the same number of raters (≥ 2)
 * @param level two-sided confidence level of the jackknife interval, default 0.95
 */
export function fleissKappa(counts: number[][], level = 0.95): FleissKappa {
  const n = counts.length;
  if (n < 2) throw new RangeError(`Fleiss' kappa needs at least 2 subjects, got ${n}`);
  const k = counts[0].length;
  const raters = counts[0].reduce((s, v) => s + v, 0);
  counts.forEach((row, i) => {
    if (row.length !== k) throw new RangeError(`Fleiss' kappa: subject ${i + 1} has ${row.length} categories, expected ${k}`);
    if (row.some((v) => !Number.isInteger(v) || v < 0)) throw new RangeError(`Fleiss' kappa: subject ${i + 1} has a count that is not a whole number ≥ 0`);
    const sum = row.reduce((s, v) => s + v, 0);
    if (sum !== raters) throw new RangeError(`Fleiss' kappa: subject ${i + 1} has ${sum} ratings, subject 1 has ${raters}; every subject needs the same number of raters`);
  });
  if (raters < 2) throw new RangeError(`Fleiss' kappa needs at least 2 raters per subject, got ${raters}`);
  const { kappa, observed, expected, pj } = kappaOf(counts, raters);
  if (expected === 1) throw new RangeError("Fleiss' kappa is undefined: every rating falls in one category");
  const sumPq = pj.reduce((s, p) => s + p * (1 - p), 0);
  const sumPq2 = pj.reduce((s, p) => s + p * (1 - p) * (1 - 2 * p), 0);
  const seNull = (Math.sqrt(2) / (sumPq * Math.sqrt(n * raters * (raters - 1)))) * Math.sqrt(sumPq * sumPq - sumPq2);
  const leaveOut = counts.map((_, i) => kappaOf(counts.filter((__, j) => j !== i), raters).kappa);
  const meanLo = leaveOut.reduce((s, v) => s + v, 0) / n;
  const seJackknife = Math.sqrt(((n - 1) / n) * leaveOut.reduce((s, v) => s + (v - meanLo) ** 2, 0));
  const z = kappa / seNull;
  const zc = normalQuantile(0.5 + level / 2);
  return {
    kappa,
    observed,
    expected,
    subjects: n,
    raters,
    seNull,
    z,
    p: 2 * normalSf(Math.abs(z)),
    seJackknife,
    lower: kappa - zc * seJackknife,
    upper: kappa + zc * seJackknife,
    level,
  };
}
