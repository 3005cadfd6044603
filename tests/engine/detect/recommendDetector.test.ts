import { describe, expect, it } from 'vitest';
import { detectorRow, recommendDetector } from '../../../electron/engine/detect/detectionMetrics';

const range = (n: number, from: number) => Array.from({ length: n }, (_, i) => from + i);

describe('recommendDetector', () => {
  it('never recommends a detector that flags plain noise as readily as attacks (the issue: AUC 1.000, 0.000 vs noise)', () => {
    // noise-residual: attacks far above clean (AUC 1) but noisy copies even higher (AUC vs noisy 0).
    const nr = { ...detectorRow('noise-residual', range(4, 0), range(3, 10), 0.05) };
    const vsNoise = detectorRow('noise-residual', range(4, 20), range(3, 10), 0.05);
    Object.assign(nr, { aucVsNoisy: vsNoise.auc, aucVsNoisyCi: vsNoise.aucCi });
    expect(nr.auc).toBe(1);
    expect(nr.aucVsNoisy).toBe(0);
    const rec = recommendDetector([nr]);
    expect(rec.detector).toBeNull();
    expect(rec.reason).toMatch(/noise control: noise-residual/);
  });

  it('recommends by the lower AUC bound only among detectors that pass the noise control', () => {
    const row = (name: string, clean: number[], adv: number[], noisy: number[]) => {
      const r = detectorRow(name, clean, adv, 0.05);
      const v = detectorRow(name, noisy, adv, 0.05);
      return { ...r, aucVsNoisy: v.auc, aucVsNoisyCi: v.aucCi };
    };
    const clean = range(30, 0);
    const rows = [
      row('squeeze', clean, range(30, 20), range(30, 0)), // AUC ≈ 0.89, passes noise
      row('mahalanobis', clean, range(30, 40), range(30, 5)), // AUC 1, passes noise
      row('noise-residual', clean, range(30, 40), range(30, 60)), // AUC 1, fails noise
    ];
    const rec = recommendDetector(rows);
    expect(rec.detector?.detector).toBe('mahalanobis');
  });

  it('gives every row its intervals and n', () => {
    const r = detectorRow('squeeze', [1, 2, 3, 4], [5, 6, 7], 0.05);
    expect(r).toMatchObject({ auc: 1, negatives: 4, positives: 3 });
    expect(r.aucCi[0]).toBeLessThan(0.8);
    expect(r.tprCi[0]).toBeLessThan(r.tpr);
    expect(r.tprCi[1]).toBe(1);
  });
});
