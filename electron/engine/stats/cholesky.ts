/**
 * Cholesky factorisation A = L·Lᵀ of a symmetric positive-definite p×p matrix (row-major), with
 * solves and inverse built on it. Used for Mahalanobis precisions and Newton steps.
 *
 * @param a row-major p×p symmetric matrix (only the lower triangle is read)
 * @param p matrix order
 * @param what a name for the matrix, used in the error when it is not positive definite
 * @returns L, row-major lower-triangular p×p
 */
export function cholesky(a: ArrayLike<number>, p: number, what = 'matrix'): Float64Array {
  if (a.length !== p * p) throw new Error(`Cholesky: ${what} has ${a.length} entries, expected ${p}×${p}.`);
  const l = new Float64Array(p * p);
  for (let i = 0; i < p; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i * p + j];
      for (let k = 0; k < j; k++) s -= l[i * p + k] * l[j * p + k];
      if (i === j) {
        if (!(s > 0)) {
          throw new Error(`Cholesky: ${what} is not positive definite (pivot ${i} = ${s}); add shrinkage or more samples.`);
        }
        l[i * p + i] = Math.sqrt(s);
      } else {
        l[i * p + j] = s / l[j * p + j];
      }
    }
  }
  return l;
}

/** Solves (L·Lᵀ) x = b for x, given the Cholesky factor L (row-major, p×p). */
export function choleskySolve(l: Float64Array, p: number, b: ArrayLike<number>): Float64Array {
  const y = new Float64Array(p);
  for (let i = 0; i < p; i++) {
    let s = b[i];
    for (let k = 0; k < i; k++) s -= l[i * p + k] * y[k];
    y[i] = s / l[i * p + i];
  }
  for (let i = p - 1; i >= 0; i--) {
    let s = y[i];
    for (let k = i + 1; k < p; k++) s -= l[k * p + i] * y[k];
    y[i] = s / l[i * p + i];
  }
  return y;
}

/** Inverse of L·Lᵀ (row-major, p×p) from its Cholesky factor. */
export function choleskyInverse(l: Float64Array, p: number): Float64Array {
  const inv = new Float64Array(p * p);
  const e = new Float64Array(p);
  for (let j = 0; j < p; j++) {
    e.fill(0);
    e[j] = 1;
    const col = choleskySolve(l, p, e);
    for (let i = 0; i < p; i++) inv[i * p + j] = col[i];
  }
  return inv;
}
