import { describe, expect, it } from 'vitest';
import { combinerScore, fitDetectorCombiner } from '../../../electron/engine/detect/detectorCombiner';
import { rocAuc } from '../../../electron/engine/stats/rocAuc';
import { normalSampler } from './gaussianSample';

describe('logistic-regression detector combiner', () => {
  const normal = normalSampler(3);
  // kd is informative (adversarial: lower density → higher −log p), lid is noise.
  const row = (shift: number) => [2 + shift + 0.5 * normal(), 10 + normal()];
  const set = {
    features: ['kd', 'lid:fc1'],
    clean: Array.from({ length: 80 }, () => row(0)),
    noisy: Array.from({ length: 80 }, () => row(0.2)),
    adversarial: Array.from({ length: 80 }, () => row(2)),
  };
  const combiner = fitDetectorCombiner(set);

  it('learns which characteristic separates adversarial from clean and noisy', () => {
    expect(combiner.model.weights[0]).toBeGreaterThan(1);
    expect(Math.abs(combiner.model.weights[1])).toBeLessThan(combiner.model.weights[0] / 4);
    const score = (r: number[]) => combinerScore(combiner, { kd: r[0], 'lid:fc1': r[1] });
    const fresh = (s: number) => Array.from({ length: 100 }, () => score(row(s)));
    expect(rocAuc(fresh(0), fresh(2))).toBeGreaterThan(0.95);
  });

  it('names a missing characteristic', () => {
    expect(() => combinerScore(combiner, { kd: 1 })).toThrow(/needs characteristic "lid:fc1"/);
  });
});
