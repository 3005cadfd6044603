/**
 * Random anatomy of one synthetic PA chest radiograph: lung outlines, heart, mediastinum, ribs,
 * clavicles, body outline, exposure and bias field, all sampled from a seeded Rng and returned in
 * pixel coordinates of a size × size image. The landmark template is a stylised adult PA chest film
 * (patient's right lung on the image left, heart bulging to the image right).
 */
import type { Rng } from './random';
import type { Point } from './raster';

/** An ellipse in pixels: centre, semi-axes and rotation (radians). */
export interface Ellipse {
  cx: number;
  cy: number;
  rx: number;
  ry: number;
  angle: number;
}

/** A bone drawn as a band along a curve that is a function of x (pixels); width is the full width. */
export interface Band {
  points: Point[];
  width: number;
  /** Peak added value in stored units. */
  strength: number;
}

/** Everything needed to render one phantom, in pixels and stored units. */
export interface Anatomy {
  size: number;
  lungs: [Point[], Point[]];
  heart: Ellipse;
  mediastinum: Point[];
  body: { cx: number; halfWidth: number; top: number; neckHalfWidth: number };
  bones: Band[];
  spine: { cx: number; halfWidth: number };
  hila: [Point, Point];
  /** Incident quanta per pixel for the quantum-noise model (higher = less noise). */
  quanta: number;
  /** Multiplicative bias-field coefficients: linear x, linear y, radial. */
  bias: [number, number, number];
}

// Patient's right lung (image left), normalised coordinates, apex first, clockwise on screen.
const RIGHT_LUNG: ReadonlyArray<[number, number]> = [
  [0.35, 0.165], [0.27, 0.2], [0.2, 0.28], [0.155, 0.4], [0.13, 0.54], [0.118, 0.67], [0.125, 0.765],
  [0.19, 0.725], [0.28, 0.685], [0.37, 0.69], [0.445, 0.705], [0.45, 0.58], [0.445, 0.45],
  [0.435, 0.32], [0.415, 0.22], [0.385, 0.172],
];

/** Samples a plausible adult PA chest anatomy. */
export function sampleAnatomy(rng: Rng, size: number): Anatomy {
  const scale = rng.uniform(0.93, 1.04);
  const shiftX = rng.uniform(-0.02, 0.02);
  const shiftY = rng.uniform(-0.025, 0.02);
  const rot = rng.uniform(-0.04, 0.04);
  const cosR = Math.cos(rot);
  const sinR = Math.sin(rot);
  const toPx = (u: number, v: number): Point => {
    const du = (u - 0.5) * scale;
    const dv = (v - 0.5) * scale;
    return {
      x: (0.5 + shiftX + du * cosR - dv * sinR) * size,
      y: (0.5 + shiftY + du * sinR + dv * cosR) * size,
    };
  };

  const lungWidth = rng.uniform(0.94, 1.06);
  const lungHeight = rng.uniform(0.93, 1.06);
  const lung = (mirror: boolean, drop: number): Point[] =>
    RIGHT_LUNG.map(([u, v]) => {
      const uu = 0.5 + (u - 0.5) * lungWidth + rng.gauss() * 0.006;
      const vv = 0.17 + (v - 0.17) * lungHeight + (v > 0.6 ? drop : 0) + rng.gauss() * 0.006;
      return toPx(mirror ? 1 - uu : uu, vv);
    });
  const lungs: [Point[], Point[]] = [lung(false, 0), lung(true, rng.uniform(0.005, 0.03))];

  const hc = toPx(rng.uniform(0.545, 0.57), rng.uniform(0.6, 0.63));
  const heart: Ellipse = {
    cx: hc.x,
    cy: hc.y,
    rx: rng.uniform(0.15, 0.175) * scale * size,
    ry: rng.uniform(0.105, 0.12) * scale * size,
    angle: rot + rng.uniform(-0.5, -0.3),
  };

  const mw = rng.uniform(0.06, 0.075);
  const mediastinum = [
    toPx(0.5 - mw * 0.8, 0.05), toPx(0.5 + mw * 0.8, 0.05), toPx(0.5 + mw, 0.24),
    toPx(0.5 + mw + 0.035, 0.3), toPx(0.5 + mw, 0.36), toPx(0.5 + mw, 0.72), toPx(0.5 - mw, 0.72),
    toPx(0.5 - mw - 0.01, 0.3),
  ];

  const bones: Band[] = [];
  const ribStart = rng.uniform(0.13, 0.15);
  const ribStep = rng.uniform(0.054, 0.06) * lungHeight;
  for (const side of [-1, 1]) {
    for (let i = 0; i < 10; i++) {
      const v0 = ribStart + ribStep * i;
      const reach = 0.3 + 0.08 * Math.min(1, i / 4);
      const drop = rng.uniform(0.13, 0.17);
      const posterior: Point[] = [];
      const anterior: Point[] = [];
      for (let k = 0; k <= 16; k++) {
        const t = k / 16;
        posterior.push(toPx(0.5 + side * (0.035 + reach * t), v0 - 0.035 * t + drop * t ** 2.5));
        anterior.push(toPx(0.5 + side * (0.035 + reach) - side * 0.24 * t, v0 - 0.035 + drop + 0.1 * t - 0.03 * t * t));
      }
      bones.push({ points: posterior, width: rng.uniform(0.019, 0.024) * size, strength: rng.uniform(170, 240) });
      if (i < 6) bones.push({ points: anterior, width: rng.uniform(0.018, 0.022) * size, strength: rng.uniform(110, 160) });
    }
    const clavicle: Point[] = [];
    const cy = rng.uniform(0.15, 0.175);
    for (let k = 0; k <= 16; k++) {
      const t = k / 16;
      clavicle.push(toPx(0.5 + side * (0.04 + 0.28 * t), cy - 0.05 * t + 0.015 * Math.sin(Math.PI * t)));
    }
    bones.push({ points: clavicle, width: rng.uniform(0.026, 0.032) * size, strength: rng.uniform(420, 560) });
  }

  const centre = toPx(0.5, 0.5);
  return {
    size,
    lungs,
    heart,
    mediastinum,
    body: {
      cx: centre.x,
      halfWidth: rng.uniform(0.41, 0.46) * scale * size,
      top: toPx(0.5, rng.uniform(0.09, 0.12)).y,
      neckHalfWidth: rng.uniform(0.08, 0.1) * scale * size,
    },
    bones,
    spine: { cx: centre.x, halfWidth: 0.035 * scale * size },
    hila: [toPx(0.415, 0.42), toPx(0.585, 0.43)],
    quanta: rng.uniform(4000, 12000),
    bias: [rng.uniform(-0.06, 0.06), rng.uniform(-0.06, 0.06), rng.uniform(-0.1, 0.02)],
  };
}
