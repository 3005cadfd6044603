// DeLong covariance components (for the MRMC analysis) and Fleiss' kappa (Fleiss 1971 as worked on
// Wikipedia's "Fleiss' kappa" page), each against hand, published or closed-form numbers.
import { describe, expect, it } from 'vitest';
import { deLongAuc } from '../../../electron/engine/stats/delong';
import { delongCovariance, structuralComponents } from '../../../electron/engine/stats/delongCovariance';
import { fleissKappa } from '../../../electron/engine/stats/fleissKappa';
import { proportionDifference } from '../../../electron/engine/stats/proportionDifference';
import { rocAuc } from '../../../electron/engine/stats/rocAuc';

describe('DeLong', () => {
  it('matches a hand computation and the Mann–Whitney AUC', () => {
    // ψ: positives 2 and 3 against negatives 1 and 2 → V10 = [0.75, 1], V01 = [1, 0.75].
    const sc = structuralComponents([1, 2], [2, 3]);
    expect(Array.from(sc.v10)).toEqual([0.75, 1]);
    expect(Array.from(sc.v01)).toEqual([1, 0.75]);
    expect(sc.auc).toBe(0.875);
    expect(delongCovariance(sc, sc)).toBeCloseTo(0.03125 / 2 + 0.03125 / 2, 15);
    const neg = [1, 1, 2, 3, 3, 4, 5, 1, 2];
    const pos = [2, 4, 5, 5, 3, 4, 1];
    const big = structuralComponents(neg, pos);
    expect(big.auc).toBeCloseTo(rocAuc(neg, pos), 14);
    // The variance equals the single-AUC DeLong SE² of delong.ts (mid-rank algorithm).
    expect(Math.sqrt(delongCovariance(big, big))).toBeCloseTo(deLongAuc(neg, pos).se, 14);
  });
});

describe("Fleiss' kappa", () => {
  const table = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
  ];
  it('reproduces the worked example (10 subjects, 14 raters): P̄ 0.378, P̄e 0.213, κ 0.210', () => {
    const k = fleissKappa(table);
    expect(k.observed).toBeCloseTo(0.378, 3);
    expect(k.expected).toBeCloseTo(0.213, 3);
    expect(k.kappa).toBeCloseTo(0.21, 3);
    expect(k.subjects).toBe(10);
    expect(k.raters).toBe(14);
    expect(k.lower).toBeLessThan(k.kappa);
    expect(k.upper).toBeGreaterThan(k.kappa);
  });

  it('null SE of two categories reduces to √(2 / (n·m·(m − 1)))', () => {
    const k = fleissKappa([
      [3, 1],
      [4, 0],
      [0, 4],
      [2, 2],
      [1, 3],
    ]);
    expect(k.seNull).toBeCloseTo(Math.sqrt(2 / (5 * 4 * 3)), 14);
    expect(() => fleissKappa([[1, 1], [3, 0]])).toThrow(/same number of raters/);
  });
});

describe('difference of two proportions (Newcombe 1998, method 10)', () => {
  it('reproduces the worked examples of Newcombe’s Table II to the printed 4 decimals', () => {
    const cases: [number, number, number, number, number, number][] = [
      [56, 70, 48, 80, 0.0524, 0.3339],
      [9, 10, 3, 10, 0.1705, 0.8090],
      [5, 56, 0, 29, -0.0381, 0.1926],
    ];
    for (const [k1, n1, k2, n2, lo, hi] of cases) {
      const d = proportionDifference(k1, n1, k2, n2);
      expect(d.estimate).toBeCloseTo(k1 / n1 - k2 / n2, 14);
      expect(Math.abs(d.low - lo)).toBeLessThanOrEqual(5e-5);
      expect(Math.abs(d.high - hi)).toBeLessThanOrEqual(5e-5);
    }
  });
});
