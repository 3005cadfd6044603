import { describe, expect, it } from 'vitest';
import { calibrateSuspicion, combinedSuspicion, tailProbability } from '../../../electron/engine/detect/suspicion';
import { flagRate } from '../../../electron/engine/stats/thresholdAtFpr';
import { normalSampler } from './gaussianSample';

describe('combined suspicion score', () => {
  it('uses conformal tail probabilities (1 + #≥)/(n + 1)', () => {
    expect(tailProbability(5, [1, 2, 3, 5, 9])).toBeCloseTo(3 / 6, 12);
    expect(tailProbability(100, [1, 2, 3])).toBeCloseTo(1 / 4, 12);
    expect(tailProbability(2, [1, 2, 3], 1)).toBeCloseTo(2 / 3, 12);
    const r = combinedSuspicion({ a: 100, b: 0 }, { a: [1, 2, 3], b: [1, 2, 3] });
    expect(r.score).toBeCloseTo(-Math.log10(1 / 4) / 2, 12); // mean of −log₁₀ p: (log₁₀ 4 + 0) / 2
    expect(r.pValues.b).toBe(1);
  });

  it('flags about the stated FPR of fresh clean images', () => {
    const normal = normalSampler(11);
    const draw = () => ({ a: normal(), b: normal() * 3 + 1, c: Math.exp(normal()) });
    const calib = Array.from({ length: 400 }, draw);
    const reference = { a: calib.map((s) => s.a), b: calib.map((s) => s.b), c: calib.map((s) => s.c) };
    const cal = calibrateSuspicion(reference, 0.05);
    const fresh = Array.from({ length: 4000 }, () => combinedSuspicion(draw(), reference).score);
    const rate = flagRate(fresh, cal.threshold);
    expect(rate).toBeGreaterThan(0.03);
    expect(rate).toBeLessThan(0.07);
  });

  it('requires equal-length reference sets', () => {
    expect(() => calibrateSuspicion({ a: [1, 2, 3], b: [1, 2] }, 0.05)).toThrow(/has 2 clean scores/);
  });
});
