import { describe, expect, it } from 'vitest';
import { flagRate, thresholdAtFpr } from '../../../electron/engine/stats/thresholdAtFpr';
import { tprAtFpr } from '../../../electron/engine/stats/tprAtFpr';

describe('thresholdAtFpr / tprAtFpr', () => {
  it('flags exactly ⌊fpr·n⌋ distinct clean scores', () => {
    const clean = Array.from({ length: 100 }, (_, i) => (i * 7919) % 100); // a permutation of 0..99
    const t = thresholdAtFpr(clean, 0.05);
    expect(t).toBe(94);
    expect(flagRate(clean, t)).toBe(0.05);
  });

  it('never exceeds the target FPR when scores tie', () => {
    const clean = [1, 2, 3, 3, 3, 3, 3, 3, 3, 3];
    const t = thresholdAtFpr(clean, 0.2);
    expect(flagRate(clean, t)).toBeLessThanOrEqual(0.2);
    expect(t).toBe(3);
  });

  it('reports TPR at 5 % FPR on a known split', () => {
    const clean = Array.from({ length: 20 }, (_, i) => i); // threshold 18 → FPR 1/20
    const adv = [10, 17, 18, 19, 25, 30];
    const r = tprAtFpr(clean, adv, 0.05);
    expect(r.threshold).toBe(18);
    expect(r.achievedFpr).toBe(0.05);
    expect(r.tpr).toBeCloseTo(3 / 6, 12);
  });

  it('rejects a bad FPR', () => {
    expect(() => thresholdAtFpr([1, 2], 1.5)).toThrow(/\[0, 1\)/);
    expect(() => thresholdAtFpr([], 0.05)).toThrow(/at least one/);
  });
});
