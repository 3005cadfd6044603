// Wilson intervals (Newcombe 1998 worked examples), DeLong components and Fleiss' kappa (Fleiss 1971 as
// worked on Wikipedia's "Fleiss' kappa" page), each against published or closed-form numbers.
import { describe, expect, it } from 'vitest';
import { aucWithDelongCi, delongCovariance, structuralComponents } from '../../../electron/engine/stats/delong';
import { fleissKappa } from '../../../electron/engine/stats/fleissKappa';
import { rocAuc } from '../../../electron/engine/stats/rocAuc';
import { wilsonInterval } from '../../../electron/engine/stats/wilsonInterval';

describe('Wilson score interval', () => {
  it('reproduces Newcombe 1998 (method 3) to the printed 4 decimals', () => {
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [k, n, lo, hi] of cases) {
      const w = wilsonInterval(k, n);
      expect(Math.abs(w.lower - lo)).toBeLessThanOrEqual(5e-5);
      expect(Math.abs(w.upper - hi)).toBeLessThanOrEqual(5e-5);
      expect(w.estimate).toBe(k / n);
    }
    expect(wilsonInterval(20, 20).upper).toBe(1);
    expect(Number.isNaN(wilsonInterval(0, 0).estimate)).toBe(true);
    expect(() => wilsonInterval(3, 2)).toThrow(/0 ≤ k ≤ n/);
  });
});

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
    const e = aucWithDelongCi(neg, pos);
    expect(e.auc).toBeCloseTo(rocAuc(neg, pos), 14);
    expect(e.lower).toBeCloseTo(e.auc - 1.959963984540054 * e.se, 12);
    expect([e.n0, e.n1]).toEqual([9, 7]);
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
