/**
 * A synthetic PA chest radiograph ("phantom"), deterministic by seed: body outline, lung fields with
 * vascular markings, ribs, clavicles, spine, mediastinum and heart shadow, optional nodules, a smooth
 * multiplicative bias field and quantum noise (Poisson statistics in the log domain, Gaussian
 * approximation). Values are 12-bit stored values (0..4095), MONOCHROME2: bright = attenuating.
 * Synthetic data for demonstrations and tests only; it is not a model of any patient.
 */
import { sampleAnatomy, type Anatomy } from './anatomy';
import { addNodules, DEFAULT_NODULES, type Nodule, type NoduleDistribution } from './nodules';
import { Rng } from './random';
import { fillPolygon, gaussianBlur, smoothClosedCurve, type Point } from './raster';
import { drawBand, drawVessel } from './strokes';

/** Options of {@link generateChestPhantom}. */
export interface PhantomOptions {
  /** Width and height in pixels (default 512). */
  size?: number;
  /** Number of nodules to add (default 0). */
  nodules?: number;
  /** Sampling ranges for the nodules. */
  noduleDistribution?: NoduleDistribution;
}

/** One generated phantom. */
export interface ChestPhantom {
  seed: number;
  /** Width = height, pixels. */
  size: number;
  /** Row-major 12-bit stored values, 0..4095. */
  pixels: Uint16Array;
  /** Row-major lung-field mask (1 = lung), the segmentation ground truth. */
  lungMask: Uint8Array;
  nodules: Nodule[];
}

/** Maximum stored value for 12 bits stored. */
export const MAX_STORED = 4095;
/** Stored units per unit of line integral μ (the log-domain gain of the noise model). */
const LOG_GAIN = 1500;

function insideEllipse(e: Anatomy['heart'], x: number, y: number): number {
  const c = Math.cos(e.angle);
  const s = Math.sin(e.angle);
  const u = ((x - e.cx) * c + (y - e.cy) * s) / e.rx;
  const v = (-(x - e.cx) * s + (y - e.cy) * c) / e.ry;
  return 1 - u * u - v * v;
}

function lungFields(a: Anatomy): Uint8Array {
  const n = a.size;
  const mask = new Uint8Array(n * n);
  for (const lung of a.lungs) fillPolygon(mask, n, n, smoothClosedCurve(lung));
  const medi = new Uint8Array(n * n);
  fillPolygon(medi, n, n, smoothClosedCurve(a.mediastinum));
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const i = y * n + x;
      if (mask[i] && (medi[i] || insideEllipse(a.heart, x, y) > 0)) mask[i] = 0;
    }
  }
  return mask;
}

function blurred(mask: Uint8Array, n: number, sigma: number): Float32Array {
  const f = Float32Array.from(mask);
  gaussianBlur(f, n, n, sigma);
  return f;
}

/** Per column, the row of the diaphragm: the lowest lung row, interpolated across columns without lung. */
function diaphragmRows(lungMask: Uint8Array, n: number): Float32Array {
  const rows = new Float32Array(n).fill(-1);
  for (let x = 0; x < n; x++) {
    for (let y = n - 1; y >= 0; y--) {
      if (lungMask[y * n + x]) {
        rows[x] = y;
        break;
      }
    }
  }
  const known = [...rows.keys()].filter((x) => rows[x] >= 0);
  if (known.length === 0) throw new Error('phantom: the sampled anatomy has no lung pixels');
  for (let x = 0; x < n; x++) {
    if (rows[x] >= 0) continue;
    const left = known.filter((c) => c < x).pop();
    const right = known.find((c) => c > x);
    if (left === undefined) rows[x] = rows[right as number];
    else if (right === undefined) rows[x] = rows[left];
    else rows[x] = rows[left] + ((rows[right] - rows[left]) * (x - left)) / (right - left);
  }
  return rows;
}

function drawSoftTissue(img: Float32Array, a: Anatomy, k: number, lungMask: Uint8Array): void {
  const n = a.size;
  const body = new Float32Array(n * n);
  const shoulder = 0.09 * n;
  for (let y = 0; y < n; y++) {
    const rise = Math.min(1, Math.max(0, (y - a.body.top) / shoulder));
    const hw = y < a.body.top ? a.body.neckHalfWidth : a.body.neckHalfWidth + (a.body.halfWidth - a.body.neckHalfWidth) * Math.sqrt(1 - (1 - rise) ** 2);
    for (let x = 0; x < n; x++) {
      const d = (x - a.body.cx) / hw;
      if (d * d < 1) body[y * n + x] = 500 + 1250 * Math.sqrt(1 - d * d);
    }
  }
  gaussianBlur(body, n, n, 3 * k);
  const medi = new Uint8Array(n * n);
  fillPolygon(medi, n, n, smoothClosedCurve(a.mediastinum));
  const mediSoft = blurred(medi, n, 4 * k);
  const heart = new Float32Array(n * n);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const q = insideEllipse(a.heart, x, y);
      if (q > 0) heart[y * n + x] = 300 + 200 * Math.sqrt(q);
    }
  }
  gaussianBlur(heart, n, n, 2.5 * k);
  const diaphragm = diaphragmRows(lungMask, n);
  const abdomen = new Float32Array(n * n);
  for (let y = 0; y < n; y++) for (let x = 0; x < n; x++) if (y > diaphragm[x] + 2 * k) abdomen[y * n + x] = 420;
  gaussianBlur(abdomen, n, n, 5 * k);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const i = y * n + x;
      const spineD = Math.abs(x - a.spine.cx) / a.spine.halfWidth;
      const disc = Math.cos((2 * Math.PI * y) / (0.055 * n)) > 0.85 ? 0.7 : 1;
      const spine = spineD < 1 ? 160 * disc * (0.6 + 0.4 * spineD * spineD) : 0;
      const dense = Math.max(heart[i], 480 * mediSoft[i], (abdomen[i] * body[i]) / 1750);
      img[i] = 120 + body[i] + dense + spine;
    }
  }
}

function drawVesselTree(layer: Float32Array, n: number, rng: Rng, p: Point, angle: number, len: number, width: number, depth: number): void {
  const end = { x: p.x + len * Math.cos(angle), y: p.y + len * Math.sin(angle) };
  drawVessel(layer, n, p, end, width, width * 0.75, 90 + 40 * width);
  if (depth >= 3) return;
  for (const sign of [-1, 1]) {
    drawVesselTree(layer, n, rng, end, angle + sign * rng.uniform(0.2, 0.55), len * rng.uniform(0.6, 0.8), width * 0.7, depth + 1);
  }
}

/**
 * Generates one phantom. The same seed and options always give the same pixels, mask and nodules.
 * @param seed any integer.
 */
export function generateChestPhantom(seed: number, options: PhantomOptions = {}): ChestPhantom {
  const n = options.size ?? 512;
  if (!Number.isInteger(n) || n < 64) throw new Error(`phantom: size must be an integer ≥ 64, got ${n}`);
  const k = n / 512;
  const rng = new Rng(seed);
  const a = sampleAnatomy(rng.fork(1), n);
  const texRng = rng.fork(2);
  const noduleRng = rng.fork(3);
  const noiseRng = rng.fork(4);

  const lungMask = lungFields(a);
  const lungSoft = blurred(lungMask, n, 3 * k);
  const lungDeep = blurred(lungMask, n, 14 * k);
  const img = new Float32Array(n * n);
  drawSoftTissue(img, a, k, lungMask);

  const vessels = new Float32Array(n * n);
  a.hila.forEach((h, side) => {
    const base = side === 0 ? Math.PI : 0;
    for (let b = 0; b < 7; b++) {
      const angle = base + (side === 0 ? 1 : -1) * (-1.25 + (2.5 * b) / 6 + texRng.uniform(-0.12, 0.12));
      drawVesselTree(vessels, n, texRng, h, angle, texRng.uniform(0.07, 0.1) * n, 2.4 * k, 0);
    }
  });
  const texture = new Float32Array(n * n);
  for (let i = 0; i < texture.length; i++) texture[i] = texRng.gauss();
  gaussianBlur(texture, n, n, 5 * k);
  let t2 = 0;
  for (let i = 0; i < texture.length; i++) t2 += texture[i] * texture[i];
  const tScale = 28 / Math.sqrt(t2 / texture.length);
  for (let i = 0; i < img.length; i++) {
    img[i] += lungSoft[i] * (vessels[i] + tScale * texture[i] - 650) - 380 * lungDeep[i];
  }
  for (const [h] of a.hila.map((p) => [p])) {
    const r = 14 * k;
    for (let y = Math.max(0, Math.floor(h.y - 3 * r)); y < Math.min(n, h.y + 3 * r); y++) {
      for (let x = Math.max(0, Math.floor(h.x - 3 * r)); x < Math.min(n, h.x + 3 * r); x++) {
        img[y * n + x] += 140 * Math.exp(-((x - h.x) ** 2 + (y - h.y) ** 2) / (2 * r * r));
      }
    }
  }
  for (const band of a.bones) drawBand(img, n, band);
  const nodules = addNodules(img, lungMask, n, noduleRng, options.nodules ?? 0, options.noduleDistribution ?? DEFAULT_NODULES);

  const pixels = new Uint16Array(n * n);
  const [bx, by, br] = a.bias;
  const noiseScale = LOG_GAIN / Math.sqrt(a.quanta);
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      const i = y * n + x;
      const u = x / n - 0.5;
      const v = y / n - 0.5;
      const d = img[i] * (1 + bx * u + by * v + br * (u * u + v * v) * 4);
      // Quantum noise: σ_μ = 1/√(N₀·e^{−μ}) for N₀ incident quanta, μ = d / LOG_GAIN.
      const noisy = d + noiseRng.gauss() * noiseScale * Math.exp(d / (2 * LOG_GAIN));
      pixels[i] = Math.min(MAX_STORED, Math.max(0, Math.round(noisy)));
    }
  }
  return { seed, size: n, pixels, lungMask, nodules };
}
