import { describe, expect, it } from 'vitest';
import { fitLogisticRegression, logisticLogit, logisticProbability } from '../../../electron/engine/stats/logisticRegression';

const logit = (p: number) => Math.log(p / (1 - p));

describe('fitLogisticRegression', () => {
  it('recovers the closed-form MLE for one binary feature (λ = 0)', () => {
    // x = 0: 30 of 100 positive; x = 1: 80 of 100 positive. MLE: b = logit 0.3, b + w = logit 0.8.
    const rows: number[][] = [];
    const y: number[] = [];
    for (let i = 0; i < 100; i++) {
      rows.push([0]);
      y.push(i < 30 ? 1 : 0);
      rows.push([1]);
      y.push(i < 80 ? 1 : 0);
    }
    const m = fitLogisticRegression(rows, y, { l2: 0 });
    expect(logisticLogit(m, [0])).toBeCloseTo(logit(0.3), 9);
    expect(logisticLogit(m, [1])).toBeCloseTo(logit(0.8), 9);
    expect(logisticProbability(m, [1])).toBeCloseTo(0.8, 9);
  });

  it('fits three cells exactly with two features and predicts the fourth additively (λ = 0)', () => {
    const cells: [number, number, number][] = [
      [0, 0, 0.2],
      [1, 0, 0.5],
      [0, 1, 0.6],
    ];
    // 3 parameters, 3 observed cells: the MLE reproduces each cell's observed rate exactly.
    const b = logit(0.2);
    const w1 = logit(0.5) - b;
    const w2 = logit(0.6) - b;
    const p11 = 1 / (1 + Math.exp(-(b + w1 + w2))); // the unobserved cell, by additivity on the logit scale
    const rows: number[][] = [];
    const y: number[] = [];
    // 1000 samples per cell; p·1000 is an integer, so the observed rates are exactly p.
    const m = 1000;
    for (const [a, c, p] of cells) {
      for (let i = 0; i < m; i++) {
        rows.push([a, c]);
        y.push(i < Math.round(p * m) ? 1 : 0);
      }
    }
    const fit = fitLogisticRegression(rows, y, { l2: 0 });
    expect(logisticLogit(fit, [0, 0])).toBeCloseTo(b, 8);
    expect(logisticLogit(fit, [1, 0])).toBeCloseTo(logit(0.5), 8);
    expect(logisticLogit(fit, [0, 1])).toBeCloseTo(logit(0.6), 8);
    expect(logisticProbability(fit, [1, 1])).toBeCloseTo(p11, 8);
  });

  it('satisfies the penalised stationarity condition with L2 on separable data', () => {
    const rows = [[0.1, 2], [0.4, 1], [0.2, 3], [2.0, -1], [2.5, 0], [3.0, -2]];
    const y = [0, 0, 0, 1, 1, 1];
    const l2 = 0.5;
    const m = fitLogisticRegression(rows, y, { l2 });
    // gradient on the standardised scale: Σ (p − y) z + λ w = 0, Σ (p − y) = 0
    const g = [0, 0, 0];
    rows.forEach((r, i) => {
      const r0 = logisticProbability(m, r) - y[i];
      g[0] += r0;
      for (let j = 0; j < 2; j++) g[j + 1] += r0 * ((r[j] - m.featureMeans[j]) / m.featureScales[j]);
    });
    g[1] += l2 * m.weights[0];
    g[2] += l2 * m.weights[1];
    for (const v of g) expect(Math.abs(v)).toBeLessThan(1e-9);
    expect(Number.isFinite(m.weights[0])).toBe(true);
    expect(logisticProbability(m, [3, -2])).toBeGreaterThan(0.5);
  });

  it('rejects one-class labels', () => {
    expect(() => fitLogisticRegression([[1], [2]], [0, 0])).toThrow(/both classes/);
  });
});
