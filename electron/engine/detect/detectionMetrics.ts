import { pixelAuroc } from '../stats/pixelAuroc';
import { rocAuc } from '../stats/rocAuc';
import { tprAtFpr } from '../stats/tprAtFpr';
import { DETECTOR_FAMILIES, type DetectionResult } from './detectImage';

/** One detector's detection performance on clean vs attacked images. */
export interface DetectorRow {
  /** Family name, `combined`, `lr-combiner`, or a raw characteristic (`mahalanobis:layer`). */
  detector: string;
  /** ROC AUC (Mann–Whitney), in [0, 1]. */
  auc: number;
  /** TPR at the stated FPR, threshold set on these clean images (a fraction). */
  tpr: number;
  /** ROC AUC of attacked against noisy images (uniform ±eps), when measured: near 0.5 means the detector flags any noise. */
  aucVsNoisy?: number;
  /** Fraction of attacked images above the calibration's combined threshold (only for `combined`). */
  flaggedAtCalibration?: number;
}

/**
 * ROC AUC and TPR at `fpr` per detector family (its raw value when it has one characteristic, else
 * its −log₁₀ p score over layers), for the combined score and the LR combiner when present, and per
 * raw characteristic (`value:<name>`).
 */
export function detectorRows(clean: DetectionResult[], attacked: DetectionResult[], fpr: number): DetectorRow[] {
  if (clean.length === 0 || attacked.length === 0) throw new Error(`Detection metrics need clean and attacked images (got ${clean.length} and ${attacked.length}).`);
  const row = (detector: string, f: (r: DetectionResult) => number): DetectorRow => {
    const neg = clean.map(f);
    const pos = attacked.map(f);
    return { detector, auc: rocAuc(neg, pos), tpr: tprAtFpr(neg, pos, fpr).tpr };
  };
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
