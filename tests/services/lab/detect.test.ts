import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createBackend } from '../../../electron/services/backend';
import type { Backend } from '../../../electron/services/backendTypes';
import { writeSeries } from '../studyFiles';
import { call, finished, restoreBundledModelsEnv, SIDE, writeTinyModel } from './labFixtures';

describe('suspicion score next to the prediction (issue 7, item 3: back end)', () => {
  let root: string;
  let backend: Backend;
  let imageIds: string[];
  const savedEnv = process.env.AEGIS_BUNDLED_MODELS;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'aegis-detect-'));
    process.env.AEGIS_BUNDLED_MODELS = join(root, 'bundled');
    writeTinyModel(join(root, 'bundled', 'tiny'));
    writeSeries({ dir: join(root, 'ct'), patientName: 'P', studyUid: '1.2.7', seriesUid: '1.2.7.1', seriesNumber: 1, slices: 9, rows: SIDE, columns: SIDE });
    backend = createBackend({ home: join(root, 'home') });
    imageIds = (await call(backend, 'studies.open', { paths: [join(root, 'ct')] })).series[0]!.imageIds;
  });
  afterAll(async () => {
    await backend.close();
    restoreBundledModelsEnv(savedEnv);
    rmSync(root, { recursive: true, force: true });
  });

  it('refuses to score before calibration, calibrates on clean images, then states the score with what it rests on', async () => {
    const model = { modelId: 'bundled:tiny' };
    expect(await call(backend, 'detect.calibration', model)).toEqual({ calibration: null });
    await expect(call(backend, 'detect.run', { ...model, imageId: imageIds[0]! })).rejects.toThrow(/no suspicion calibration yet/);
    await expect(call(backend, 'detect.calibrate', { ...model, imageIds: imageIds.slice(0, 3) })).rejects.toThrow(/imageIds/);

    // 8 images leave 4 clean references: too few to promise a 10 % false-positive rate (issue 19 item 2).
    const tooFew = await finished(backend, (await call(backend, 'detect.calibrate', { ...model, imageIds: imageIds.slice(0, 8), fpr: 0.1 })).jobId);
    expect(tooFew.state).toBe('failed');
    expect(tooFew.error).toMatch(/10 % false-positive rate needs at least 18 clean images.*8 images support a rate of 20 % or more/);
    const cal = await finished(backend, (await call(backend, 'detect.calibrate', { ...model, imageIds: imageIds.slice(0, 8), fpr: 0.2 })).jobId);
    expect(cal.state, cal.error ?? '').toBe('done');
    const { calibration } = await call(backend, 'detect.calibration', model);
    const hash = (await call(backend, 'models.list', {})).models[0]!.hash;
    expect(calibration).toMatchObject({ modelHash: hash, images: 8, fpr: 0.2, referenceImages: 4, overlap: null });
    expect(calibration!.fprAchieved!.n).toBe(4);
    expect(calibration!.fprAchieved!.upper).toBeGreaterThan(0.4); // 4 references cannot pin a rate down
    // The tested image shares the calibration's series: the app must say so (issue 19 item 2).
    expect((await call(backend, 'detect.calibration', { ...model, imageId: imageIds[8]! })).calibration!.overlap).toBe('series');
    expect((await call(backend, 'detect.calibration', { ...model, imageId: imageIds[0]! })).calibration!.overlap).toBe('image');

    const job = await finished(backend, (await call(backend, 'detect.run', { ...model, imageId: imageIds[8]! })).jobId);
    expect(job.state, job.error ?? '').toBe('done');
    const r = job.result as { combined: number; threshold: number; flagged: boolean; fpr: number; probabilities: number[]; calibration: { images: number; modelHash: string }; heatmap: { width: number; height: number; data: Float32Array } };
    expect(r.flagged).toBe(r.combined > r.threshold);
    expect(r.fpr).toBe(0.2);
    expect(r.calibration).toMatchObject({ images: 8, modelHash: hash });
    expect(r.probabilities.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect([r.heatmap.width, r.heatmap.height, r.heatmap.data.length]).toEqual([SIDE, SIDE, SIDE * SIDE]);
  }, 60_000);
});
