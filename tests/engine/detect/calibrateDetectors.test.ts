import { describe, expect, it } from 'vitest';
import { calibrateDetectors } from '../../../electron/engine/detect/calibrateDetectors';
import { calibrationFromJson, calibrationToJson } from '../../../electron/engine/detect/calibrationRecord';
import { detectImage, prepareCalibration } from '../../../electron/engine/detect/detectImage';
import { softmax, type DetectionTarget, type FeatureSource } from '../../../electron/engine/detect/imageFeatures';
import type { PlanarImage } from '../../../electron/engine/defenses/planarImage';
import { rocAuc } from '../../../electron/engine/stats/rocAuc';
import { seededRandom } from '../../../electron/engine/stats/seededRandom';

const S = 24;
/** Analytic "network": features are local means and high-frequency energies over a 4×4 grid of 6×6 cells. */
const source: FeatureSource = {
  layers: ['cells', 'embedding'],
  penultimate: 'embedding',
  spatialLayer: 'cells',
  async run(inputs) {
    const maps = inputs.map((x) => {
      const data = new Float32Array(2 * 16);
      for (let cy = 0; cy < 4; cy++) {
        for (let cx = 0; cx < 4; cx++) {
          let m = 0;
          let hf = 0;
          for (let y = cy * 6; y < cy * 6 + 6; y++) {
            for (let x0 = cx * 6; x0 < cx * 6 + 6; x0++) {
              m += x[y * S + x0] / 36;
              if (x0 + 1 < S) hf += Math.abs(x[y * S + x0 + 1] - x[y * S + x0]) / 36;
            }
          }
          data[cy * 4 + cx] = m;
          data[16 + cy * 4 + cx] = 10 * hf;
        }
      }
      return { data, channels: 2, height: 4, width: 4 };
    });
    const pooledCells = maps.map((m) => Float32Array.from([0, 1], (c) => m.data.subarray(c * 16, (c + 1) * 16).reduce((s, v) => s + v, 0) / 16));
    const embedding = maps.map((m) => Float32Array.from(m.data.subarray(16)));
    return { outputs: pooledCells.map((p) => Float32Array.from([4 * p[0], 2])), pooled: { cells: pooledCells, embedding }, spatial: maps };
  },
};
const target: DetectionTarget = { features: source, probabilities: (o) => softmax(o) };
const item = (image: PlanarImage) => ({ image, toModelInput: (im: PlanarImage) => im.data });

function phantom(seed: number): PlanarImage {
  const r = seededRandom(seed);
  const cx = 6 + 12 * r();
  const cy = 6 + 12 * r();
  const level = 0.3 + 0.4 * r();
  const data = Float32Array.from({ length: S * S }, (_, i) => {
    const d = Math.hypot((i % S) - cx, Math.floor(i / S) - cy);
    return 0.2 + level * Math.exp(-(d * d) / 40) + 0.003 * (r() - 0.5);
  });
  return { data, width: S, height: S, channels: 1 };
}
function attacked(im: PlanarImage, seed: number): PlanarImage {
  const r = seededRandom(seed);
  return { ...im, data: im.data.map((v) => v + (r() < 0.5 ? -0.02 : 0.02)) };
}

describe('calibrateDetectors + detectImage', () => {
  it('calibrates on clean phantoms, survives JSON, and separates ±0.02 perturbations', async () => {
    const clean = Array.from({ length: 40 }, (_, i) => phantom(i + 1001));
    const { record } = await calibrateDetectors({ target, images: clean.map(item), modelHash: 'c'.repeat(64), fpr: 0.1 });
    expect(record.imageCount).toBe(40);
    expect(Object.keys(record.suspicion.referenceScores).sort()).toEqual(
      ['kd', 'lid:cells', 'lid:embedding', 'mahalanobis:cells', 'mahalanobis:embedding', 'noise-residual', 'padim', 'squeeze'].sort(),
    );
    for (const v of Object.values(record.suspicion.referenceScores)) expect(v.every(Number.isFinite)).toBe(true);
    const cal = prepareCalibration(calibrationFromJson(calibrationToJson(record), 'mem', 'c'.repeat(64)));
    const fresh = Array.from({ length: 20 }, (_, i) => phantom(100 + i));
    const cleanResults = await Promise.all(fresh.map((im) => detectImage(target, cal, item(im))));
    const advResults = await Promise.all(fresh.map((im, i) => detectImage(target, cal, item(attacked(im, 500 + i)))));
    const auc = (f: (r: (typeof cleanResults)[number]) => number) => rocAuc(cleanResults.map(f), advResults.map(f));
    expect(auc((r) => r.combined)).toBeGreaterThan(0.95);
    expect(auc((r) => r.values['noise-residual'])).toBeGreaterThan(0.95);
    expect(auc((r) => r.values['mahalanobis:cells'])).toBeGreaterThan(0.95);
    expect(advResults.filter((r) => r.flagged).length).toBeGreaterThan(15);
    expect(cleanResults.filter((r) => r.flagged).length).toBeLessThan(6);
    expect(advResults[0].maps.noiseResidual).toHaveLength(S * S);
    expect(advResults[0].maps.padim).toHaveLength(S * S);
  });

  it('asks for enough calibration images', async () => {
    await expect(calibrateDetectors({ target, images: [item(phantom(1))], modelHash: 'c'.repeat(64) })).rejects.toThrow(/at least 6 clean images/);
  });
});
