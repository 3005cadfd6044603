import { describe, expect, it } from 'vitest';
import { calibrateSuspicion, calibrationFpr, combinedSuspicion, tailProbability } from '../../../electron/engine/detect/suspicion';
import { minimumReferenceImages } from '../../../electron/shared/calibrationSize';
import { flagRate } from '../../../electron/engine/stats/thresholdAtFpr';
import { normalSampler } from './gaussianSample';

describe('combined suspicion score', () => {
  it('uses conformal tail probabilities (1 + #≥)/(n + 1)', () => {
    expect(tailProbability(5, [1, 2, 3, 5, 9])).toBeCloseTo(3 / 6, 12);
    expect(tailProbability(3, [1, 2, 3])).toBeCloseTo(2 / 4, 12);
    expect(tailProbability(2, [1, 2, 3], 1)).toBeCloseTo(2 / 3, 12);
    const r = combinedSuspicion({ a: 3, b: 0 }, { a: [1, 2, 3], b: [1, 2, 3] });
    expect(r.score).toBeCloseTo(-Math.log10(2 / 4) / 2, 12); // mean of −log₁₀ p: (log₁₀ 2 + 0) / 2
    expect(r.pValues.b).toBe(1);
  });

  it('keeps images beyond every clean score apart instead of snapping them to 1/(n + 1)', () => {
    const clean = [1, 2, 3, 4, 5, 6, 7];
    // Exponential tail through p ½ at the median (4) and p 1/8 at the maximum (7): scale 3 / ln 4.
    expect(tailProbability(7.5, clean)).toBeCloseTo(Math.exp(-0.5 / (3 / Math.log(4))) / 8, 12);
    const refs = { a: clean, b: clean.map((v) => v * 10) };
    const scores = [8, 12, 30].map((x) => combinedSuspicion({ a: x, b: 10 * x }, refs).score);
    expect(new Set(scores).size).toBe(3);
    expect(scores[0]).toBeLessThan(scores[1]);
    expect(scores[1]).toBeLessThan(scores[2]);
    expect(scores[0]).toBeGreaterThan(-Math.log10(1 / 8));
  });

  it('refuses a calibration too small for the stated FPR and reports the FPR it has with its interval', () => {
    expect(minimumReferenceImages(0.05)).toBe(19);
    expect(minimumReferenceImages(0.1)).toBe(9);
    const six = { a: [1, 2, 3, 4, 5, 6] };
    expect(() => calibrateSuspicion(six, 0.05)).toThrow(/needs at least 19 clean reference images, got 6.*less than 14.3 %/);
    const normal = normalSampler(3);
    const many = { a: Array.from({ length: 40 }, normal), b: Array.from({ length: 40 }, normal) };
    const cal = calibrateSuspicion(many, 0.05);
    const ci = calibrationFpr(cal);
    expect(ci.n).toBe(40);
    expect(ci.k).toBeLessThanOrEqual(2);
    expect(ci.low).toBeLessThanOrEqual(ci.estimate);
    expect(ci.high).toBeGreaterThan(0.05); // 40 references cannot pin a 5 % rate down
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
