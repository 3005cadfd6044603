import type { IntensityMapping } from './intensityMapping';
import { resampleMatrix, resizePlane, resizePlaneAdjoint, type ResampleMatrix } from './resampleMatrix';

/** Geometry and normalisation of a model input, as metadata.json states them. */
export interface PipelineConfig {
  /** Native image size in pixels and channels (planar: channel-major, then rows). */
  nativeWidth: number;
  nativeHeight: number;
  nativeChannels: 1 | 3;
  /** Model input size (NCHW, N = 1). */
  inputWidth: number;
  inputHeight: number;
  inputChannels: 1 | 3;
  /** Model input layout: NCHW (PyTorch, MONAI; default) or NHWC (TensorFlow / tf2onnx exports). */
  layout?: 'nchw' | 'nhwc';
  /** Per-model-channel mean and std applied last: (x − mean)/std, in model units. Default 0 and 1; one value is used for every channel. */
  mean?: readonly number[];
  std?: readonly number[];
  mapping: IntensityMapping;
}

/**
 * The differentiable path from a native-resolution image to a model input:
 * modality → normalised u = (v − lo)/(hi − lo) → clamp to [0, 1] → model units → resize
 * (Y = A_h·X·A_wᵀ, bilinear, antialiased when shrinking) → channels (replicate 1→3, average 3→1)
 * → (x − mean)/std. `backward` applies the exact adjoint of the last `forward` (the clamp passes
 * gradient where 0 ≤ u ≤ 1), so gradients land on the native pixels.
 */
export class Pipeline {
  readonly config: PipelineConfig;
  private readonly ah: ResampleMatrix;
  private readonly aw: ResampleMatrix;
  private readonly mean: number[];
  private readonly std: number[];
  private last: Float32Array | Float64Array | null = null;

  constructor(config: PipelineConfig) {
    this.config = config;
    this.ah = resampleMatrix(config.nativeHeight, config.inputHeight);
    this.aw = resampleMatrix(config.nativeWidth, config.inputWidth);
    const c = config.inputChannels;
    const perChannel = (v: readonly number[] | undefined, fill: number): number[] =>
      v === undefined ? new Array(c).fill(fill) : v.length === 1 ? new Array(c).fill(v[0]) : [...v];
    this.mean = perChannel(config.mean, 0);
    this.std = perChannel(config.std, 1);
    if (this.mean.length !== c || this.std.length !== c) {
      throw new Error(`normalisation needs 1 or ${c} mean and std values (per model channel), got ${this.mean.length} and ${this.std.length}`);
    }
    if (this.std.some((s) => !(s !== 0 && Number.isFinite(s)))) throw new Error(`normalisation std must be finite and non-zero, got [${this.std.join(', ')}]`);
  }

  /** Modality units per normalised unit (hi − lo): eps 0.02 is 0.02 × this many modality units. */
  get unitRange(): number {
    return this.config.mapping.hi - this.config.mapping.lo;
  }

  /** Number of values in the native image (channels × height × width). */
  get nativeSize(): number {
    const c = this.config;
    return c.nativeChannels * c.nativeHeight * c.nativeWidth;
  }

  /** Number of values in one model input (channels × height × width). */
  get inputSize(): number {
    const c = this.config;
    return c.inputChannels * c.inputHeight * c.inputWidth;
  }

  /** Modality units per normalised unit with its sign: dv/du (negative for MONOCHROME1). */
  get modalityPerUnit(): number {
    return this.config.mapping.invert ? -this.unitRange : this.unitRange;
  }

  /** Modality values → normalised units u (not clamped); MONOCHROME1 is inverted. */
  toNormalised(modality: ArrayLike<number>): Float32Array {
    const { lo, hi, invert } = this.config.mapping;
    const r = this.unitRange;
    return invert ? Float32Array.from(modality, (v) => (hi - v) / r) : Float32Array.from(modality, (v) => (v - lo) / r);
  }

  /** Normalised units → modality values. */
  fromNormalised(u: ArrayLike<number>): Float32Array {
    const { lo, hi, invert } = this.config.mapping;
    const r = this.unitRange;
    return invert ? Float32Array.from(u, (v) => hi - v * r) : Float32Array.from(u, (v) => lo + v * r);
  }

  /** Native modality image → model input (Float32, NCHW). */
  forward(modality: ArrayLike<number>): Float32Array {
    return this.forwardNormalised(this.toNormalised(modality));
  }

  /** Gradient w.r.t. the model input → gradient w.r.t. the native modality image (per modality unit). */
  backward(gradInput: ArrayLike<number>): Float32Array {
    const g = this.backwardNormalised(gradInput);
    const r = this.modalityPerUnit;
    for (let i = 0; i < g.length; i++) g[i] /= r;
    return g;
  }

  /**
   * Native image in normalised units u → model input (Float32, NCHW). `u` is kept (not copied) for
   * the next `backward`, which reads its clamp mask: do not modify it in between.
   */
  forwardNormalised(u: Float32Array | Float64Array): Float32Array {
    const c = this.config;
    if (u.length !== this.nativeSize) {
      throw new Error(`pipeline: image has ${u.length} values, expected ${c.nativeChannels}×${c.nativeHeight}×${c.nativeWidth}`);
    }
    const { outMin, outMax } = c.mapping;
    const plane = c.nativeHeight * c.nativeWidth;
    const resized: Float64Array[] = [];
    for (let ch = 0; ch < c.nativeChannels; ch++) {
      // Rows of A sum to 1, so resizing clamp(u) and then mapping onto [outMin, outMax] is exact.
      const r = resizePlane(c.nativeChannels === 1 ? u : u.subarray(ch * plane, (ch + 1) * plane), this.ah, this.aw, true);
      for (let i = 0; i < r.length; i++) {
        if (Number.isNaN(r[i])) throw new Error('pipeline: the image contains NaN values');
        r[i] = outMin + r[i] * (outMax - outMin);
      }
      resized.push(r);
    }
    this.last = u;
    const out = new Float32Array(this.inputSize);
    const op = c.inputHeight * c.inputWidth;
    for (let k = 0; k < c.inputChannels; k++) {
      for (let i = 0; i < op; i++) {
        let v: number;
        if (c.nativeChannels === c.inputChannels) v = resized[k][i];
        else if (c.nativeChannels === 1) v = resized[0][i];
        else v = (resized[0][i] + resized[1][i] + resized[2][i]) / 3;
        out[c.layout === 'nhwc' ? i * c.inputChannels + k : k * op + i] = (v - this.mean[k]) / this.std[k];
      }
    }
    return out;
  }

  /**
   * Gradient w.r.t. the model input → gradient w.r.t. the normalised native image u: the adjoint of
   * the forward at `at` (default: the input of the last forward; only its clamp mask matters).
   */
  backwardNormalised(gradInput: ArrayLike<number>, at: Float32Array | Float64Array | null = this.last): Float32Array {
    const c = this.config;
    const u = at;
    if (!u) throw new Error('pipeline: backward called before forward');
    if (gradInput.length !== this.inputSize) throw new Error(`pipeline: gradient has ${gradInput.length} values, expected ${this.inputSize}`);
    const op = c.inputHeight * c.inputWidth;
    const gResized: Float64Array[] = [];
    for (let ch = 0; ch < c.nativeChannels; ch++) gResized.push(new Float64Array(op));
    for (let k = 0; k < c.inputChannels; k++) {
      for (let i = 0; i < op; i++) {
        const g = gradInput[c.layout === 'nhwc' ? i * c.inputChannels + k : k * op + i] / this.std[k];
        if (c.nativeChannels === c.inputChannels) gResized[k][i] += g;
        else if (c.nativeChannels === 1) gResized[0][i] += g;
        else for (let ch = 0; ch < 3; ch++) gResized[ch][i] += g / 3;
      }
    }
    const { outMin, outMax } = c.mapping;
    const plane = c.nativeHeight * c.nativeWidth;
    const out = new Float32Array(this.nativeSize);
    for (let ch = 0; ch < c.nativeChannels; ch++) {
      const g = resizePlaneAdjoint(gResized[ch], this.ah, this.aw, out.subarray(ch * plane, (ch + 1) * plane));
      // The clamp passes the gradient where 0 ≤ u ≤ 1 (one-sided at the edges, so clipped pixels can move back).
      for (let i = 0; i < plane; i++) {
        const v = u[ch * plane + i];
        g[i] = v >= 0 && v <= 1 ? g[i] * (outMax - outMin) : 0;
      }
    }
    return out;
  }
}
