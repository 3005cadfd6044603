/**
 * Job kind 'detect': the adversarial-suspicion score of one image under a model, against the clean
 * calibration in `calibrationDir` (made by 'detect.calibrate' for this very model file), with the
 * suspicion heatmap on the image's pixels (electron/engine/detect/detectImage).
 */
import { z } from 'zod';
import type { JobKind } from './registry';

const payload = z.object({
  /** Absolute path of the .onnx file. */
  model: z.string().min(1),
  /** Absolute path of the image (DICOM first frame, or PNG). */
  image: z.string().min(1),
  /** Folder holding calibration.json for this model. */
  calibrationDir: z.string().min(1),
});

/**
 * One image's suspicion. `combined` and per-detector scores are in decades of rarity among clean
 * images (mean −log₁₀ tail probability); `flagged` when `combined` exceeds the threshold calibrated
 * for `fpr` (a fraction). `heatmap`: row-major on the image's pixels — PaDiM distance in standard
 * deviations when the model has a spatial feature map, else the noise-residual ratio.
 */
export interface DetectJobResult {
  decision: number;
  probabilities: number[];
  combined: number;
  threshold: number;
  fpr: number;
  flagged: boolean;
  combinerLogit: number | null;
  detectors: Record<string, number>;
  calibration: { modelHash: string; images: number; createdAt: string };
  heatmap: { kind: 'padim' | 'noise-residual'; width: number; height: number; data: Float32Array };
}

/** The 'detect' job kind. */
export const detectJob: JobKind<z.infer<typeof payload>> = {
  payload,
  async run(p, { signal, progress }): Promise<DetectJobResult> {
    progress(0, 'Opening the model for the detectors');
    const [{ openDetectionSession, openDetectionCase }, { loadCalibration }, { detectImage, prepareCalibration }] = await Promise.all([
      import('../detect/detectionSession'),
      import('../detect/calibrationStore'),
      import('../detect/detectImage'),
    ]);
    const session = await openDetectionSession(p.model);
    try {
      const record = loadCalibration(p.calibrationDir, session.loaded.hash);
      signal.throwIfAborted();
      progress(0.3, 'Scoring the image');
      const c = await openDetectionCase(session, p.image);
      const r = await detectImage(session.target, prepareCalibration(record), c.item);
      const { width, height } = c.item.image;
      return {
        decision: r.predicted,
        probabilities: Array.from(r.probabilities),
        combined: r.combined,
        threshold: r.threshold,
        fpr: r.fpr,
        flagged: r.flagged,
        combinerLogit: r.combinerLogit,
        detectors: r.detectors,
        calibration: { modelHash: record.modelHash, images: record.imageCount, createdAt: record.createdAt },
        heatmap: r.maps.padim
          ? { kind: 'padim', width, height, data: Float32Array.from(r.maps.padim) }
          : { kind: 'noise-residual', width, height, data: Float32Array.from(r.maps.noiseResidual) },
      };
    } finally {
      await session.release();
    }
  },
};
