import { describe, expect, it } from 'vitest';
import { LID_MAX, lidMle, lidScores } from '../../../electron/engine/detect/lid';

describe('LID (Ma et al. 2018)', () => {
  it('equals −(1/k Σ log(rᵢ/r_k))⁻¹ on a constructed neighbour set', () => {
    // r = 1…5: Σ log(i/5) = log(5!/5⁵) → LID = 5 / log(3125/120)
    expect(lidMle([5, 3, 1, 4, 2, 9, 12], 5)).toBeCloseTo(5 / Math.log(3125 / 120), 12);
  });

  it('recovers the dimension m from the neighbour-distance quantiles of an m-dimensional uniform ball', () => {
    // In an m-ball P(r ≤ t) ∝ tᵐ, so the i-th of k neighbour distances sits near (i/(k+1))^(1/m).
    const m = 7;
    const k = 2000;
    const r = Array.from({ length: k }, (_, i) => ((i + 1) / (k + 1)) ** (1 / m));
    const sumLog = r.reduce((s, _, i) => s + Math.log((i + 1) / k), 0);
    expect(lidMle(r, k)).toBeCloseTo((-k * m) / sumLog, 9);
    expect(lidMle(r, k)).toBeGreaterThan(m * 0.99);
    expect(lidMle(r, k)).toBeLessThan(m * 1.01);
  });

  it('excludes the query itself from a clean reference batch', () => {
    const ref = Array.from({ length: 11 }, (_, i) => [i, 0]);
    const [withSelfSkipped] = lidScores([[0, 0]], ref, 4, [0]);
    expect(withSelfSkipped).toBeCloseTo(lidMle([1, 2, 3, 4], 4), 12);
    const [notSkipped] = lidScores([[0, 0]], ref, 4);
    expect(notSkipped).toBe(0); // distance 0 to itself
  });

  it('caps equal distances and asks for more neighbours when too few', () => {
    expect(lidMle([2, 2, 2], 3)).toBe(LID_MAX);
    expect(() => lidMle([1, 2], 5)).toThrow(/at least 5 neighbours/);
  });
});
