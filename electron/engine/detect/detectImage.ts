import type { CalibrationRecord } from './calibrationRecord';
import { detectorsFromRecord } from './calibrateDetectors';
import { combinerScore } from './detectorCombiner';
import { characteristics, prepareDetectors, type PreparedDetectors } from './detectorSet';
import { extractImageFeatures, type DetectionImage, type DetectionTarget, type ImageFeatures } from './imageFeatures';
import { combinedSuspicion } from './suspicion';

/** The detector families reported to the user; a characteristic `fam:layer` belongs to family `fam`. */
export const DETECTOR_FAMILIES = ['squeeze', 'noise-residual', 'mc-dropout', 'mahalanobis', 'padim', 'kd', 'lid'] as const;

/** One image's detection, everything in the units stated per field. */
export interface DetectionResult {
  probabilities: Float32Array;
  predicted: number;
  /** Raw characteristic values (each detector's own unit). */
  values: Record<string, number>;
  /** Per family: mean −log₁₀ clean tail probability over its characteristics (decades of rarity among clean images). */
  detectors: Record<string, number>;
  /** Combined suspicion over all characteristics (same unit) and whether it exceeds the FPR-calibrated threshold. */
  combined: number;
  threshold: number;
  fpr: number;
  flagged: boolean;
  /** Logistic-regression combiner's log-odds, when the calibration has one. */
  combinerLogit: number | null;
  /** Image-aligned maps (row-major, native size): PaDiM distance (SDs) and noise-residual ratio. */
  maps: { padim: Float32Array | null; noiseResidual: Float32Array };
}

/** A calibration with its factorisations, ready to score many images. */
export interface PreparedCalibration {
  record: CalibrationRecord;
  detectors: PreparedDetectors;
}

/** Factorises a calibration's covariances once. */
export function prepareCalibration(record: CalibrationRecord): PreparedCalibration {
  return { record, detectors: prepareDetectors(detectorsFromRecord(record)) };
}

/** Scores features already extracted from one image (see {@link detectImage}). */
export function scoreFeatures(cal: PreparedCalibration, s: ImageFeatures, width: number, height: number): DetectionResult {
  const { values, padimMap } = characteristics(cal.detectors, s, width, height);
  const refs = cal.record.suspicion.referenceScores;
  const all = combinedSuspicion(values, refs);
  const detectors: Record<string, number> = {};
  for (const fam of DETECTOR_FAMILIES) {
    const members = Object.keys(all.pValues).filter((n) => n === fam || n.startsWith(`${fam}:`));
    if (members.length > 0) detectors[fam] = members.reduce((acc, n) => acc - Math.log10(all.pValues[n]), 0) / members.length;
  }
  const combiner = cal.record.combiner;
  return {
    probabilities: s.probabilities,
    predicted: s.predicted,
    values,
    detectors,
    combined: all.score,
    threshold: cal.record.suspicion.threshold,
    fpr: cal.record.suspicion.fpr,
    flagged: all.score > cal.record.suspicion.threshold,
    combinerLogit: combiner ? combinerScore(combiner, values) : null,
    maps: { padim: padimMap, noiseResidual: s.noise.map },
  };
}

/**
 * Runs every calibrated detector on one display-space image: model features, squeezing, PaDiM and
 * noise-residual maps, per-family suspicion and the combined, FPR-calibrated flag.
 */
export async function detectImage(target: DetectionTarget, cal: PreparedCalibration, item: DetectionImage): Promise<DetectionResult> {
  const s = await extractImageFeatures(target, item, cal.record.noiseResidual);
  return scoreFeatures(cal, s, item.image.width, item.image.height);
}
