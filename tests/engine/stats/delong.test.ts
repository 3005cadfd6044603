import { describe, expect, it } from 'vitest';
import { deLongAuc } from '../../../electron/engine/stats/delong';
import { seededRandom } from '../../../electron/engine/stats/seededRandom';

function expand(counts: number[]): number[] {
  return counts.flatMap((c, k) => new Array<number>(c).fill(k + 1));
}

/** DeLong 1988's definition, pair by pair (O(m·n)): the reference the mid-rank version must equal. */
function bruteForceSe(neg: number[], pos: number[]): number {
  const psi = (x: number, y: number) => (y > x ? 1 : y === x ? 0.5 : 0);
  const v10 = pos.map((y) => neg.reduce((s, x) => s + psi(x, y), 0) / neg.length);
  const v01 = neg.map((x) => pos.reduce((s, y) => s + psi(x, y), 0) / pos.length);
  const s2 = (v: number[]) => {
    const mu = v.reduce((a, b) => a + b, 0) / v.length;
    return v.reduce((a, b) => a + (b - mu) ** 2, 0) / (v.length - 1);
  };
  return Math.sqrt(s2(v10) / pos.length + s2(v01) / neg.length);
}

describe('deLongAuc', () => {
  it("reproduces Stata's roctab on Hanley & McNeil's 1982 CT ratings (AUC 0.8932, DeLong SE 0.0307, CI 0.83295–0.95339)", () => {
    const r = deLongAuc(expand([33, 6, 6, 11, 2]), expand([3, 2, 2, 11, 33]));
    expect(r.auc).toBeCloseTo(0.8932, 4);
    expect(r.se).toBeCloseTo(0.0307, 4);
    expect(r.low).toBeCloseTo(0.83295, 4);
    expect(r.high).toBeCloseTo(0.95339, 4);
    expect([r.negatives, r.positives]).toEqual([58, 51]);
  });

  it('equals the pairwise definition on tied and untied random scores', () => {
    const rand = seededRandom(3);
    for (const round of [0, 1, 2]) {
      const neg = Array.from({ length: 17 + round }, () => Math.round(rand() * (round === 0 ? 4 : 1000)));
      const pos = Array.from({ length: 11 + 2 * round }, () => Math.round(rand() * (round === 0 ? 4 : 1000)) + 200 * round);
      expect(deLongAuc(neg, pos).se).toBeCloseTo(bruteForceSe(neg, pos), 12);
    }
  });

  it('refuses samples too small for a variance', () => {
    expect(() => deLongAuc([1], [2, 3])).toThrow(/at least two negatives/);
  });
});
