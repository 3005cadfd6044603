import { mapPlanes, type PlanarImage } from './planarImage';

/**
 * k×k median filter, per channel, as `scipy.ndimage.median_filter(x, size=k)` (the smoothing
 * squeezer of Xu et al. 2018, whose reference code uses scipy): 'reflect' borders (d c b a | a b c d),
 * the window covering offsets −⌊k/2⌋ … k−1−⌊k/2⌋, and the value of rank ⌊k²/2⌋ (0-based) among the
 * sorted window — the upper median when k is even, so k = 2 takes the 3rd smallest of 4.
 *
 * @param image display-range image ([0, 1]); any units work
 * @param size window side k ≥ 1, in pixels
 */
export function medianFilter(image: PlanarImage, size: number): PlanarImage {
  if (!Number.isInteger(size) || size < 1) throw new Error(`Median filter size must be a positive integer, got ${size}.`);
  return mapPlanes(image, (plane, w, h) => medianPlane(plane, w, h, size));
}

function medianPlane(src: Float32Array, w: number, h: number, k: number): Float32Array {
  const out = new Float32Array(w * h);
  const lo = -Math.floor(k / 2);
  const rank = Math.floor((k * k) / 2);
  const win = new Float32Array(k * k);
  const xi = new Int32Array(k);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      for (let dx = 0; dx < k; dx++) xi[dx] = reflect(x + lo + dx, w);
      let n = 0;
      for (let dy = 0; dy < k; dy++) {
        const row = reflect(y + lo + dy, h) * w;
        for (let dx = 0; dx < k; dx++) win[n++] = src[row + xi[dx]];
      }
      out[y * w + x] = select(win, rank);
    }
  }
  return out;
}

/** scipy 'reflect' (half-sample symmetric): index −1 → 0, n → n−1. */
function reflect(i: number, n: number): number {
  const period = 2 * n;
  let j = ((i % period) + period) % period;
  if (j >= n) j = period - 1 - j;
  return j;
}

/** The element of 0-based rank `r` (Hoare quickselect, partially reorders `a`). */
function select(a: Float32Array, r: number): number {
  let left = 0;
  let right = a.length - 1;
  while (left < right) {
    const pivot = a[(left + right) >> 1];
    let i = left;
    let j = right;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (r <= j) right = j;
    else if (r >= i) left = i;
    else return a[r];
  }
  return a[r];
}
