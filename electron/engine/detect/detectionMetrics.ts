import { aucInterval } from '../stats/aucInterval';
import { pixelAuroc } from '../stats/pixelAuroc';
import { tprAtFpr } from '../stats/tprAtFpr';
import { wilsonInterval } from '../stats/wilsonInterval';
import { DETECTOR_FAMILIES, type DetectionResult } from './detectImage';

/** One detector's detection performance on clean vs attacked images. */
export interface DetectorRow {
  /** Family name, `combined`, `lr-combiner`, or a raw characteristic (`mahalanobis:layer`). */
  detector: string;
  /** ROC AUC (Mann–Whitney), in [0, 1]. */
  auc: number;
  /** 95 % interval of the AUC (Newcombe 2006 method 5). */
  aucCi: [number, number];
  /** TPR at the stated FPR, threshold set on these clean images (a fraction). */
  tpr: number;
  /** 95 % Wilson interval of the TPR. */
  tprCi: [number, number];
  /** Clean (negative) and attacked (positive) images the figures rest on. */
  negatives: number;
  positives: number;
  /** ROC AUC of attacked against noisy images (uniform ±eps), when measured: near 0.5 means the detector flags any noise. */
  aucVsNoisy?: number;
  /** 95 % interval of {@link aucVsNoisy}. */
  aucVsNoisyCi?: [number, number];
  /** Fraction of attacked images above the calibration's combined threshold (only for `combined`). */
  flaggedAtCalibration?: number;
}

/** One detector's row from its clean and attacked scores: AUC and TPR at `fpr` (a fraction), each with its 95 % interval and n. */
export function detectorRow(detector: string, negatives: number[], positives: number[], fpr: number): DetectorRow {
  const auc = aucInterval(negatives, positives);
  const { tpr } = tprAtFpr(negatives, positives, fpr);
  const t = wilsonInterval(Math.round(tpr * positives.length), positives.length);
  return { detector, auc: auc.auc, aucCi: [auc.low, auc.high], tpr, tprCi: [t.low, t.high], negatives: negatives.length, positives: positives.length };
}

/** Why no detector is recommended, or which one is and why. */
export type Recommendation = { detector: DetectorRow; reason: string } | { detector: null; reason: string };

/**
 * The detector to recommend for one attack setting, or none: only a detector family (or combiner)
 * whose AUC against attacks is above chance at 95 % (interval above 0.5) AND that passes the noise
 * control (AUC of attacked vs equally strong random noise, interval above 0.5) qualifies; among
 * those the highest lower AUC bound wins. A detector that flags plain noise as readily as attacks
 * is never recommended, however high its AUC against clean images.
 */
export function recommendDetector(rows: DetectorRow[]): Recommendation {
  const candidates = rows.filter((r) => !r.detector.startsWith('value:'));
  const passing = candidates.filter((r) => r.aucCi[0] > 0.5 && r.aucVsNoisyCi !== undefined && r.aucVsNoisyCi[0] > 0.5);
  if (passing.length === 0) {
    const noisy = candidates.filter((r) => r.aucCi[0] > 0.5);
    return {
      detector: null,
      reason:
        noisy.length === 0
          ? `no detector separates these attacks from clean images with confidence (every AUC interval reaches 0.5; ${candidates[0]?.positives ?? 0} attacked images)`
          : `no detector passes the noise control: ${noisy.map((r) => r.detector).join(', ')} separate attacks from clean images but not from random noise of the same budget`,
    };
  }
  const best = passing.reduce((a, b) => (b.aucCi[0] > a.aucCi[0] ? b : a));
  return { detector: best, reason: `highest lower AUC bound among the detectors that also tell attacks from random noise` };
}

/**
 * ROC AUC and TPR at `fpr` per detector family (its raw value when it has one characteristic, else
 * its −log₁₀ p score over layers), for the combined score and the LR combiner when present, and per
 * raw characteristic (`value:<name>`).
 */
export function detectorRows(clean: DetectionResult[], attacked: DetectionResult[], fpr: number): DetectorRow[] {
  if (clean.length === 0 || attacked.length === 0) throw new Error(`Detection metrics need clean and attacked images (got ${clean.length} and ${attacked.length}).`);
  const row = (detector: string, f: (r: DetectionResult) => number): DetectorRow => detectorRow(detector, clean.map(f), attacked.map(f), fpr);
  const rows: DetectorRow[] = [];
  for (const fam of DETECTOR_FAMILIES) {
    if (!(fam in clean[0].detectors)) continue;
    // A one-characteristic family is ranked by its raw value: the same order as its clean tail
    // probability, without the ties that probability has beyond the largest reference score.
    const single = fam in clean[0].values;
    rows.push(row(fam, single ? (r) => r.values[fam] : (r) => r.detectors[fam]));
  }
  const combined = row('combined', (r) => r.combined);
  combined.flaggedAtCalibration = attacked.filter((r) => r.flagged).length / attacked.length;
  rows.push(combined);
  if (clean[0].combinerLogit !== null) rows.push(row('lr-combiner', (r) => r.combinerLogit ?? NaN));
  for (const name of Object.keys(clean[0].values)) rows.push(row(`value:${name}`, (r) => r.values[name]));
  return rows;
}

/** How well an image-aligned suspicion map localises a perturbation mask. */
export interface MapScore {
  /** Pixel-level AUROC of the map against the mask. */
  auroc: number;
  /** Whether the map's maximum lies inside the mask. */
  peakInMask: boolean;
}

/** Pixel AUROC and peak-in-mask of one map (row-major, same size as the mask; mask ≠ 0 = perturbed). */
export function mapScore(map: ArrayLike<number>, mask: ArrayLike<number>): MapScore {
  let peak = 0;
  for (let i = 1; i < map.length; i++) if (map[i] > map[peak]) peak = i;
  return { auroc: pixelAuroc(map, mask), peakInMask: mask[peak] !== 0 };
}
