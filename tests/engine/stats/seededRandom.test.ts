import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../../electron/engine/stats/seededRandom';

describe('seededRandom', () => {
  it('is deterministic and roughly uniform', () => {
    const a = seededRandom(9);
    const b = seededRandom(9);
    const xs = Array.from({ length: 20000 }, () => a());
    expect(xs.slice(0, 5)).toEqual(Array.from({ length: 5 }, () => b()));
    const mean = xs.reduce((s, v) => s + v, 0) / xs.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.01);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });
  it('decorrelates the first output of small consecutive seeds', () => {
    const first = Array.from({ length: 200 }, (_, s) => seededRandom(s + 1)());
    const mean = first.reduce((s, v) => s + v, 0) / first.length;
    expect(Math.abs(mean - 0.5)).toBeLessThan(0.06);
    expect(first.slice(0, 5).some((v) => v < 0.5)).toBe(true);
  });
});
