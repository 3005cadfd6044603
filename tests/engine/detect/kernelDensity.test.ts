import { describe, expect, it } from 'vitest';
import { fitKernelDensity, kernelDensityScore } from '../../../electron/engine/detect/kernelDensity';

describe('kernel density (Feinman et al. 2017)', () => {
  it('matches a hand computation in 1-D: refs {0, 1}, h = 1, f = 0.5 → −log φ(0.5)', () => {
    const m = fitKernelDensity([[0], [1], [7]], [0, 0, 1], 1);
    // density = ½(φ(0.5) + φ(−0.5)) = φ(0.5) = e^(−1/8)/√(2π)
    expect(kernelDensityScore(m, [0.5], 0)).toBeCloseTo(1 / 8 + 0.5 * Math.log(2 * Math.PI), 12);
  });

  it('matches a hand computation in 2-D with h = 2', () => {
    const m = fitKernelDensity([[0, 0], [3, 4]], [0, 0], 2);
    // ½ · (1/(2π·4)) · (e⁰ + e^(−25/8))
    const density = 0.5 * (1 / (8 * Math.PI)) * (1 + Math.exp(-25 / 8));
    expect(kernelDensityScore(m, [0, 0], 0)).toBeCloseTo(-Math.log(density), 12);
    // leave-one-out: only (3, 4) remains
    expect(kernelDensityScore(m, [0, 0], 0, 0)).toBeCloseTo(-Math.log((1 / (8 * Math.PI)) * Math.exp(-25 / 8)), 12);
  });

  it('stays finite far from every reference (log-sum-exp) and falls back to all classes for an uncalibrated class', () => {
    const m = fitKernelDensity([[0, 0]], [0], 0.1);
    const s = kernelDensityScore(m, [100, 100], 0);
    expect(s).toBeCloseTo(20000 / (2 * 0.01) + Math.log(2 * Math.PI * 0.01), 6);
    expect(kernelDensityScore(m, [100, 100], 3)).toBe(s);
    expect(() => kernelDensityScore(m, [0, 0], 0, 0)).toThrow(/no clean feature vector besides/);
  });
});
