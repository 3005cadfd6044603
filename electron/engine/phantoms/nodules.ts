/**
 * Solitary pulmonary nodules for the phantom: position uniform over the lung fields (the whole
 * nodule inside the mask), radius log-uniform, contrast uniform, a slightly lobulated outline and the
 * projected-sphere profile contrast·√(1 − r²/R²).
 */
import type { Rng } from './random';

/** One nodule, in pixels of the full-resolution phantom and stored units. */
export interface Nodule {
  /** Centre column and row, pixels. */
  x: number;
  y: number;
  /** Radius, pixels. */
  radius: number;
  /** Peak added value at the centre, stored units. */
  contrast: number;
}

/** The sampling ranges for nodules; radii in pixels at 512 × 512, contrast in stored units. */
export interface NoduleDistribution {
  radius: [number, number];
  contrast: [number, number];
}

/** Default distribution: 9–20 px radius at 512² (about 15–34 mm diameter at 0.84 mm/px), 300–600 units. */
export const DEFAULT_NODULES: NoduleDistribution = { radius: [9, 20], contrast: [300, 600] };

function insideMask(mask: Uint8Array, size: number, x: number, y: number, r: number): boolean {
  for (let k = 0; k < 16; k++) {
    const a = (k / 16) * 2 * Math.PI;
    for (const rr of [0, r * 0.5, r]) {
      const px = Math.round(x + rr * Math.cos(a));
      const py = Math.round(y + rr * Math.sin(a));
      if (px < 0 || py < 0 || px >= size || py >= size || !mask[py * size + px]) return false;
    }
  }
  return true;
}

/**
 * Samples `count` nodules inside `lungMask` (radii scaled by size/512) and adds them to `img`.
 * Throws if the lungs are too small to hold one, which would mean a broken anatomy.
 */
export function addNodules(
  img: Float32Array,
  lungMask: Uint8Array,
  size: number,
  rng: Rng,
  count: number,
  dist: NoduleDistribution = DEFAULT_NODULES,
): Nodule[] {
  const nodules: Nodule[] = [];
  const k = size / 512;
  for (let n = 0; n < count; n++) {
    const radius = rng.logUniform(dist.radius[0], dist.radius[1]) * k;
    const contrast = rng.uniform(dist.contrast[0], dist.contrast[1]);
    let placed = false;
    for (let attempt = 0; attempt < 2000 && !placed; attempt++) {
      const x = rng.uniform(0, size);
      const y = rng.uniform(0, size);
      if (!insideMask(lungMask, size, x, y, radius + 2 * k)) continue;
      const lobes = rng.int(3, 6);
      const phase = rng.uniform(0, 2 * Math.PI);
      const lobulation = rng.uniform(0, 0.12);
      const reach = Math.ceil(radius * (1 + lobulation) + 2);
      for (let py = Math.floor(y) - reach; py <= Math.floor(y) + reach; py++) {
        for (let px = Math.floor(x) - reach; px <= Math.floor(x) + reach; px++) {
          if (px < 0 || py < 0 || px >= size || py >= size) continue;
          const dx = px - x;
          const dy = py - y;
          const rr = radius * (1 + lobulation * Math.sin(lobes * Math.atan2(dy, dx) + phase));
          const q = 1 - (dx * dx + dy * dy) / (rr * rr);
          if (q > 0) img[py * size + px] += contrast * Math.sqrt(q);
        }
      }
      nodules.push({ x, y, radius, contrast });
      placed = true;
    }
    if (!placed) throw new Error(`phantom: could not place a nodule of radius ${radius.toFixed(1)} px inside the lungs`);
  }
  return nodules;
}
