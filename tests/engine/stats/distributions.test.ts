import { describe, expect, it } from 'vitest';
import {
  chiSquareQuantile,
  chiSquareSf,
  fCdf,
  fQuantile,
  fSf,
  normalCdf,
  normalQuantile,
  normalSf,
  studentTCdf,
  studentTQuantile,
  studentTSf,
} from '../../../electron/engine/stats/distributions';
import { logGamma, regularizedBeta, regularizedGammaP } from '../../../electron/engine/stats/specialFunctions';

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-300);

describe('special functions', () => {
  it('log Γ matches factorials and √π', () => {
    expect(rel(logGamma(10), Math.log(362880))).toBeLessThan(1e-14);
    expect(rel(logGamma(0.5), 0.5 * Math.log(Math.PI))).toBeLessThan(1e-14);
    expect(rel(logGamma(171), 706.5730622457874)).toBeLessThan(1e-13);
  });

  it('incomplete beta meets its closed forms', () => {
    for (const x of [1e-6, 0.01, 0.3, 0.5, 0.77, 0.999]) {
      for (const a of [0.5, 2, 7.3, 40]) {
        expect(rel(regularizedBeta(x, a, 1), x ** a)).toBeLessThan(1e-12);
        expect(rel(regularizedBeta(x, 1, a), -Math.expm1(a * Math.log1p(-x)))).toBeLessThan(1e-12);
      }
    }
    for (const a of [0.5, 3, 12.5, 300]) expect(regularizedBeta(0.5, a, a)).toBeCloseTo(0.5, 12);
    expect(() => regularizedBeta(1.2, 1, 1)).toThrow(/0 ≤ x ≤ 1/);
  });

  it('incomplete gamma meets the Poisson and exponential identities', () => {
    for (const x of [0.01, 1, 5, 30]) expect(rel(regularizedGammaP(1, x), -Math.expm1(-x))).toBeLessThan(1e-13);
    // P(3, x) = 1 − e^{−x}(1 + x + x²/2)
    for (const x of [0.5, 2, 9]) expect(rel(regularizedGammaP(3, x), 1 - Math.exp(-x) * (1 + x + (x * x) / 2))).toBeLessThan(1e-13);
  });
});

describe('distributions', () => {
  it('normal: tabulated points and exact inversion', () => {
    expect(normalQuantile(0.975)).toBeCloseTo(1.959963984540054, 13);
    expect(normalCdf(-1.959963984540054)).toBeCloseTo(0.025, 15);
    expect(rel(normalSf(5), 2.866515718791939e-7)).toBeLessThan(1e-12);
    expect(normalCdf(0)).toBe(0.5);
    for (const p of [1e-10, 0.001, 0.2, 0.7, 0.999999]) expect(rel(normalCdf(normalQuantile(p)), p)).toBeLessThan(1e-12);
  });

  it('Student t: Cauchy (df 1) and df 2 closed forms, tables, and the normal limit', () => {
    for (const t of [-30, -2.5, -0.3, 0, 0.7, 4, 100]) {
      expect(studentTCdf(t, 1)).toBeCloseTo(0.5 + Math.atan(t) / Math.PI, 14);
      expect(studentTCdf(t, 2)).toBeCloseTo(0.5 + t / (2 * Math.sqrt(2 + t * t)), 14);
    }
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.706204736174698, 10);
    expect(studentTQuantile(0.975, 4)).toBeCloseTo(2.7764451051977987, 12);
    expect(studentTQuantile(0.975, 10)).toBeCloseTo(2.228138851986274, 12);
    expect(studentTQuantile(0.025, 10)).toBeCloseTo(-2.228138851986274, 12);
    expect(studentTSf(1.959963984540054, 1e7)).toBeCloseTo(0.025 + 1.3864755e-8, 13);
    expect(studentTSf(1.959963984540054, 1e12)).toBeCloseTo(0.025, 12);
    expect(Math.abs(studentTSf(2.5, 1e6 - 1) - studentTSf(2.5, 1e6 + 1))).toBeLessThan(1e-12);
    for (const df of [3, 15.2596746, 60.5]) for (const p of [0.001, 0.3, 0.975]) expect(rel(studentTCdf(studentTQuantile(p, df), df), p)).toBeLessThan(1e-12);
  });

  it('F: the F(2, ν) closed form, t² = F(1, ν), tables', () => {
    for (const f of [0.1, 1, 3.7, 25]) for (const nu of [1, 4, 15.26, 200]) expect(rel(fSf(f, 2, nu), (1 + (2 * f) / nu) ** (-nu / 2))).toBeLessThan(1e-12);
    for (const t of [0.5, 2.11, 6]) for (const nu of [4, 15.26]) expect(rel(fSf(t * t, 1, nu), 2 * studentTSf(t, nu))).toBeLessThan(1e-12);
    expect(fQuantile(0.95, 1, 4)).toBeCloseTo(7.708647422176786, 10);
    expect(fQuantile(0.95, 2, 10)).toBeCloseTo(4.102821015130399, 10);
    expect(fCdf(fQuantile(0.3, 3, 7.5), 3, 7.5)).toBeCloseTo(0.3, 14);
  });

  it('χ²: k = 2 is exponential, table point, inversion', () => {
    for (const x of [0.1, 3, 40]) expect(rel(chiSquareSf(x, 2), Math.exp(-x / 2))).toBeLessThan(1e-13);
    expect(chiSquareQuantile(0.95, 1)).toBeCloseTo(3.841458820694124, 11);
    expect(chiSquareSf(3.841458820694124, 1)).toBeCloseTo(0.05, 14);
    expect(() => chiSquareQuantile(1, 1)).toThrow(/strictly between 0 and 1/);
  });
});
