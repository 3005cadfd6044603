/**
 * The "is this image manipulated?" action, shared by the 'detect' job and `aegis detect`: loads the
 * clean calibration made for this very model, scores one image with every calibrated detector, and
 * reads the outcome as the job's result (scores in decades of rarity among clean images).
 */
import type { DetectJobResult } from '../../shared/jobResults';
import type { CalibrationRecord } from '../detect/calibrationRecord';
import { loadCalibration } from '../detect/calibrationStore';
import { detectImage, prepareCalibration, type DetectionResult } from '../detect/detectImage';
import type { EvalCase } from '../detect/detectionEval';
import { openDetectionCase, type DetectionSession } from '../detect/detectionSession';

/** The kinds of suspicion heatmap: PaDiM distance (needs a spatial feature layer) or the model-free noise residual. */
export type HeatmapKind = DetectJobResult['heatmap']['kind'];

/** One image scored against a calibration. */
export interface SuspicionOutcome {
  record: CalibrationRecord;
  image: EvalCase;
  detection: DetectionResult;
}

/** Scores `imagePath` with the session's model against the calibration in `calibrationDir` (made for this model's hash). */
export async function detectSuspicion(session: DetectionSession, calibrationDir: string, imagePath: string, signal?: AbortSignal): Promise<SuspicionOutcome> {
  const record = loadCalibration(calibrationDir, session.loaded.hash);
  signal?.throwIfAborted();
  const image = await openDetectionCase(session, imagePath);
  const detection = await detectImage(session.target, prepareCalibration(record), image.item);
  return { record, image, detection };
}

/**
 * The outcome as the 'detect' job's result, with the `kind` heatmap on the image's pixels (default:
 * PaDiM when the model has a spatial feature layer, else the noise residual). @throws when PaDiM is
 * asked for and the model has no spatial feature layer.
 */
export function suspicionResult({ record, image, detection: r }: SuspicionOutcome, kind: HeatmapKind = r.maps.padim ? 'padim' : 'noise-residual'): DetectJobResult {
  if (kind === 'padim' && !r.maps.padim) throw new Error('this model has no spatial feature layer, so no PaDiM map; use the noise-residual heatmap');
  const { width, height } = image.item.image;
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
    heatmap: { kind, width, height, data: Float32Array.from(kind === 'padim' ? r.maps.padim! : r.maps.noiseResidual) },
  };
}
