import { describe, expect, it } from 'vitest';
import { aucInterval } from '../../../electron/engine/stats/aucInterval';
import { seededRandom } from '../../../electron/engine/stats/seededRandom';

function normal(rand: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
}

describe('aucInterval', () => {
  it('is wide, not "±0", when 3 attacked images all outscore 4 clean ones', () => {
    const ci = aucInterval([0.1, 0.2, 0.3, 0.4], [0.5, 0.6, 0.7]);
    expect(ci.auc).toBe(1);
    expect(ci.high).toBe(1);
    expect(ci.low).toBeLessThan(0.75);
    expect(ci.low).toBeGreaterThan(0.3);
    expect([ci.negatives, ci.positives]).toEqual([4, 3]);
  });

  it('narrows with n and covers the true AUC about 95 % of the time (binormal, true AUC 0.760)', () => {
    // Binormal with unit variances and separation d: AUC = Φ(d/√2); d = 1 gives 0.7602.
    const truth = 0.7602499389;
    const rand = seededRandom(7);
    let covered = 0;
    const trials = 400;
    let width = 0;
    for (let t = 0; t < trials; t++) {
      const neg = Array.from({ length: 30 }, () => normal(rand));
      const pos = Array.from({ length: 25 }, () => 1 + normal(rand));
      const ci = aucInterval(neg, pos);
      if (ci.low <= truth && truth <= ci.high) covered++;
      width += ci.high - ci.low;
    }
    expect(covered / trials).toBeGreaterThan(0.91);
    expect(covered / trials).toBeLessThan(0.99);
    const big = aucInterval(Array.from({ length: 300 }, () => normal(rand)), Array.from({ length: 250 }, () => 1 + normal(rand)));
    expect(big.high - big.low).toBeLessThan((width / trials) / 2.5);
  });
});
