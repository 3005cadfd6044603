import { describe, expect, it } from 'vitest';
import { calibrateDetectors } from '../../../electron/engine/detect/calibrateDetectors';
import { minimumCalibrationImages, smallestSupportedFpr } from '../../../electron/shared/calibrationSize';
import { calibrationFromJson, calibrationToJson } from '../../../electron/engine/detect/calibrationRecord';
import { detectImage, prepareCalibration } from '../../../electron/engine/detect/detectImage';
import { rocAuc } from '../../../electron/engine/stats/rocAuc';
import { attacked, item, phantom, S, target } from './syntheticModel';

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

  it('adds MC-dropout uncertainty as a characteristic when the model has Dropout', async () => {
    const withDropout = { ...target, uncertainty: async (x: Float32Array) => x.reduce((a, v) => a + v * v, 0) / x.length };
    const { record } = await calibrateDetectors({ target: withDropout, images: Array.from({ length: 8 }, (_, i) => item(phantom(i + 1))), modelHash: 'c'.repeat(64), fpr: 0.2 });
    expect(record.suspicion.referenceScores['mc-dropout']).toHaveLength(4);
    const r = await detectImage(withDropout, prepareCalibration(record), item(phantom(77)));
    expect(r.detectors['mc-dropout']).toBeGreaterThanOrEqual(0);
  });

  it('asks for enough calibration images for the stated FPR, and says what the images it got support', async () => {
    await expect(calibrateDetectors({ target, images: [item(phantom(1))], modelHash: 'c'.repeat(64), fpr: 0.5 })).rejects.toThrow(/at least 6 clean images/);
    const six = Array.from({ length: 6 }, (_, i) => item(phantom(i + 1)));
    await expect(calibrateDetectors({ target, images: six, modelHash: 'c'.repeat(64), fpr: 0.05 })).rejects.toThrow(
      /5 % false-positive rate needs at least 38 clean images \(half fit the detectors, 19 are the clean reference\), got 6; 6 images support a rate of 25 % or more/,
    );
    expect(minimumCalibrationImages(0.05)).toBe(38);
    expect(smallestSupportedFpr(10)).toBeCloseTo(1 / 6, 12);
  });
});
