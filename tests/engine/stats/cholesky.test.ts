import { describe, expect, it } from 'vitest';
import { cholesky, choleskyInverse, choleskySolve } from '../../../electron/engine/stats/cholesky';

describe('cholesky', () => {
  const a = [4, 12, -16, 12, 37, -43, -16, -43, 98]; // the textbook example, L = [2,0,0; 6,1,0; −8,5,3]
  it('factors the textbook matrix', () => {
    expect(Array.from(cholesky(a, 3))).toEqual([2, 0, 0, 6, 1, 0, -8, 5, 3]);
  });
  it('solves and inverts', () => {
    const l = cholesky(a, 3);
    const x = choleskySolve(l, 3, [1, 2, 3]);
    for (let i = 0; i < 3; i++) expect(a[i * 3] * x[0] + a[i * 3 + 1] * x[1] + a[i * 3 + 2] * x[2]).toBeCloseTo([1, 2, 3][i], 10);
    const inv = choleskyInverse(l, 3);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) {
        let s = 0;
        for (let k = 0; k < 3; k++) s += a[i * 3 + k] * inv[k * 3 + j];
        expect(s).toBeCloseTo(i === j ? 1 : 0, 10);
      }
    }
  });
  it('names the matrix that is not positive definite', () => {
    expect(() => cholesky([1, 2, 2, 1], 2, 'tied covariance')).toThrow(/tied covariance is not positive definite/);
  });
});
