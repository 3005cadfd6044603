import { describe, expect, it } from 'vitest';
import { rawInputSpace } from '../../../electron/engine/attacks/attackSpace';
import type { Objective } from '../../../electron/engine/attacks/objective';
import { calibrateDetectors } from '../../../electron/engine/detect/calibrateDetectors';
import { runDetectionEval } from '../../../electron/engine/detect/detectionEval';
import { detectorRows, mapScore } from '../../../electron/engine/detect/detectionMetrics';
import type { DetectionResult } from '../../../electron/engine/detect/detectImage';
import { item, phantom, S, target } from './syntheticModel';

/** The synthetic model's logits [4·mean(x), 2] as an attack objective with its exact CE gradient. */
const objective: Objective = {
  inputSize: S * S,
  outputShape: [2],
  async predict(x) {
    return new Float32Array([(4 * x.reduce((s, v) => s + v, 0)) / x.length, 2]);
  },
  async evaluate(x, loss) {
    const z = await this.predict(x);
    const label = loss.kind === 'ce' ? loss.label : 0;
    const m = Math.max(z[0], z[1]);
    const p0 = Math.exp(z[0] - m) / (Math.exp(z[0] - m) + Math.exp(z[1] - m));
    const ce = -Math.log(label === 0 ? p0 : 1 - p0);
    return { loss: ce, grad: new Float32Array(x.length).fill(((p0 - (label === 0 ? 1 : 0)) * 4) / x.length), logits: z };
  },
};

describe('detectorRows / mapScore', () => {
  const result = (combined: number, v: number): DetectionResult =>
    ({ detectors: { squeeze: v }, values: { squeeze: v }, combined, flagged: combined > 1, combinerLogit: null }) as unknown as DetectionResult;
  it('computes AUC and TPR per family, combined, and raw value', () => {
    const clean = [0, 1, 2, 3].map((k) => result(k / 4, k));
    const adv = [4, 5, 1.5, 6].map((k) => result(k / 2, k));
    const rows = Object.fromEntries(detectorRows(clean, adv, 0.25).map((r) => [r.detector, r]));
    expect(rows.squeeze.auc).toBeCloseTo(14 / 16, 12); // 1.5 beats 0 and 1 only
    expect(rows.combined.flaggedAtCalibration).toBe(0.75);
    expect(rows['value:squeeze'].tpr).toBe(0.75); // threshold 2 (one clean above allowed of 4 → ⌊0.25·4⌋ = 1)
  });
  it('reports pixel AUROC and whether the peak is inside the mask', () => {
    expect(mapScore([0, 1, 5, 2], [0, 0, 1, 1])).toEqual({ auroc: 1, peakInMask: true });
    expect(mapScore([9, 1, 5, 2], [0, 0, 1, 1]).peakInMask).toBe(false);
  });
});

describe('runDetectionEval', () => {
  it('attacks held-out images, scores them, cross-fits the LR combiner and runs localised and adaptive variants', async () => {
    const { record } = await calibrateDetectors({ target, images: Array.from({ length: 16 }, (_, i) => item(phantom(2001 + i))), modelHash: 'd'.repeat(64), fpr: 0.125 });
    const cases = Array.from({ length: 8 }, (_, i) => {
      const image = phantom(3001 + i);
      return { item: item(image), space: rawInputSpace(image.data, [1, 1, S, S]) };
    });
    let detectorCalls = 0;
    const out = await runDetectionEval({
      target,
      objective,
      calibration: record,
      cases,
      attacks: [{ method: 'pgd', eps: 0.02, norm: 'linf', steps: 5 }],
      fpr: 0.05,
      seed: 3,
      adaptive: {
        weight: 1,
        gradient: async (x) => {
          detectorCalls++;
          return { score: 0, grad: new Float32Array(x.length) };
        },
      },
    });
    expect(out.clean).toBe(8);
    expect(out.results.map((r) => r.attack.adaptive)).toEqual([false, true]);
    expect(detectorCalls).toBe(8 * 5);
    const names = out.results[0].rows.map((r) => r.detector);
    expect(names).toEqual(expect.arrayContaining(['squeeze', 'mahalanobis', 'kd', 'lid', 'combined', 'lr-combiner', 'value:padim']));
    for (const r of out.results[0].rows) {
      expect(r.auc).toBeGreaterThanOrEqual(0);
      expect(r.auc).toBeLessThanOrEqual(1);
    }
    expect(out.localised?.images).toBeGreaterThan(0);
    expect(Object.keys(out.localised!.maps).sort()).toEqual(['noiseResidual', 'padim']);
  });
});
