import type { AttackNorm } from './attackTypes';

/**
 * Projects x in place onto {‖x − x0‖ ≤ eps} (L∞: clamp each value; L2: rescale δ), then clips to the
 * box [lower, upper]. Because x0 lies in the box, clipping never increases |δᵢ|, so the norm bound
 * still holds afterwards (and for L∞ this is the exact projection onto the intersection).
 */
export function projectInPlace(
  x: Float32Array,
  x0: Float32Array,
  eps: number,
  norm: AttackNorm,
  lower: Float32Array,
  upper: Float32Array,
): void {
  if (norm === 'linf') {
    for (let i = 0; i < x.length; i++) x[i] = Math.min(Math.max(x[i], x0[i] - eps), x0[i] + eps);
  } else {
    let sq = 0;
    for (let i = 0; i < x.length; i++) sq += (x[i] - x0[i]) ** 2;
    const n = Math.sqrt(sq);
    if (n > eps) {
      const s = eps / n;
      for (let i = 0; i < x.length; i++) x[i] = x0[i] + (x[i] - x0[i]) * s;
    }
  }
  clipInPlace(x, lower, upper);
}

/** Clips each value of x to [lower, upper] in place. */
export function clipInPlace(x: Float32Array, lower: Float32Array, upper: Float32Array): void {
  for (let i = 0; i < x.length; i++) x[i] = Math.min(Math.max(x[i], lower[i]), upper[i]);
}

/** ‖v‖₂ */
export function l2Norm(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

/**
 * The steepest-ascent direction of unit norm for a gradient: sign(g) under L∞, g/‖g‖₂ under L2
 * (zero where the gradient is zero).
 */
export function steepestDirection(g: Float32Array, norm: AttackNorm): Float32Array {
  if (norm === 'linf') return g.map((v) => Math.sign(v));
  const n = l2Norm(g);
  return n > 0 ? g.map((v) => v / n) : new Float32Array(g.length);
}
