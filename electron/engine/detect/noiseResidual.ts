import { medianFilter } from '../defenses/medianFilter';
import { checkPlanarImage, type PlanarImage } from '../defenses/planarImage';

/** Options for {@link noiseResidualMap}. */
export interface NoiseResidualOptions {
  /** Side of the square window for local statistics, pixels (odd). Default 7. */
  window?: number;
  /** Noise floor σ₀ added to the local standard deviation, display units. Default 0.01. */
  noiseFloor?: number;
}

/**
 * Model-free suspicion map for models the gradient compiler cannot differentiate: the high-pass
 * residual r = x − median₃ₓ₃(x), its local RMS over a w×w window, divided by the local standard
 * deviation of the denoised image (over a 3w×3w window) plus a noise floor σ₀. Anatomy edges (large local structure)
 * are discounted; fine-grained energy in smooth regions — what an L∞ attack adds — stands out.
 * Channels are pooled (mean of r²). Unit: dimensionless ratio (≈ residual SD per local SD).
 *
 * @param image display-range image, [0, 1]
 * @returns the map (height × width, row-major, aligned to the image) and its mean as an image score
 */
export function noiseResidualMap(image: PlanarImage, options: NoiseResidualOptions = {}): { map: Float32Array; score: number } {
  checkPlanarImage(image);
  const win = options.window ?? 7;
  const floor = options.noiseFloor ?? 0.01;
  if (!Number.isInteger(win) || win < 1 || win % 2 === 0) throw new Error(`Noise-residual window must be an odd positive integer, got ${win}.`);
  if (!(floor > 0)) throw new Error(`Noise-residual floor must be > 0, got ${floor}.`);
  const { width: w, height: h, channels } = image;
  const n = w * h;
  const denoised = medianFilter(image, 3).data;
  const r2 = new Float64Array(n);
  const m1 = new Float64Array(n);
  const m2 = new Float64Array(n);
  for (let c = 0; c < channels; c++) {
    for (let i = 0; i < n; i++) {
      const v = image.data[c * n + i];
      const d = denoised[c * n + i];
      r2[i] += (v - d) ** 2 / channels;
      m1[i] += d / channels;
      m2[i] += (d * d) / channels;
    }
  }
  const er2 = boxMean(r2, w, h, win);
  // The structure normaliser uses a 3× wider window than the residual energy, so it varies more
  // slowly: the map then falls off at the edge of a perturbed patch instead of peaking just outside.
  const e1 = boxMean(m1, w, h, 3 * win);
  const e2 = boxMean(m2, w, h, 3 * win);
  const map = new Float32Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const localSd = Math.sqrt(Math.max(0, e2[i] - e1[i] * e1[i]));
    map[i] = Math.sqrt(er2[i]) / (localSd + floor);
    sum += map[i];
  }
  return { map, score: sum / n };
}

/** Mean over the w×w window centred at each pixel, the window clipped at the borders (integral image). */
function boxMean(src: Float64Array, w: number, h: number, win: number): Float64Array {
  const r = (win - 1) / 2;
  const integral = new Float64Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += src[y * w + x];
      integral[(y + 1) * (w + 1) + x + 1] = integral[y * (w + 1) + x + 1] + row;
    }
  }
  const out = new Float64Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - r);
    const y1 = Math.min(h, y + r + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - r);
      const x1 = Math.min(w, x + r + 1);
      const s = integral[y1 * (w + 1) + x1] - integral[y0 * (w + 1) + x1] - integral[y1 * (w + 1) + x0] + integral[y0 * (w + 1) + x0];
      out[y * w + x] = s / ((y1 - y0) * (x1 - x0));
    }
  }
  return out;
}
