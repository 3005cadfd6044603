import { mapPlanes, type PlanarImage } from './planarImage';

/** Options for {@link tvDenoise}. */
export interface TvDenoiseOptions {
  /** ROF weight λ in display units: larger smooths more. Default 0.05. */
  weight?: number;
  /** Maximum dual iterations. Default 200. */
  maxIterations?: number;
  /** Stop when no dual variable moves more than this in one iteration. Default 1e-5. */
  tolerance?: number;
}

/**
 * Total-variation denoising (Rudin–Osher–Fatemi) by Chambolle's 2004 projection algorithm
 * ("An algorithm for total variation minimization and applications", JMIV 20:89), per channel:
 * u = argmin ‖u − g‖²/(2λ) + TV(u), TV isotropic with forward differences (zero past the last
 * row/column). The dual field p is iterated as p ← (p + τ∇(div p − g/λ)) / (1 + τ|∇(div p − g/λ)|)
 * and u = g − λ div p. τ = 1/4: the paper proves convergence for τ ≤ 1/8 and notes that 1/4 works in
 * practice (as scikit-image uses); it converges about twice as fast.
 *
 * @param image display-range image ([0, 1])
 */
export function tvDenoise(image: PlanarImage, options: TvDenoiseOptions = {}): PlanarImage {
  const weight = options.weight ?? 0.05;
  const maxIterations = options.maxIterations ?? 200;
  const tolerance = options.tolerance ?? 1e-5;
  if (!(weight >= 0)) throw new Error(`TV weight must be ≥ 0, got ${weight}.`);
  if (weight === 0) return mapPlanes(image, (p) => Float32Array.from(p));
  return mapPlanes(image, (plane, w, h) => chambolle(plane, w, h, weight, maxIterations, tolerance));
}

function chambolle(g: Float32Array, w: number, h: number, lambda: number, maxIter: number, tol: number): Float32Array {
  const n = w * h;
  const tau = 1 / 4;
  const px = new Float64Array(n);
  const py = new Float64Array(n);
  const div = new Float64Array(n);
  const term = new Float64Array(n);
  for (let iter = 0; iter < maxIter; iter++) {
    divergence(px, py, w, h, div);
    for (let i = 0; i < n; i++) term[i] = div[i] - g[i] / lambda;
    let maxChange = 0;
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const i = y * w + x;
        const gx = x < w - 1 ? term[i + 1] - term[i] : 0;
        const gy = y < h - 1 ? term[i + w] - term[i] : 0;
        const denom = 1 + tau * Math.hypot(gx, gy);
        const nx = (px[i] + tau * gx) / denom;
        const ny = (py[i] + tau * gy) / denom;
        maxChange = Math.max(maxChange, Math.abs(nx - px[i]), Math.abs(ny - py[i]));
        px[i] = nx;
        py[i] = ny;
      }
    }
    if (maxChange < tol) break;
  }
  divergence(px, py, w, h, div);
  const u = new Float32Array(n);
  for (let i = 0; i < n; i++) u[i] = g[i] - lambda * div[i];
  return u;
}

/** Discrete divergence, the negative adjoint of the forward-difference gradient. */
function divergence(px: Float64Array, py: Float64Array, w: number, h: number, out: Float64Array): void {
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const i = y * w + x;
      const dx = (x < w - 1 ? px[i] : 0) - (x > 0 ? px[i - 1] : 0);
      const dy = (y < h - 1 ? py[i] : 0) - (y > 0 ? py[i - w] : 0);
      out[i] = dx + dy;
    }
  }
}
