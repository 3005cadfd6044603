/**
 * Job kind 'detect.calibrate': calibrates the adversarial-suspicion detectors of one classification
 * model on clean images (split conformal calibration, electron/engine/detect/calibrateDetectors) and
 * writes `calibration.json` plus a small `summary.json` (what the back end shows) into `outDir`.
 */
import { join } from 'node:path';
import { z } from 'zod';
import type { JobKind } from './registry';

const payload = z.object({
  /** Absolute path of the .onnx file. */
  model: z.string().min(1),
  /** Absolute paths of clean images (DICOM or PNG), at least 6 (more for a small FPR: see calibrateDetectors). */
  images: z.array(z.string().min(1)).min(6),
  /** Target false-positive rate of the combined suspicion, a fraction. */
  fpr: z.number().gt(0).lt(1).default(0.05),
  /** Folder for calibration.json and summary.json (created if missing). */
  outDir: z.string().min(1),
  /** Where the images came from (image ids, series UIDs), kept in the summary to warn when a tested image overlaps them. */
  provenance: z.object({ imageIds: z.array(z.string()), seriesUids: z.array(z.string()) }).optional(),
});

/**
 * What the calibration rests on, as stated next to every suspicion score. `fpr` is the stated rate
 * (a fraction); `fprAchieved` is the rate on the clean references (k of n, Wilson 95 % bounds).
 */
export interface CalibrationSummary {
  modelHash: string;
  images: number;
  fpr: number;
  createdAt: string;
  referenceImages?: number;
  fprAchieved?: { k: number; n: number; lower: number; upper: number };
  imageIds?: string[];
  seriesUids?: string[];
}

/** The 'detect.calibrate' job kind. */
export const detectCalibrateJob: JobKind<z.infer<typeof payload>> = {
  payload,
  async run(p, { signal, progress }): Promise<CalibrationSummary> {
    progress(0, 'Opening the model for the detectors');
    const [{ openDetectionSession, openDetectionCase }, { calibrateDetectors }, { saveCalibration }, { writeFileAtomic }, { calibrationFpr }] = await Promise.all([
      import('../detect/detectionSession'),
      import('../detect/calibrateDetectors'),
      import('../detect/calibrationStore'),
      import('../../base/atomicWrite'),
      import('../detect/suspicion'),
    ]);
    const session = await openDetectionSession(p.model);
    try {
      const images = [];
      for (const [i, path] of p.images.entries()) {
        signal.throwIfAborted();
        progress((0.2 * i) / p.images.length, `Reading clean image ${i + 1} of ${p.images.length}`);
        images.push((await openDetectionCase(session, path)).item);
      }
      const { record } = await calibrateDetectors({
        target: session.target,
        images,
        modelHash: session.loaded.hash,
        fpr: p.fpr,
        onProgress: (done, total) => {
          signal.throwIfAborted();
          progress(0.2 + (0.75 * done) / Math.max(1, total), `Calibrating: ${done} of ${total} images`);
        },
      });
      saveCalibration(p.outDir, record);
      const achieved = calibrationFpr(record.suspicion);
      const summary: CalibrationSummary = {
        modelHash: record.modelHash,
        images: record.imageCount,
        fpr: p.fpr,
        createdAt: record.createdAt,
        referenceImages: achieved.n,
        fprAchieved: { k: achieved.k, n: achieved.n, lower: achieved.low, upper: achieved.high },
        ...p.provenance,
      };
      writeFileAtomic(join(p.outDir, 'summary.json'), JSON.stringify(summary, null, 2) + '\n');
      return summary;
    } finally {
      await session.release();
    }
  },
};
