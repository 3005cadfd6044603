/**
 * Exact distribution functions for the tests Aegis reports: standard normal, Student t, F and χ².
 * CDFs come from the regularized incomplete beta / gamma functions (no approximation formulas);
 * quantiles invert those CDFs by bisection to double precision, working in whichever tail is
 * smaller so that p-values near 0 keep their relative accuracy.
 */
import { regularizedBeta, regularizedGammaP, regularizedGammaQ } from './specialFunctions';

function checkProbability(p: number, name: string): void {
  if (!(p > 0 && p < 1)) throw new RangeError(`${name}: probability must be strictly between 0 and 1, got ${p}`);
}

function checkDf(df: number, name: string): void {
  if (!(df > 0)) throw new RangeError(`${name}: degrees of freedom must be > 0, got ${df}`);
}

/** Solves f(x) = target for an increasing f on [lo, hi] by bisection to the last representable digit. */
function bisect(f: (x: number) => number, target: number, lo: number, hi: number): number {
  for (let i = 0; i < 2000; i++) {
    const mid = 0.5 * (lo + hi);
    if (mid <= lo || mid >= hi) return mid;
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  return 0.5 * (lo + hi);
}

/** Upper tail of the standard normal, P(Z > z) = ½ erfc(z/√2), with erfc through Q(½, ·). */
export function normalSf(z: number): number {
  const y = (z * z) / 2;
  return z >= 0 ? 0.5 * regularizedGammaQ(0.5, y) : 0.5 * (1 + regularizedGammaP(0.5, y));
}

/** Standard normal CDF Φ(z). */
export function normalCdf(z: number): number {
  return normalSf(-z);
}

/** Standard normal quantile Φ⁻¹(p), 0 < p < 1 (e.g. 0.975 → 1.959963984540054). */
export function normalQuantile(p: number): number {
  checkProbability(p, 'normalQuantile');
  if (p === 0.5) return 0;
  const q = Math.min(p, 1 - p);
  // Upper-tail point z ≥ 0 with P(Z > z) = q: normalSf is decreasing, so bisect on −sf.
  const z = bisect((x) => -normalSf(x), -q, 0, 40);
  return p > 0.5 ? z : -z;
}

/** Above this many degrees of freedom the t tail comes from Fisher's asymptotic series (error < 1e-17). */
const LARGE_DF = 1e6;

/** Upper tail of Student's t with df degrees of freedom, P(T > t); df may be fractional (Hillis ddf). */
export function studentTSf(t: number, df: number): number {
  checkDf(df, 'studentTSf');
  if (t === Infinity) return 0;
  if (t === -Infinity) return 1;
  if (df > LARGE_DF) {
    // Fisher's expansion to O(ν⁻²): the incomplete beta loses digits when a = ν/2 is huge.
    const a = Math.abs(t);
    const phi = Math.exp(-0.5 * a * a) / Math.sqrt(2 * Math.PI);
    const tail = normalSf(a) + phi * ((a ** 3 + a) / (4 * df) + (5 * a ** 7 + 16 * a ** 5 + 3 * a ** 3 - 3 * a) / (96 * df * df));
    return t >= 0 ? tail : 1 - tail;
  }
  const half = 0.5 * regularizedBeta(df / (df + t * t), df / 2, 0.5, (t * t) / (df + t * t));
  return t >= 0 ? half : 1 - half;
}

/** Student t CDF P(T ≤ t). */
export function studentTCdf(t: number, df: number): number {
  return studentTSf(-t, df);
}

/** Student t quantile: the t with P(T ≤ t) = p (e.g. p 0.975, df 4 → 2.7764451051977987). */
export function studentTQuantile(p: number, df: number): number {
  checkProbability(p, 'studentTQuantile');
  checkDf(df, 'studentTQuantile');
  if (p === 0.5) return 0;
  const q = Math.min(p, 1 - p);
  let hi = 1;
  while (studentTSf(hi, df) > q) hi *= 2;
  const t = bisect((x) => -studentTSf(x, df), -q, 0, hi);
  return p > 0.5 ? t : -t;
}

/**
 * Upper tail of the F distribution, P(F > f) with (d1, d2) degrees of freedom (fractional allowed).
 * d1 = 1 goes through the t tail (exact for any d2); otherwise relative accuracy ~1e-10 up to d2 = 10⁶.
 */
export function fSf(f: number, d1: number, d2: number): number {
  checkDf(d1, 'fSf');
  checkDf(d2, 'fSf');
  if (f <= 0) return 1;
  if (f === Infinity) return 0;
  if (d1 === 1) return 2 * studentTSf(Math.sqrt(f), d2);
  return regularizedBeta(d2 / (d2 + d1 * f), d2 / 2, d1 / 2, (d1 * f) / (d2 + d1 * f));
}

/** F distribution CDF P(F ≤ f). */
export function fCdf(f: number, d1: number, d2: number): number {
  checkDf(d1, 'fCdf');
  checkDf(d2, 'fCdf');
  if (f <= 0) return 0;
  if (f === Infinity) return 1;
  return regularizedBeta((d1 * f) / (d1 * f + d2), d1 / 2, d2 / 2, d2 / (d1 * f + d2));
}

/** F quantile: the f with P(F ≤ f) = p. */
export function fQuantile(p: number, d1: number, d2: number): number {
  checkProbability(p, 'fQuantile');
  let hi = 1;
  while (fCdf(hi, d1, d2) < p) hi *= 2;
  return p > 0.5 ? bisect((x) => -fSf(x, d1, d2), -(1 - p), 0, hi) : bisect((x) => fCdf(x, d1, d2), p, 0, hi);
}

/** Upper tail of χ² with k degrees of freedom, P(X > x) = Q(k/2, x/2). */
export function chiSquareSf(x: number, k: number): number {
  checkDf(k, 'chiSquareSf');
  return x <= 0 ? 1 : regularizedGammaQ(k / 2, x / 2);
}

/** χ² quantile: the x with P(X ≤ x) = p. */
export function chiSquareQuantile(p: number, k: number): number {
  checkProbability(p, 'chiSquareQuantile');
  checkDf(k, 'chiSquareQuantile');
  let hi = 1;
  while (regularizedGammaP(k / 2, hi / 2) < p) hi *= 2;
  return p > 0.5
    ? bisect((x) => -chiSquareSf(x, k), -(1 - p), 0, hi)
    : bisect((x) => regularizedGammaP(k / 2, x / 2), p, 0, hi);
}
