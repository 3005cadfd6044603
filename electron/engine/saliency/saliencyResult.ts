/**
 * A saliency explanation read as the 'saliency' job's result: the map on the image's own pixel grid
 * (what the overlay draws and `aegis saliency --grid image` writes), the method, and its checks.
 */
import type { SaliencyResult } from '../../shared/jobResults';
import type { ImageExplanation } from './explainImage';

/** The job result of explanation `r` (completeness and sanity reduced to what the app shows). */
export function saliencyResult(r: ImageExplanation): SaliencyResult {
  return {
    method: r.map.method,
    params: r.map.params,
    classIndex: r.classIndex,
    className: r.className,
    note: r.note ?? null,
    map: r.native.data,
    width: r.native.width,
    height: r.native.height,
    completeness: r.completeness ? { attributionSum: r.completeness.attributionSum, scoreDifference: r.completeness.scoreDifference, relativeGap: r.completeness.relativeGap } : null,
    sanity: r.sanity ? { spearmanAbs: r.sanity.spearmanAbs, ssim: r.sanity.ssim, passed: r.sanity.passed } : null,
    seconds: r.seconds,
  };
}
