import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { calibrationFromJson, calibrationToJson, type CalibrationRecord } from '../../../electron/engine/detect/calibrationRecord';
import { loadCalibration, saveCalibration } from '../../../electron/engine/detect/calibrationStore';

const hash = 'a'.repeat(64);
const record: CalibrationRecord = {
  format: 'aegis-detect-calibration',
  version: 1,
  modelHash: hash,
  createdAt: '2026-11-25T03:00:00.000Z',
  imageCount: 3,
  mahalanobis: [{ layer: 'pool', dim: 2, means: [[0, 1]], covariance: [1, 0.2, 0.2, 2], shrinkage: 0.1 }],
  padim: null,
  kernelDensity: { layer: 'fc1', bandwidth: 1, dim: 1, classFeatures: [[[0], [1]], [[5]]] },
  lid: { k: 2, layers: [{ layer: 'fc1', reference: [[0], [1], [5]] }] },
  noiseResidual: { window: 7, noiseFloor: 0.01 },
  combiner: null,
  suspicion: { fpr: 0.05, threshold: 1.2, referenceScores: { mahalanobis: [1, 2, 3] } },
};

describe('calibration record', () => {
  it('round-trips through JSON and a directory', () => {
    expect(calibrationFromJson(calibrationToJson(record), 'mem', hash)).toEqual(record);
    const dir = mkdtempSync(join(tmpdir(), 'aegis-cal-'));
    const path = saveCalibration(dir, record);
    expect(JSON.parse(readFileSync(path, 'utf8')).modelHash).toBe(hash);
    expect(loadCalibration(dir, hash)).toEqual(record);
  });

  it('refuses another model, a broken file, or a missing one with actionable messages', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aegis-cal-'));
    expect(() => loadCalibration(dir)).toThrow(/No detector calibration at .*calibration\.json; run the calibration first/);
    saveCalibration(dir, record);
    expect(() => loadCalibration(dir, 'b'.repeat(64))).toThrow(/calibrated for model aaaaaaaaaaaa…, but this model is bbbbbbbbbbbb…; recalibrate/);
    writeFileSync(join(dir, 'calibration.json'), JSON.stringify({ ...record, imageCount: -1 }));
    expect(() => loadCalibration(dir)).toThrow(/not an Aegis detector calibration \(imageCount/);
    writeFileSync(join(dir, 'calibration.json'), '{');
    expect(() => loadCalibration(dir)).toThrow(/not valid JSON/);
  });
});
