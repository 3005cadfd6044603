import { describe, expect, it } from 'vitest';
import { bootstrapMean } from '../../../electron/engine/stats/bootstrapMean';
import { seededRandom } from '../../../electron/engine/stats/seededRandom';

describe('bootstrapMean', () => {
  it('is reproducible by seed and covers the true mean about 95 % of the time', () => {
    const rand = seededRandom(11);
    let covered = 0;
    const trials = 300;
    for (let t = 0; t < trials; t++) {
      const v = Array.from({ length: 40 }, () => -Math.log(1 - rand())); // exponential, mean 1
      const ci = bootstrapMean(v, t, 1000);
      if (ci.low <= 1 && 1 <= ci.high) covered++;
    }
    // Percentile intervals under-cover a little for skewed data at n = 40 (≈ 93 %).
    expect(covered / trials).toBeGreaterThan(0.89);
    expect(covered / trials).toBeLessThan(0.99);
    const v = [0.9, 0.95, 0.97, 0.99];
    expect(bootstrapMean(v, 5)).toEqual(bootstrapMean(v, 5));
  });

  it('matches the t-interval width for normal data (n = 200)', () => {
    const rand = seededRandom(4);
    const v = Array.from({ length: 200 }, () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand()));
    const mean = v.reduce((a, b) => a + b, 0) / v.length;
    const sd = Math.sqrt(v.reduce((a, b) => a + (b - mean) ** 2, 0) / (v.length - 1));
    const ci = bootstrapMean(v, 1, 4000);
    expect(ci.estimate).toBeCloseTo(mean, 12);
    expect((ci.high - ci.low) / (2 * 1.972 * sd / Math.sqrt(200))).toBeGreaterThan(0.9);
    expect((ci.high - ci.low) / (2 * 1.972 * sd / Math.sqrt(200))).toBeLessThan(1.1);
  });

  it('refuses empty or non-finite samples', () => {
    expect(() => bootstrapMean([], 1)).toThrow(/at least one/);
    expect(() => bootstrapMean([1, Number.NaN], 1)).toThrow(/finite/);
  });
});
