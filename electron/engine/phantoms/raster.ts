/**
 * Raster helpers for the phantom: polygon fill, separable blur and smooth closed curves. All images
 * are row-major Float32Array / Uint8Array of width × height pixels; coordinates are in pixels with
 * (0, 0) the centre of the top-left pixel.
 */

/** A point in pixel coordinates. */
export interface Point {
  x: number;
  y: number;
}

/**
 * A closed Catmull–Rom spline through `points`, sampled `perSegment` times between control points,
 * so a few anatomical landmarks become a smooth outline.
 */
export function smoothClosedCurve(points: readonly Point[], perSegment = 12): Point[] {
  const n = points.length;
  const out: Point[] = [];
  for (let i = 0; i < n; i++) {
    const p0 = points[(i - 1 + n) % n];
    const p1 = points[i];
    const p2 = points[(i + 1) % n];
    const p3 = points[(i + 2) % n];
    for (let s = 0; s < perSegment; s++) {
      const t = s / perSegment;
      const t2 = t * t;
      const t3 = t2 * t;
      const f = (a: number, b: number, c: number, d: number) =>
        0.5 * (2 * b + (-a + c) * t + (2 * a - 5 * b + 4 * c - d) * t2 + (-a + 3 * b - 3 * c + d) * t3);
      out.push({ x: f(p0.x, p1.x, p2.x, p3.x), y: f(p0.y, p1.y, p2.y, p3.y) });
    }
  }
  return out;
}

/** Sets `mask` to 1 inside the polygon (even–odd rule, pixel centres), scanline by scanline. */
export function fillPolygon(mask: Uint8Array, width: number, height: number, poly: readonly Point[]): void {
  const xs: number[] = [];
  for (let y = 0; y < height; y++) {
    xs.length = 0;
    for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
      const a = poly[i];
      const b = poly[j];
      if (a.y <= y !== b.y <= y) xs.push(a.x + ((y - a.y) / (b.y - a.y)) * (b.x - a.x));
    }
    xs.sort((p, q) => p - q);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const x0 = Math.max(0, Math.ceil(xs[k]));
      const x1 = Math.min(width - 1, Math.floor(xs[k + 1]));
      for (let x = x0; x <= x1; x++) mask[y * width + x] = 1;
    }
  }
}

/** One box-blur pass of radius r along rows then columns, edges clamped; in place. */
function boxBlur(img: Float32Array, width: number, height: number, r: number, tmp: Float32Array): void {
  const norm = 1 / (2 * r + 1);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    let acc = 0;
    for (let k = -r; k <= r; k++) acc += img[row + Math.min(width - 1, Math.max(0, k))];
    for (let x = 0; x < width; x++) {
      tmp[row + x] = acc * norm;
      acc += img[row + Math.min(width - 1, x + r + 1)] - img[row + Math.max(0, x - r)];
    }
  }
  for (let x = 0; x < width; x++) {
    let acc = 0;
    for (let k = -r; k <= r; k++) acc += tmp[Math.min(height - 1, Math.max(0, k)) * width + x];
    for (let y = 0; y < height; y++) {
      img[y * width + x] = acc * norm;
      acc += tmp[Math.min(height - 1, y + r + 1) * width + x] - tmp[Math.max(0, y - r) * width + x];
    }
  }
}

/**
 * Approximate Gaussian blur of standard deviation `sigma` pixels (three box passes, Wells 1986),
 * in place. sigma < 0.5 leaves the image unchanged.
 */
export function gaussianBlur(img: Float32Array, width: number, height: number, sigma: number): void {
  if (sigma < 0.5) return;
  // Three boxes of radius r have variance 3·((2r+1)²−1)/12 = r(r+1).
  const r = Math.max(1, Math.round((Math.sqrt(1 + 4 * sigma * sigma) - 1) / 2));
  const tmp = new Float32Array(img.length);
  for (let pass = 0; pass < 3; pass++) boxBlur(img, width, height, r, tmp);
}
