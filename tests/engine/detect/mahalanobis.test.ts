import { describe, expect, it } from 'vitest';
import { fitTiedGaussian, mahalanobisScore, prepareMahalanobis } from '../../../electron/engine/detect/mahalanobis';
import { normalSampler } from './gaussianSample';

// Σ = A·Aᵀ with A lower-triangular, so x = μ + A·z is N(μ, Σ) and the true distance is ‖A⁻¹(x − μ)‖².
const A = [
  [2, 0, 0],
  [1, 1, 0],
  [-0.5, 0.3, 0.5],
];
const mu = [1, -2, 0.5];
function solveLower(b: number[]): number[] {
  const z = [0, 0, 0];
  for (let i = 0; i < 3; i++) z[i] = (b[i] - A[i].slice(0, i).reduce((s, v, k) => s + v * z[k], 0)) / A[i][i];
  return z;
}
const trueDistance = (x: number[]) => solveLower(x.map((v, i) => v - mu[i])).reduce((s, v) => s + v * v, 0);

describe('Mahalanobis (Lee et al. 2018)', () => {
  const normal = normalSampler(42);
  const sample = Array.from({ length: 4000 }, () => {
    const z = [normal(), normal(), normal()];
    return A.map((row, i) => mu[i] + row.reduce((s, v, k) => s + v * z[k], 0));
  });

  it('recovers the distance of a known Gaussian and averages p = 3 on its own sample', () => {
    const scorer = prepareMahalanobis(fitTiedGaussian(sample, null));
    for (const x of [[1, -2, 0.5], [3, 0, 0], [-1, -1, 2]]) {
      const got = mahalanobisScore(scorer, x).score;
      expect(Math.abs(got - trueDistance(x))).toBeLessThan(0.05 * trueDistance(x) + 0.02);
    }
    const mean = sample.reduce((s, x) => s + mahalanobisScore(scorer, x).score, 0) / sample.length;
    expect(mean).toBeGreaterThan(2.9);
    expect(mean).toBeLessThan(3.1);
  });

  it('equals (f − μ_c)ᵀΣ⁻¹(f − μ_c) with the stored covariance, minimised over classes', () => {
    const labels = sample.map((_, i) => i % 2);
    const shifted = sample.map((x, i) => (i % 2 ? x.map((v) => v + 4) : x));
    const model = fitTiedGaussian(shifted, labels);
    const scorer = prepareMahalanobis(model);
    // direct: invert the 3×3 stored covariance by cofactors
    const c = model.covariance;
    const m = [[c[0], c[1], c[2]], [c[3], c[4], c[5]], [c[6], c[7], c[8]]];
    const det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0]) + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
    const inv = [0, 1, 2].map((i) => [0, 1, 2].map((j) => {
      const r = [0, 1, 2].filter((k) => k !== j);
      const s = [0, 1, 2].filter((k) => k !== i);
      return ((i + j) % 2 ? -1 : 1) * (m[r[0]][s[0]] * m[r[1]][s[1]] - m[r[0]][s[1]] * m[r[1]][s[0]]) / det;
    }));
    const f = [4, 3, 4];
    const d = (means: number[]) => {
      const v = f.map((x, i) => x - means[i]);
      return v.reduce((s, vi, i) => s + vi * inv[i].reduce((t, w, j) => t + w * v[j], 0), 0);
    };
    const expected = Math.min(d(model.means[0]), d(model.means[1]));
    const got = mahalanobisScore(scorer, f);
    expect(got.score).toBeCloseTo(expected, 9);
    expect(got.nearestClass).toBe(1);
    expect(model.means[1][0]).toBeCloseTo(mu[0] + 4, 0);
  });

  it('stays invertible with fewer images than features (shrinkage) and names bad input', () => {
    const few = Array.from({ length: 5 }, (_, i) => Array.from({ length: 20 }, (__, j) => Math.sin(i * 7 + j)));
    const model = fitTiedGaussian(few, null);
    expect(model.shrinkage).toBeGreaterThan(0);
    expect(Number.isFinite(mahalanobisScore(prepareMahalanobis(model), few[0]).score)).toBe(true);
    expect(() => mahalanobisScore(prepareMahalanobis(model), [1, 2])).toThrow(/2 values, the calibration has 20/);
    // a class id with no calibration image is skipped, not scored against a zero mean
    const gap = fitTiedGaussian([[10, 10], [11, 9], [9, 11], [10.5, 10.2]], [2, 2, 2, 2]);
    expect(gap.means[0]).toEqual([]);
    expect(mahalanobisScore(prepareMahalanobis(gap), [0, 0]).nearestClass).toBe(2);
  });
});
