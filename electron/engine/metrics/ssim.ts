/**
 * Structural similarity (SSIM), Wang, Bovik, Sheikh & Simoncelli 2004, "Image quality assessment:
 * from error visibility to structural similarity", computed as scikit-image's
 * `structural_similarity(a, b, data_range=R, gaussian_weights=True, sigma=1.5,
 * use_sample_covariance=False)`: an 11×11 Gaussian window (σ = 1.5, truncated at 3.5σ, normalised),
 * K1 = 0.01, K2 = 0.03, population covariances, 'reflect' borders, and the mean taken over the image
 * with the 5-pixel border cropped.
 */

/** Inputs of {@link ssim}: two grayscale images of the same size, row-major, in the same units. */
export interface SsimOptions {
  width: number;
  height: number;
  /** Span of possible values in those units (e.g. 255 for 8-bit, 1 for normalised, 4095 for 12-bit). */
  dataRange: number;
}

/** Mean SSIM (dimensionless, ≤ 1) and the per-pixel SSIM map (row-major, full size). */
export interface SsimResult {
  mssim: number;
  map: Float64Array;
}

const SIGMA = 1.5;
const TRUNCATE = 3.5;
const K1 = 0.01;
const K2 = 0.03;
/** Window radius, as scipy.ndimage: int(truncate·σ + 0.5) = 5, so the window is 11 wide. */
export const SSIM_RADIUS = Math.floor(TRUNCATE * SIGMA + 0.5);

function gaussianKernel(): Float64Array {
  const k = new Float64Array(2 * SSIM_RADIUS + 1);
  let sum = 0;
  for (let x = -SSIM_RADIUS; x <= SSIM_RADIUS; x++) {
    k[x + SSIM_RADIUS] = Math.exp((-0.5 * x * x) / (SIGMA * SIGMA));
    sum += k[x + SSIM_RADIUS];
  }
  for (let i = 0; i < k.length; i++) k[i] /= sum;
  return k;
}

/** scipy.ndimage 'reflect' (half-sample symmetric: d c b a | a b c d | d c b a). */
function reflect(i: number, n: number): number {
  const period = 2 * n;
  let j = ((i % period) + period) % period;
  if (j >= n) j = period - 1 - j;
  return j;
}

/** Separable Gaussian filter of one image, rows then columns; `reflect` only where the window leaves the image. */
function gaussianFilter(src: Float64Array, w: number, h: number, k: Float64Array, tmp: Float64Array): Float64Array {
  const out = new Float64Array(w * h);
  const r = SSIM_RADIUS;
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      let s = 0;
      if (x >= r && x < w - r) for (let t = -r; t <= r; t++) s += k[t + r] * src[row + x + t];
      else for (let t = -r; t <= r; t++) s += k[t + r] * src[row + reflect(x + t, w)];
      tmp[row + x] = s;
    }
  }
  // Columns as weighted sums of whole rows, so memory is read in order.
  for (let y = 0; y < h; y++) {
    const dst = y * w;
    for (let t = -r; t <= r; t++) {
      const wt = k[t + r];
      const src = reflect(y + t, h) * w;
      for (let x = 0; x < w; x++) out[dst + x] += wt * tmp[src + x];
    }
  }
  return out;
}

/**
 * SSIM between two grayscale images (any numeric units, both the same). Throws when the sizes
 * disagree, the image is smaller than the 11×11 window, or the data range is not positive.
 */
export function ssim(a: ArrayLike<number>, b: ArrayLike<number>, options: SsimOptions): SsimResult {
  const { width: w, height: h, dataRange } = options;
  const n = w * h;
  if (a.length !== n || b.length !== n) {
    throw new Error(`SSIM: images must both be ${w}×${h} (${n} values); got ${a.length} and ${b.length}`);
  }
  const win = 2 * SSIM_RADIUS + 1;
  if (w < win || h < win) throw new Error(`SSIM: image ${w}×${h} is smaller than the ${win}×${win} Gaussian window`);
  if (!(dataRange > 0)) throw new Error(`SSIM: data range must be positive, got ${dataRange}`);
  const k = gaussianKernel();
  const x = Float64Array.from(a);
  const y = Float64Array.from(b);
  const tmp = new Float64Array(n);
  const filter = (img: Float64Array) => gaussianFilter(img, w, h, k, tmp);
  const product = new Float64Array(n);
  const filterProduct = (p: Float64Array, q: Float64Array) => {
    for (let i = 0; i < n; i++) product[i] = p[i] * q[i];
    return filter(product);
  };
  const ux = filter(x);
  const uy = filter(y);
  const uxx = filterProduct(x, x);
  const uyy = filterProduct(y, y);
  const uxy = filterProduct(x, y);
  const c1 = (K1 * dataRange) ** 2;
  const c2 = (K2 * dataRange) ** 2;
  const map = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const vx = uxx[i] - ux[i] * ux[i];
    const vy = uyy[i] - uy[i] * uy[i];
    const vxy = uxy[i] - ux[i] * uy[i];
    const num = (2 * ux[i] * uy[i] + c1) * (2 * vxy + c2);
    const den = (ux[i] * ux[i] + uy[i] * uy[i] + c1) * (vx + vy + c2);
    map[i] = num / den;
  }
  let sum = 0;
  const r = SSIM_RADIUS;
  for (let yy0 = r; yy0 < h - r; yy0++) for (let xx0 = r; xx0 < w - r; xx0++) sum += map[yy0 * w + xx0];
  return { mssim: sum / ((w - 2 * r) * (h - 2 * r)), map };
}
