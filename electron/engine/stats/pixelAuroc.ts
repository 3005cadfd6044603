import { rocAuc } from './rocAuc';
import { seededRandom } from './seededRandom';

/** Options for {@link pixelAuroc}. */
export interface PixelAurocOptions {
  /** Largest number of pixels scored; bigger maps are sub-sampled without replacement. Default 65 536. */
  maxPixels?: number;
  /** Seed of the deterministic sub-sample. Default 1. */
  seed?: number;
}

/**
 * Pixel-level AUROC of a suspicion map against a ground-truth mask (e.g. the pixels an attack
 * changed, |δ| > 0): each pixel is a case, mask ≠ 0 positive. Large maps are sub-sampled by a seeded
 * partial Fisher–Yates shuffle, so the same inputs always give the same number.
 *
 * @param map per-pixel suspicion, any unit, larger = more suspicious
 * @param mask same length; non-zero marks a truly perturbed pixel
 * @returns AUROC in [0, 1]
 */
export function pixelAuroc(map: ArrayLike<number>, mask: ArrayLike<number>, options: PixelAurocOptions = {}): number {
  if (map.length !== mask.length) {
    throw new Error(`Pixel AUROC: map has ${map.length} pixels but mask has ${mask.length}; they must be aligned.`);
  }
  const maxPixels = options.maxPixels ?? 65_536;
  const n = map.length;
  const idx = Int32Array.from({ length: n }, (_, i) => i);
  let picked = idx;
  if (n > maxPixels) {
    const rand = seededRandom(options.seed ?? 1);
    for (let i = 0; i < maxPixels; i++) {
      const j = i + Math.floor(rand() * (n - i));
      const t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    picked = idx.subarray(0, maxPixels);
  }
  const pos: number[] = [];
  const neg: number[] = [];
  for (let k = 0; k < picked.length; k++) {
    const i = picked[k];
    (mask[i] !== 0 ? pos : neg).push(map[i]);
  }
  if (pos.length === 0 || neg.length === 0) {
    throw new Error(
      `Pixel AUROC needs both perturbed and unperturbed pixels in the mask (sampled ${pos.length} perturbed, ${neg.length} unperturbed).`,
    );
  }
  return rocAuc(neg, pos);
}
