import { problemGeometry, type AttackOutcome, type AttackProblem, type AttackSettings, type ImageGeometry } from './attackTypes';
import { parametricAttack, type PerturbationModel } from './parametricAttack';

/** Bilinear weights of pixel index k (of n) on a control axis of g points spanning the image. */
function axisWeights(k: number, n: number, g: number): [number, number, number] {
  const t = n > 1 ? (k * (g - 1)) / (n - 1) : 0;
  const i = Math.min(g - 2, Math.floor(t));
  return g === 1 ? [0, 0, 0] : [i, i + 1, t - i];
}

/**
 * A smooth displacement field: control vectors (dy, dx) in mm on a g×g grid spanning the image,
 * bilinearly interpolated to every pixel (so no pixel moves further than the largest control vector),
 * converted to pixels with the spacing, and the image resampled bilinearly at (row + dy, col + dx)
 * with edge values repeated. θ = [dy (g·g), dx (g·g)] in mm.
 */
export function elasticModel(x0: Float32Array, geom: ImageGeometry, maxMm: number, grid: number, spacingMm: [number, number]): PerturbationModel & { displacement: (theta: Float64Array) => { dy: Float64Array; dx: Float64Array } } {
  if (!(maxMm > 0)) throw new Error(`the elastic displacement budget must be > 0 mm, got ${maxMm}`);
  if (!(Number.isInteger(grid) && grid >= 2 && grid <= 64)) throw new Error(`grid must be a whole number from 2 to 64, got ${grid}`);
  const [sr, sc] = spacingMm;
  if (!(sr > 0 && sc > 0)) throw new Error(`pixel spacing must be positive mm, got ${sr} × ${sc}`);
  const { height: h, width: w, channels } = geom;
  const plane = h * w;
  const rowW = Array.from({ length: h }, (_, r) => axisWeights(r, h, grid));
  const colW = Array.from({ length: w }, (_, c) => axisWeights(c, w, grid));
  const cells = grid * grid;
  const upsample = (ctrl: Float64Array, offset: number, out: Float64Array, perMm: number) => {
    for (let r = 0; r < h; r++) {
      const [r0, r1, fr] = rowW[r];
      for (let c = 0; c < w; c++) {
        const [c0, c1, fc] = colW[c];
        const v = (1 - fr) * ((1 - fc) * ctrl[offset + r0 * grid + c0] + fc * ctrl[offset + r0 * grid + c1]) + fr * ((1 - fc) * ctrl[offset + r1 * grid + c0] + fc * ctrl[offset + r1 * grid + c1]);
        out[r * w + c] = v / perMm;
      }
    }
  };
  const displacement = (theta: Float64Array) => {
    const dy = new Float64Array(plane);
    const dx = new Float64Array(plane);
    upsample(theta, 0, dy, sr);
    upsample(theta, cells, dx, sc);
    return { dy, dx };
  };
  const sample = (ch: number, y: number, x: number) => {
    const yc = Math.min(h - 1, Math.max(0, y));
    const xc = Math.min(w - 1, Math.max(0, x));
    const y0 = Math.min(h - 2, Math.floor(yc));
    const x0i = Math.min(w - 2, Math.floor(xc));
    const fy = yc - y0;
    const fx = xc - x0i;
    const at = (r: number, c: number) => x0[ch * plane + r * w + c];
    const a = at(y0, x0i);
    const b = at(y0, x0i + 1);
    const c = at(y0 + 1, x0i);
    const d = at(y0 + 1, x0i + 1);
    const inY = y >= 0 && y <= h - 1 ? 1 : 0; // outside, the clamped value does not move with y
    const inX = x >= 0 && x <= w - 1 ? 1 : 0;
    return {
      v: (1 - fy) * ((1 - fx) * a + fx * b) + fy * ((1 - fx) * c + fx * d),
      dy: inY * ((1 - fx) * (c - a) + fx * (d - b)),
      dx: inX * ((1 - fy) * (b - a) + fy * (d - c)),
    };
  };
  if (h < 2 || w < 2) throw new Error('the elastic attack needs an image of at least 2×2 pixels');
  return {
    scale: maxMm,
    displacement,
    init: () => new Float64Array(2 * cells),
    apply(theta) {
      const { dy, dx } = displacement(theta);
      const out = new Float32Array(x0.length);
      for (let ch = 0; ch < channels; ch++) for (let p = 0; p < plane; p++) out[ch * plane + p] = sample(ch, Math.floor(p / w) + dy[p], (p % w) + dx[p]).v;
      return out;
    },
    adjoint(theta, gx) {
      const { dy, dx } = displacement(theta);
      const gy = new Float64Array(plane);
      const gxp = new Float64Array(plane);
      for (let ch = 0; ch < channels; ch++) {
        for (let p = 0; p < plane; p++) {
          const s = sample(ch, Math.floor(p / w) + dy[p], (p % w) + dx[p]);
          gy[p] += gx[ch * plane + p] * s.dy;
          gxp[p] += gx[ch * plane + p] * s.dx;
        }
      }
      // Transpose of the bilinear upsampling, then mm → pixels (÷ spacing).
      const out = new Float64Array(2 * cells);
      for (let r = 0; r < h; r++) {
        const [r0, r1, fr] = rowW[r];
        for (let c = 0; c < w; c++) {
          const [c0, c1, fc] = colW[c];
          const p = r * w + c;
          const weights: [number, number][] = [[r0 * grid + c0, (1 - fr) * (1 - fc)], [r0 * grid + c1, (1 - fr) * fc], [r1 * grid + c0, fr * (1 - fc)], [r1 * grid + c1, fr * fc]];
          for (const [k, wt] of weights) {
            out[k] += (wt * gy[p]) / sr;
            out[cells + k] += (wt * gxp[p]) / sc;
          }
        }
      }
      return out;
    },
    project(theta) {
      for (let k = 0; k < cells; k++) {
        const n = Math.hypot(theta[k], theta[cells + k]);
        if (n > maxMm) {
          theta[k] *= maxMm / n;
          theta[cells + k] *= maxMm / n;
        }
      }
    },
  };
}

/**
 * Adversarial elastic deformation (Chen, Bentley, Mori, Misawa, Fujiwara & Rueckert, SASHIMI 2019,
 * "Intelligent image synthesis to attack a segmentation CNN using adversarial learning": geometric
 * deformations that mimic anatomical variation): a smooth displacement field on a `grid`×`grid` control
 * grid (default 8), optimised by projected gradient ascent through bilinear resampling. Budget:
 * `displacementMm`, the largest displacement of any pixel in mm (default 2), converted with the image's
 * Pixel Spacing / Imager Pixel Spacing (`spacingMm`, required).
 */
export async function elastic(problem: AttackProblem, settings: AttackSettings): Promise<AttackOutcome> {
  if (!settings.spacingMm) throw new Error('the elastic attack needs the pixel spacing in mm; this image has neither Pixel Spacing (0028,0030) nor Imager Pixel Spacing (0018,1164)');
  const model = elasticModel(problem.x0, problemGeometry(problem), settings.displacementMm ?? 2, settings.grid ?? 8, settings.spacingMm);
  return parametricAttack(problem, settings, model);
}
