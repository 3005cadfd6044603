/**
 * Sum (or mean) over the (2·rad+1)² window centred at each pixel of a row-major w×h image, the
 * window clipped at the borders, in O(w·h) through an integral image (summed-area table, Crow 1984).
 * @param rad window radius in pixels; @param mean divide by the clipped window's pixel count.
 */
export function windowSum(src: Float64Array, w: number, h: number, rad: number, mean: boolean): Float64Array {
  const I = new Float64Array((w + 1) * (h + 1));
  for (let y = 0; y < h; y++) {
    let row = 0;
    for (let x = 0; x < w; x++) {
      row += src[y * w + x];
      I[(y + 1) * (w + 1) + x + 1] = I[y * (w + 1) + x + 1] + row;
    }
  }
  const out = new Float64Array(w * h);
  for (let y = 0; y < h; y++) {
    const y0 = Math.max(0, y - rad);
    const y1 = Math.min(h, y + rad + 1);
    for (let x = 0; x < w; x++) {
      const x0 = Math.max(0, x - rad);
      const x1 = Math.min(w, x + rad + 1);
      const s = I[y1 * (w + 1) + x1] - I[y0 * (w + 1) + x1] - I[y1 * (w + 1) + x0] + I[y0 * (w + 1) + x0];
      out[y * w + x] = mean ? s / ((y1 - y0) * (x1 - x0)) : s;
    }
  }
  return out;
}
