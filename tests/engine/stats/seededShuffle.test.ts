import { describe, expect, it } from 'vitest';
import { seededShuffle } from '../../../electron/engine/stats/seededShuffle';

describe('seededShuffle', () => {
  it('is a deterministic permutation that does not keep the parity pattern', () => {
    const p = seededShuffle(40, 0);
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(seededShuffle(40, 0)).toEqual(p);
    expect(seededShuffle(40, 1)).not.toEqual(p);
    const firstHalfOdd = p.slice(0, 20).filter((i) => i % 2 === 1).length;
    expect(firstHalfOdd).toBeGreaterThan(5);
    expect(firstHalfOdd).toBeLessThan(15);
  });
});
