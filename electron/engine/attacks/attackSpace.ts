import type { Pipeline } from '../imaging/pipeline';
import { storedRange, storedToModality, type StoredFormat } from '../imaging/storedFormat';
import type { AttackNorm } from './attackTypes';

/** A native image as stored in DICOM: integer stored values, planar channels, and their format. */
export interface StoredImage {
  stored: ArrayLike<number>;
  width: number;
  height: number;
  channels: 1 | 3;
  format: StoredFormat;
}

/**
 * Where an attack runs (ARCHITECTURE.md principle 2): points are native images in normalised display
 * units; `toModelInput`/`backward` carry them to the model and gradients back; `quantise` turns a point
 * into what storage will hold, keeping the budget, and returns it re-read in normalised units.
 */
export interface AttackSpace {
  x0: Float32Array;
  lower: Float32Array;
  upper: Float32Array;
  width: number;
  height: number;
  channels: number;
  /** Stored units per normalised unit (window width / |slope|; 1 for raw model input). */
  storedPerUnit: number;
  /**
   * Normalised units per stored unit when `quantise` rounds to stored integers (absent for float
   * storage): a change that is a whole multiple of it survives quantisation exactly.
   */
  quantum?: number;
  toModelInput(u: Float32Array): Float32Array;
  /** Adjoint of `toModelInput` at `u` (default: the last point passed to it). */
  backward(gradModelInput: Float32Array, u?: Float32Array): Float32Array;
  /** Storage form of `u` and `u` as re-read from it. `eps` (with `norm`) is enforced when given. */
  quantise(u: Float32Array, eps: number | undefined, norm: AttackNorm): { stored: Float64Array; u: Float32Array };
}

/**
 * The attack space of a DICOM image seen through a pipeline. The box is the valid stored range, narrowed
 * to the display range [0, 1] widened to include each clean value (moving a pixel further outside the
 * window cannot change the model's input). Quantisation rounds each stored change to the nearest
 * integer, then shrinks it toward the original where that would break the L∞ or L2 budget.
 * `pinExtremes` (for a per-image min–max mapping) keeps the pixels holding the image's minimum and
 * maximum unchanged, so the attacked file maps exactly as the original did and its re-score is
 * what a fresh prediction on the written file gives.
 */
export function storedImageSpace(pipeline: Pipeline, image: StoredImage, pinExtremes = false): AttackSpace {
  const { format } = image;
  const stored0 = Float64Array.from(image.stored);
  const u0 = pipeline.toNormalised(storedToModality(stored0, format));
  const [smin, smax] = storedRange(format);
  const m = format.rescaleSlope;
  const [ua, ub] = Array.from(pipeline.toNormalised([smin * m + format.rescaleIntercept, smax * m + format.rescaleIntercept])).sort((a, b) => a - b);
  const lower = u0.map((v) => Math.max(ua, Math.min(v, 0)));
  const upper = u0.map((v) => Math.min(ub, Math.max(v, 1)));
  if (pinExtremes) {
    let mn = Infinity;
    let mx = -Infinity;
    for (const v of stored0) {
      mn = Math.min(mn, v);
      mx = Math.max(mx, v);
    }
    stored0.forEach((v, i) => {
      if (v === mn || v === mx) lower[i] = upper[i] = u0[i];
    });
  }
  const storedPerUnit = pipeline.unitRange / Math.abs(m);
  const perStored = pipeline.modalityPerUnit / m; // normalised units → stored units, signed
  return {
    x0: u0,
    lower,
    upper,
    width: image.width,
    height: image.height,
    channels: image.channels,
    storedPerUnit,
    quantum: 1 / storedPerUnit,
    toModelInput: (u) => pipeline.forwardNormalised(u),
    backward: (g, u) => pipeline.backwardNormalised(g, u),
    quantise(u, eps, norm) {
      // Plain loops: TypedArray.from with a map function is several times slower on 512² images.
      const q = new Float64Array(u.length);
      for (let i = 0; i < q.length; i++) q[i] = Math.round((u[i] - u0[i]) * perStored);
      if (eps !== undefined && norm === 'linf') {
        const cap = Math.floor(eps * storedPerUnit + 1e-9);
        for (let i = 0; i < q.length; i++) q[i] = Math.max(-cap, Math.min(cap, q[i]));
      } else if (eps !== undefined) {
        let sq = 0;
        for (const v of q) sq += v * v;
        if (Math.sqrt(sq) > eps * storedPerUnit + 1e-9) for (let i = 0; i < q.length; i++) q[i] = Math.trunc((u[i] - u0[i]) * perStored);
      }
      const stored = new Float64Array(q.length);
      const modality = new Float32Array(q.length); // as storedToModality, so a re-read file maps identically
      for (let i = 0; i < q.length; i++) {
        stored[i] = Math.max(smin, Math.min(smax, stored0[i] + q[i]));
        modality[i] = stored[i] * format.rescaleSlope + format.rescaleIntercept;
      }
      return { stored, u: pipeline.toNormalised(modality) };
    },
  };
}

/**
 * The attack space of a raw model input (a `.npy`): the input itself, clipped to [0, 1], with the
 * identity as pipeline and no quantisation (float32 storage). `shape` is the model input shape.
 */
export function rawInputSpace(x: Float32Array, shape: readonly number[]): AttackSpace {
  const x0 = x.map((v) => Math.min(1, Math.max(0, v)));
  const width = shape[shape.length - 1] ?? x.length;
  const height = shape.length >= 2 ? shape[shape.length - 2] : 1;
  return {
    x0,
    lower: new Float32Array(x.length),
    upper: new Float32Array(x.length).fill(1),
    width,
    height,
    channels: x.length / (width * height),
    storedPerUnit: 1,
    toModelInput: (u) => u,
    backward: (g) => g,
    quantise: (u) => ({ stored: Float64Array.from(u), u: Float32Array.from(u) }),
  };
}
