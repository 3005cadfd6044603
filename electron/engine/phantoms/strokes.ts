/**
 * Drawing of elongated structures into a float image (stored units, added in place): bones as bands
 * with a bright cortical rim along x-monotone curves, and vessels as tapered Gaussian-profile segments.
 */
import type { Band } from './anatomy';
import type { Point } from './raster';

/**
 * Adds a bone band: across the band the profile is 0.55 + 0.45·d² (d = distance to the centre line
 * over the half-width), so the cortex is brighter than the medulla as on a radiograph; the ends fade.
 */
export function drawBand(img: Float32Array, size: number, band: Band): void {
  const pts = [...band.points].sort((a, b) => a.x - b.x);
  const half = band.width / 2;
  const x0 = Math.max(0, Math.ceil(pts[0].x));
  const x1 = Math.min(size - 1, Math.floor(pts[pts.length - 1].x));
  const span = pts[pts.length - 1].x - pts[0].x;
  let seg = 0;
  for (let x = x0; x <= x1; x++) {
    while (seg < pts.length - 2 && pts[seg + 1].x < x) seg++;
    const a = pts[seg];
    const b = pts[seg + 1];
    const dx = b.x - a.x || 1e-6;
    const slope = (b.y - a.y) / dx;
    const yc = a.y + slope * (x - a.x);
    const cos = 1 / Math.sqrt(1 + slope * slope);
    const along = (x - pts[0].x) / span;
    const fade = Math.min(1, along / 0.08, (1 - along) / 0.08);
    const reach = half / cos + 1;
    const ya = Math.max(0, Math.ceil(yc - reach));
    const yb = Math.min(size - 1, Math.floor(yc + reach));
    for (let y = ya; y <= yb; y++) {
      const d = (Math.abs(y - yc) * cos) / half;
      if (d >= 1 + 1 / half) continue;
      const edge = Math.min(1, (1 + 1 / half - d) * half);
      img[y * size + x] += band.strength * fade * edge * (0.55 + 0.45 * Math.min(1, d * d));
    }
  }
}

/**
 * Adds a vessel segment from a to b whose Gaussian cross-section has σ going from wa to wb pixels
 * and peak value `strength` (stored units).
 */
export function drawVessel(img: Float32Array, size: number, a: Point, b: Point, wa: number, wb: number, strength: number): void {
  const pad = 3 * Math.max(wa, wb) + 1;
  const xa = Math.max(0, Math.floor(Math.min(a.x, b.x) - pad));
  const xb = Math.min(size - 1, Math.ceil(Math.max(a.x, b.x) + pad));
  const ya = Math.max(0, Math.floor(Math.min(a.y, b.y) - pad));
  const yb = Math.min(size - 1, Math.ceil(Math.max(a.y, b.y) + pad));
  const vx = b.x - a.x;
  const vy = b.y - a.y;
  const len2 = vx * vx + vy * vy || 1e-6;
  for (let y = ya; y <= yb; y++) {
    for (let x = xa; x <= xb; x++) {
      const t = Math.max(0, Math.min(1, ((x - a.x) * vx + (y - a.y) * vy) / len2));
      const px = a.x + t * vx - x;
      const py = a.y + t * vy - y;
      const w = wa + (wb - wa) * t;
      const r2 = (px * px + py * py) / (w * w);
      if (r2 < 9) {
        const v = strength * Math.exp(-0.5 * r2);
        const i = y * size + x;
        // Overlapping segments join smoothly: keep the larger contribution instead of summing.
        if (v > img[i]) img[i] = v;
      }
    }
  }
}
