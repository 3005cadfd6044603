import { spearman } from '../stats/spearman';
import { SSIM_RADIUS, ssim } from '../metrics/ssim';
import type { SaliencyMap } from './saliencyModel';
import { sanityVerdict } from '../../shared/saliencySanity';

/** How similar a saliency map stays when the model's weights are randomised. */
export interface SanityCheckResult {
  /** Spearman rank correlation of |map| before vs after (Adebayo et al. report it with abs). */
  spearmanAbs: number;
  /** Spearman rank correlation of the signed maps. */
  spearman: number;
  /** SSIM of the two maps after min–max scaling to [0, 1]; null for maps smaller than SSIM's 11×11 window. */
  ssim: number | null;
  /** True when the map clearly changed by both figures (shared/saliencySanity): it depends on what the model learned. */
  passed: boolean;
}

function minMax(v: ArrayLike<number>): Float64Array {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < v.length; i++) {
    lo = Math.min(lo, v[i]);
    hi = Math.max(hi, v[i]);
  }
  const out = new Float64Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = hi > lo ? (v[i] - lo) / (hi - lo) : 0;
  return out;
}

function isConstant(v: ArrayLike<number>): boolean {
  for (let i = 1; i < v.length; i++) if (v[i] !== v[0]) return false;
  return true;
}

/** Spearman's ρ, with a constant map (no ranking at all, e.g. Grad-CAM of random weights after ReLU) counted as 0. */
function rankCorrelation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  return isConstant(a) || isConstant(b) ? 0 : spearman(a, b);
}

/**
 * The model-randomisation sanity check (Adebayo et al. 2018): compare a map computed with the trained
 * weights to the same method's map with randomised weights. A map that does not change is not
 * explaining the model. The 0.5 threshold on |ρ| is a reading aid, not a published cut-off.
 */
export function compareForSanity(trained: SaliencyMap, randomised: SaliencyMap): SanityCheckResult {
  if (trained.width !== randomised.width || trained.height !== randomised.height) {
    throw new Error('sanity check: the two maps must have the same size');
  }
  const absA = Float64Array.from(trained.data, Math.abs);
  const absB = Float64Array.from(randomised.data, Math.abs);
  const rhoAbs = rankCorrelation(absA, absB);
  const win = 2 * SSIM_RADIUS + 1;
  const s =
    trained.width >= win && trained.height >= win
      ? ssim(minMax(trained.data), minMax(randomised.data), { width: trained.width, height: trained.height, dataRange: 1 }).mssim
      : null;
  return { spearmanAbs: rhoAbs, spearman: rankCorrelation(trained.data, randomised.data), ssim: s, passed: sanityVerdict(rhoAbs, s) === 'changed' };
}
