import { describe, expect, it } from 'vitest';
import { midRanks, spearman } from '../../../electron/engine/stats/spearman';

describe('spearman', () => {
  it('matches 1 − 6Σd²/(n(n²−1)) without ties', () => {
    const a = [10, 20, 30, 40, 50, 60];
    const b = [3, 1, 4, 6, 5, 2];
    const d2 = [1 - 3, 2 - 1, 3 - 4, 4 - 6, 5 - 5, 6 - 2].reduce((s, d) => s + d * d, 0);
    expect(spearman(a, b)).toBeCloseTo(1 - (6 * d2) / (6 * 35), 12);
  });
  it('is invariant to monotone transforms and gives mid-ranks to ties', () => {
    const a = [0.1, 0.5, 0.2, 0.9];
    expect(spearman(a, a.map((v) => Math.exp(5 * v)))).toBeCloseTo(1, 12);
    expect(Array.from(midRanks([5, 1, 5, 2]))).toEqual([3.5, 1, 3.5, 2]);
  });
});
