/**
 * One axis of a separable resize as an explicit sparse matrix A (outSize × inSize, rows summing to 1),
 * so a 2-D resize is Y = A_h·X·A_wᵀ and its adjoint (for gradients) is X̄ = A_hᵀ·Ȳ·A_w.
 *
 * Bilinear with half-pixel centres. Upsampling (and equal size) matches PyTorch
 * `interpolate(mode='bilinear', align_corners=False)` and ONNX Resize linear/half_pixel: source
 * coordinate (i + 0.5)·in/out − 0.5 clamped to the image. Shrinking is antialiased as PIL and PyTorch
 * `antialias=True`: a triangle filter stretched by the scale factor, weights normalised per row.
 */
export interface ResampleMatrix {
  rows: number;
  cols: number;
  /** CSR: row r holds entries offsets[r] … offsets[r+1]−1 of `indices`/`weights`. */
  offsets: Int32Array;
  indices: Int32Array;
  weights: Float64Array;
}

/** Builds the resize matrix for one axis, from `inSize` pixels to `outSize` pixels. */
export function resampleMatrix(inSize: number, outSize: number): ResampleMatrix {
  if (!(Number.isInteger(inSize) && inSize > 0 && Number.isInteger(outSize) && outSize > 0)) {
    throw new Error(`resize: sizes must be positive integers, got ${inSize} → ${outSize}`);
  }
  const scale = inSize / outSize;
  const offsets = new Int32Array(outSize + 1);
  const indices: number[] = [];
  const weights: number[] = [];
  for (let i = 0; i < outSize; i++) {
    if (scale <= 1) {
      const src = Math.min(Math.max((i + 0.5) * scale - 0.5, 0), inSize - 1);
      const j0 = Math.floor(src);
      const f = src - j0;
      indices.push(j0);
      weights.push(1 - f);
      if (f > 0 && j0 + 1 < inSize) {
        indices.push(j0 + 1);
        weights.push(f);
      }
    } else {
      const center = (i + 0.5) * scale;
      const lo = Math.max(Math.floor(center - scale + 0.5), 0);
      const hi = Math.min(Math.floor(center + scale + 0.5), inSize);
      let sum = 0;
      const start = weights.length;
      for (let j = lo; j < hi; j++) {
        const w = Math.max(0, 1 - Math.abs((j - center + 0.5) / scale));
        if (w > 0) {
          indices.push(j);
          weights.push(w);
          sum += w;
        }
      }
      for (let k = start; k < weights.length; k++) weights[k] /= sum;
    }
    offsets[i + 1] = weights.length;
  }
  return { rows: outSize, cols: inSize, offsets, indices: Int32Array.from(indices), weights: Float64Array.from(weights) };
}

/**
 * Y = A_h·X·A_wᵀ for one plane X (inH × inW, row-major) → Y (A_h.rows × A_w.rows). With `clamp01`,
 * X is read as clamp(X, 0, 1) (the pipeline's display clamp, fused here to avoid a full-size copy).
 */
export function resizePlane(x: Float32Array | Float64Array | number[], ah: ResampleMatrix, aw: ResampleMatrix, clamp01 = false): Float64Array {
  const inW = aw.cols;
  const outW = aw.rows;
  const { offsets, weights, indices } = aw;
  const tmp = new Float64Array(ah.cols * outW); // X·A_wᵀ
  for (let r = 0; r < ah.cols; r++) {
    const base = r * inW;
    for (let j = 0; j < outW; j++) {
      const o = offsets[j];
      const e = offsets[j + 1];
      const shift = base + indices[o] - o; // the taps of a row are contiguous columns
      let s = 0;
      if (clamp01) {
        for (let k = o; k < e; k++) {
          const v = x[shift + k];
          s += weights[k] * (v < 0 ? 0 : v > 1 ? 1 : v);
        }
      } else for (let k = o; k < e; k++) s += weights[k] * x[shift + k];
      tmp[r * outW + j] = s;
    }
  }
  const y = new Float64Array(ah.rows * outW);
  for (let i = 0; i < ah.rows; i++) {
    for (let k = ah.offsets[i]; k < ah.offsets[i + 1]; k++) {
      const w = ah.weights[k];
      const src = ah.indices[k] * outW;
      for (let j = 0; j < outW; j++) y[i * outW + j] += w * tmp[src + j];
    }
  }
  return y;
}

/**
 * The adjoint X̄ = A_hᵀ·Ȳ·A_w: carries a gradient on the resized plane back to the input plane.
 * Accumulates into `out` when given (e.g. a Float32Array at native size), else into a new Float64Array.
 */
export function resizePlaneAdjoint<T extends Float32Array | Float64Array = Float64Array>(
  g: ArrayLike<number>,
  ah: ResampleMatrix,
  aw: ResampleMatrix,
  out?: T,
): T {
  const outW = aw.rows;
  const tmp = new Float64Array(ah.cols * outW); // A_hᵀ·Ȳ
  for (let i = 0; i < ah.rows; i++) {
    for (let k = ah.offsets[i]; k < ah.offsets[i + 1]; k++) {
      const w = ah.weights[k];
      const dst = ah.indices[k] * outW;
      for (let j = 0; j < outW; j++) tmp[dst + j] += w * g[i * outW + j];
    }
  }
  const inW = aw.cols;
  const x = out ?? (new Float64Array(ah.cols * inW) as T);
  const { offsets, weights, indices } = aw;
  for (let r = 0; r < ah.cols; r++) {
    const base = r * inW;
    for (let j = 0; j < outW; j++) {
      const v = tmp[r * outW + j];
      if (v === 0) continue;
      const o = offsets[j];
      const e = offsets[j + 1];
      const shift = base + indices[o] - o;
      for (let k = o; k < e; k++) x[shift + k] += weights[k] * v;
    }
  }
  return x;
}
