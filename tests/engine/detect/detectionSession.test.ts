import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { detectorGradient } from '../../../electron/engine/detect/adaptiveObjective';
import { calibrateDetectors } from '../../../electron/engine/detect/calibrateDetectors';
import { runDetectionEval } from '../../../electron/engine/detect/detectionEval';
import { listImageFiles, openDetectionCase, openDetectionSession } from '../../../electron/engine/detect/detectionSession';
import { writePng } from '../../../electron/engine/io/png';
import { encodeModel } from '../../../electron/engine/onnx';
import { seededRandom } from '../../../electron/engine/stats/seededRandom';
import { tinyCnn } from './tinyCnn';

describe('listImageFiles', () => {
  it('walks sub-folders, keeps image files in path order, and explains an empty folder', () => {
    const dir = mkdtempSync(join(tmpdir(), 'aegis-list-'));
    mkdirSync(join(dir, 'series2'));
    for (const f of ['b.dcm', 'a.png', 'notes.txt', 'IM0001', 'series2/c.npy', '.hidden.dcm']) writeFileSync(join(dir, f), '');
    expect(listImageFiles(dir).map((p) => p.slice(dir.length + 1))).toEqual(['IM0001', 'a.png', 'b.dcm', 'series2/c.npy']);
    expect(() => listImageFiles(mkdtempSync(join(tmpdir(), 'aegis-empty-')))).toThrow(/no \.dcm, \.png or \.npy images found/);
  });
});

describe('detection on a real ONNX model and PNG images (end to end)', () => {
  it('opens model and images through the pixel pipeline, calibrates, and evaluates plain and adaptive PGD', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aegis-detect-'));
    writeFileSync(join(dir, 'model.onnx'), encodeModel(tinyCnn()));
    writeFileSync(
      join(dir, 'metadata.json'),
      JSON.stringify({ name: 'tiny', network_data_format: { inputs: { image: { intensity: { kind: 'window', center: 127.5, width: 255 } } }, outputs: { logits: { kind: 'logits' } } } }),
    );
    const images = join(dir, 'clean');
    mkdirSync(images);
    for (let k = 0; k < 14; k++) {
      const r = seededRandom(k + 40);
      const cx = 8 + 16 * r();
      const data = Uint8Array.from({ length: 32 * 32 }, (_, i) => Math.round(60 + 120 * Math.exp(-(((i % 32) - cx) ** 2 + (Math.floor(i / 32) - 16) ** 2) / 60) + 6 * r()));
      await writePng(join(images, `p${String(k).padStart(2, '0')}.png`), { width: 32, height: 32, channels: 1, bitDepth: 8, data });
    }
    const session = await openDetectionSession(join(dir, 'model.onnx'));
    try {
      expect(session.objective.inputShape).toEqual([1, 1, 16, 16]);
      const cases = [];
      for (const f of listImageFiles(images)) cases.push(await openDetectionCase(session, f));
      expect(cases[0].item.image.width).toBe(32); // native size; the pipeline resizes to 16×16
      const { record } = await calibrateDetectors({ target: session.target, images: cases.slice(0, 8).map((c) => c.item), modelHash: session.loaded.hash, fpr: 0.2 });
      expect(record.modelHash).toBe(session.loaded.hash);
      const g = await detectorGradient(session.loaded.model, record, session.extractor.spatialLayers, [1, 16, 16]);
      const out = await runDetectionEval({
        target: session.target,
        objective: session.objective,
        calibration: record,
        cases: cases.slice(8),
        attacks: [{ method: 'pgd', eps: 0.02, norm: 'linf', steps: 3 }],
        fpr: 0.05,
        seed: 1,
        adaptive: { gradient: g.gradient, weight: 1 },
      });
      await g.release();
      expect(out.results).toHaveLength(2);
      expect(out.results[1].attack.adaptive).toBe(true);
      for (const r of out.results) expect(r.rows.find((row) => row.detector === 'combined')!.auc).toBeGreaterThanOrEqual(0);
    } finally {
      await session.release();
    }
  });
});
