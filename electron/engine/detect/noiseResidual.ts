import { medianFilter } from '../defenses/medianFilter';
import { checkPlanarImage, type PlanarImage } from '../defenses/planarImage';
import { windowSum } from '../imaging/windowSum';

/** Options for {@link noiseResidualMap}. */
export interface NoiseResidualOptions {
  /** Side of the square window of the local residual energy, pixels (odd). Default 15. */
  window?: number;
  /** Expected clean residual level σ₀, display units: the map is in multiples of it. Default 0.01. */
  noiseFloor?: number;
}

/**
 * Model-free suspicion map for models the gradient compiler cannot differentiate: the high-pass
 * residual r = x − median₃ₓ₃(x) (the median keeps edges and ramps, so anatomy leaves little), its
 * local RMS over a w×w window, in units of σ₀. Channels are pooled (mean of r²). Normalising by the
 * local structure instead (the local SD of the denoised image) was tried and rejected: on PGD
 * perturbations of the demo phantoms, whose gradients are spatially correlated, it dropped the
 * pixel AUROC of a localised attack from ≈ 0.99 to ≈ 0.55, because perturbed texture raises both.
 *
 * @param image display-range image, [0, 1]
 * @returns the map (height × width, row-major, aligned to the image; unit σ₀) and its mean as an image score
 */
export function noiseResidualMap(image: PlanarImage, options: NoiseResidualOptions = {}): { map: Float32Array; score: number } {
  checkPlanarImage(image);
  const win = options.window ?? 15;
  const floor = options.noiseFloor ?? 0.01;
  if (!Number.isInteger(win) || win < 1 || win % 2 === 0) throw new Error(`Noise-residual window must be an odd positive integer, got ${win}.`);
  if (!(floor > 0)) throw new Error(`Noise-residual floor must be > 0, got ${floor}.`);
  const { width: w, height: h, channels } = image;
  const n = w * h;
  const denoised = medianFilter(image, 3).data;
  const r2 = new Float64Array(n);
  for (let c = 0; c < channels; c++) {
    for (let i = 0; i < n; i++) r2[i] += (image.data[c * n + i] - denoised[c * n + i]) ** 2 / channels;
  }
  const energy = windowSum(r2, w, h, (win - 1) / 2, true);
  const map = new Float32Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    map[i] = Math.sqrt(energy[i]) / floor;
    sum += map[i];
  }
  return { map, score: sum / n };
}
