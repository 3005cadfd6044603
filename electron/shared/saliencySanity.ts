/**
 * Reading of the model-randomisation sanity check (Adebayo et al. 2018) from its two similarity
 * figures, shared by the engine, the CLI and the lab so they never contradict each other: the map
 * "changed" only when both the rank order (Spearman ρ of |map|) and the structure (SSIM of the
 * min–max scaled maps) moved away from the trained map's; "unchanged" when both stayed; else the
 * figures disagree and the check is inconclusive. 0.5 is a reading aid, not a published cut-off.
 */

/** The check's verdict. */
export type SanityVerdict = 'changed' | 'unchanged' | 'inconclusive';

/** Similarity at or above which a figure says "the map stayed" (unitless). */
export const SANITY_SIMILAR = 0.5;

/**
 * @param spearmanAbs Spearman ρ between |trained map| and |randomised map|, in [−1, 1] (a signed correlation of absolute maps)
 * @param ssim SSIM of the two maps in [−1, 1], or null when the map is too small for SSIM's window
 */
export function sanityVerdict(spearmanAbs: number, ssim: number | null): SanityVerdict {
  const rankStayed = Math.abs(spearmanAbs) >= SANITY_SIMILAR;
  if (ssim === null) return rankStayed ? 'unchanged' : 'changed';
  const structureStayed = ssim >= SANITY_SIMILAR;
  if (rankStayed && structureStayed) return 'unchanged';
  if (!rankStayed && !structureStayed) return 'changed';
  return 'inconclusive';
}

/** The verdict in words, naming the figure that disagrees when inconclusive. */
export function sanityText(spearmanAbs: number, ssim: number | null): string {
  switch (sanityVerdict(spearmanAbs, ssim)) {
    case 'changed':
      return 'the map changed: it depends on the learned weights.';
    case 'unchanged':
      return 'the map barely changed: it does not explain this model.';
    default:
      return Math.abs(spearmanAbs) >= SANITY_SIMILAR
        ? 'inconclusive: the rank order stayed but the structure changed; do not rely on this map.'
        : 'inconclusive: the rank order changed but the structure stayed (high SSIM); do not rely on this map.';
  }
}
