/** Integrated Gradients baselines offered to the user (Sturmfels, Lundberg & Lee 2020, Distill). */
export const BASELINE_KINDS = ['black', 'blurred', 'constant'] as const;
export type BaselineKind = (typeof BASELINE_KINDS)[number];

function gaussianKernel(sigma: number): Float64Array {
  const radius = Math.max(1, Math.ceil(3 * sigma));
  const k = new Float64Array(2 * radius + 1);
  let sum = 0;
  for (let i = -radius; i <= radius; i++) sum += k[i + radius] = Math.exp(-(i * i) / (2 * sigma * sigma));
  return k.map((v) => v / sum);
}

/** Separable Gaussian blur of one plane with edge replication (σ in pixels). */
function blurPlane(plane: Float32Array, height: number, width: number, sigma: number): Float32Array {
  const k = gaussianKernel(sigma);
  const r = (k.length - 1) / 2;
  const tmp = new Float32Array(plane.length);
  const out = new Float32Array(plane.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let i = -r; i <= r; i++) acc += k[i + r] * plane[y * width + Math.min(width - 1, Math.max(0, x + i))];
      tmp[y * width + x] = acc;
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let acc = 0;
      for (let i = -r; i <= r; i++) acc += k[i + r] * tmp[Math.min(height - 1, Math.max(0, y + i)) * width + x];
      out[y * width + x] = acc;
    }
  }
  return out;
}

/**
 * The IG baseline x′ for one sample in model-input space ([C, H, W]):
 * - `black`: every value at the bottom of the model's input range (a black image after normalisation,
 *   not the number 0, which is mid-grey for mean/std-normalised inputs);
 * - `blurred`: the image blurred with a Gaussian of σ = 5 % of its larger side, so only fine detail is
 *   attributed (Sturmfels et al. 2020);
 * - `constant`: the user's value in model-input units (e.g. −1024 for air in a HU-scaled model).
 */
export function makeBaseline(kind: BaselineKind, x: Float32Array, shape: readonly number[], inputRange: readonly [number, number], value?: number): Float32Array {
  const [channels, height, width] = shape;
  if (x.length !== channels * height * width) throw new Error(`baseline: the input has ${x.length} values, expected ${shape.join('×')}`);
  if (kind === 'black') return new Float32Array(x.length).fill(inputRange[0]);
  if (kind === 'constant') {
    if (value === undefined || !Number.isFinite(value)) throw new Error('a constant baseline needs a finite value in model-input units');
    return new Float32Array(x.length).fill(value);
  }
  const sigma = 0.05 * Math.max(height, width);
  const plane = height * width;
  const out = new Float32Array(x.length);
  for (let c = 0; c < channels; c++) out.set(blurPlane(x.subarray(c * plane, (c + 1) * plane), height, width, sigma), c * plane);
  return out;
}
