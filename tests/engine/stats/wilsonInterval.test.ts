import { describe, expect, it } from 'vitest';
import { wilsonInterval } from '../../../electron/engine/stats/wilsonInterval';

describe('wilsonInterval', () => {
  it("reproduces Newcombe 1998's worked examples (method 3)", () => {
    const cases: [number, number, number, number][] = [
      [81, 263, 0.2553, 0.3662],
      [15, 148, 0.0624, 0.1605],
      [0, 20, 0, 0.1611],
      [1, 29, 0.0061, 0.1718],
    ];
    for (const [k, n, low, high] of cases) {
      const ci = wilsonInterval(k, n);
      expect(ci.low).toBeCloseTo(low, 4);
      expect(ci.high).toBeCloseTo(high, 4);
      expect(ci.estimate).toBeCloseTo(k / n, 12);
      expect(ci.n).toBe(n);
    }
  });

  it('refuses impossible counts', () => {
    expect(() => wilsonInterval(3, 2)).toThrow(/impossible/);
    expect(() => wilsonInterval(0, 0)).toThrow(/at least one trial/);
  });
});
