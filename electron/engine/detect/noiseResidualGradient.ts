import { checkPlanarImage, type PlanarImage } from '../defenses/planarImage';
import { windowSum } from '../imaging/windowSum';
import type { NoiseResidualOptions } from './noiseResidual';

/**
 * The noise-residual image score S = mean_p √(boxmean_w(r²)_p) / σ₀ (see noiseResidualMap, single
 * channel) and its gradient ∂S/∂x, for attacks that hide from it. The 3×3 median is piecewise
 * linear: each output equals one window pixel (the one of rank 4), so ∂r_i/∂x_j = δ_ij − [j = m(i)].
 * With E_p the windowed mean of r², ∂S/∂r_i = (r_i / (n·σ₀)) · Σ_{p: i ∈ win(p)} 1/(|win(p)|·√E_p).
 * Median windows use scipy's 'reflect' borders, like medianFilter. Unit of S: σ₀.
 */
export function noiseResidualScoreGradient(image: PlanarImage, options: NoiseResidualOptions = {}): { score: number; grad: Float32Array } {
  checkPlanarImage(image);
  if (image.channels !== 1) throw new Error(`Noise-residual gradient handles 1-channel images, this one has ${image.channels}.`);
  const win = options.window ?? 15;
  const floor = options.noiseFloor ?? 0.01;
  const { width: w, height: h, data: x } = image;
  const n = w * h;
  const r = new Float64Array(n);
  const pick = new Int32Array(n);
  const idx = new Int32Array(9);
  const val = new Float64Array(9);
  for (let y = 0; y < h; y++) {
    for (let xx = 0; xx < w; xx++) {
      let k = 0;
      for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) idx[k++] = reflect(y + dy, h) * w + reflect(xx + dx, w);
      for (let t = 0; t < 9; t++) val[t] = x[idx[t]];
      // index of the rank-4 value (ties: any of them — the same value, the same residual)
      const order = [0, 1, 2, 3, 4, 5, 6, 7, 8].sort((a, b) => val[a] - val[b]);
      const i = y * w + xx;
      pick[i] = idx[order[4]];
      r[i] = x[i] - x[pick[i]];
    }
  }
  const rad = (win - 1) / 2;
  const r2 = Float64Array.from(r, (v) => v * v);
  const e = windowSum(r2, w, h, rad, true);
  let score = 0;
  const inv = new Float64Array(n);
  for (let p = 0; p < n; p++) {
    const sd = Math.sqrt(e[p]);
    score += sd / (n * floor);
    inv[p] = sd > 0 ? 1 / (count(p, w, h, rad) * sd) : 0;
  }
  const spread = windowSum(inv, w, h, rad, false);
  const gr = Float64Array.from(r, (ri, i) => (ri / (n * floor)) * spread[i]);
  const grad = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    grad[i] += gr[i];
    grad[pick[i]] -= gr[i];
  }
  return { score, grad };
}

function reflect(i: number, n: number): number {
  const period = 2 * n;
  let j = ((i % period) + period) % period;
  if (j >= n) j = period - 1 - j;
  return j;
}

function count(p: number, w: number, h: number, rad: number): number {
  const x = p % w;
  const y = Math.floor(p / w);
  return (Math.min(h, y + rad + 1) - Math.max(0, y - rad)) * (Math.min(w, x + rad + 1) - Math.max(0, x - rad));
}
