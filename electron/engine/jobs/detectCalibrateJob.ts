/**
 * Job kind 'detect.calibrate': calibrates the adversarial-suspicion detectors of one classification
 * model on clean images (split conformal calibration, electron/engine/detect/calibrateDetectors) and
 * writes `calibration.json` plus a small `summary.json` (what the back end shows) into `outDir`.
 */
import { join } from 'node:path';
import type { CalibrationSummary } from '../../shared/jobResults';
import { defineJob } from './defineJob';

/** The 'detect.calibrate' job kind; payload and result: `JOB_KINDS['detect.calibrate']` in electron/shared/jobKinds. */
export const detectCalibrateJob = defineJob('detect.calibrate', async (p, { signal, progress }) => {
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
});
