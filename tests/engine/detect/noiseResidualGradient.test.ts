import { describe, expect, it } from 'vitest';
import { noiseResidualMap } from '../../../electron/engine/detect/noiseResidual';
import { noiseResidualScoreGradient } from '../../../electron/engine/detect/noiseResidualGradient';
import { seededRandom } from '../../../electron/engine/stats/seededRandom';

describe('noise-residual score gradient', () => {
  const W = 20;
  const r = seededRandom(5);
  // distinct values (no median ties), smooth plus noise
  const data = Float32Array.from({ length: W * W }, (_, i) => 0.3 + 0.01 * (i % W) + 0.05 * r());
  const img = { data, width: W, height: W, channels: 1 };

  it('has the score of noiseResidualMap', () => {
    const s = noiseResidualScoreGradient(img, { window: 5 }).score;
    expect(s).toBeCloseTo(noiseResidualMap(img, { window: 5 }).score, 4);
  });

  it('matches central finite differences (steps small enough not to change any median choice)', () => {
    const { grad } = noiseResidualScoreGradient(img, { window: 5 });
    for (const j of [0, 21, 137, 250, 399]) {
      const h = 1e-4;
      const plus = Float32Array.from(data);
      const minus = Float32Array.from(data);
      plus[j] += h;
      minus[j] -= h;
      const fd = (noiseResidualScoreGradient({ ...img, data: plus }, { window: 5 }).score - noiseResidualScoreGradient({ ...img, data: minus }, { window: 5 }).score) / (2 * h);
      expect(Math.abs(fd - grad[j])).toBeLessThan(0.02 * Math.abs(grad[j]) + 1e-3);
    }
  });
});
