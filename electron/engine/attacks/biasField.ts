import { problemGeometry, type AttackOutcome, type AttackProblem, type AttackSettings, type ImageGeometry } from './attackTypes';
import { parametricAttack, type PerturbationModel } from './parametricAttack';

/** Legendre polynomial P_n(t) on [−1, 1]. */
function legendre(n: number, t: number): number {
  let p0 = 1;
  let p1 = t;
  if (n === 0) return p0;
  for (let k = 1; k < n; k++) [p0, p1] = [p1, ((2 * k + 1) * t * p1 - k * p0) / (k + 1)];
  return p1;
}

/**
 * The smooth basis of a bias field: products P_i(y)·P_j(x) of Legendre polynomials over the image
 * (y, x ∈ [−1, 1]) with total degree i + j ≤ `order`, one row of H·W values each.
 */
export function legendreBasis(order: number, height: number, width: number): Float64Array[] {
  if (!(Number.isInteger(order) && order >= 0 && order <= 10)) throw new Error(`order must be a whole number from 0 to 10, got ${order}`);
  const coord = (k: number, n: number) => (n > 1 ? (2 * k) / (n - 1) - 1 : 0);
  const basis: Float64Array[] = [];
  for (let total = 0; total <= order; total++) {
    for (let i = 0; i <= total; i++) {
      const j = total - i;
      const py = Float64Array.from({ length: height }, (_, r) => legendre(i, coord(r, height)));
      const px = Float64Array.from({ length: width }, (_, c) => legendre(j, coord(c, width)));
      const row = new Float64Array(height * width);
      for (let r = 0; r < height; r++) for (let c = 0; c < width; c++) row[r * width + c] = py[r] * px[c];
      basis.push(row);
    }
  }
  return basis;
}

/** The field b = Σ c_k·B_k over the image plane. */
function field(c: Float64Array, basis: Float64Array[]): Float64Array {
  const b = new Float64Array(basis[0].length);
  basis.forEach((row, k) => {
    if (c[k] !== 0) for (let i = 0; i < b.length; i++) b[i] += c[k] * row[i];
  });
  return b;
}

/** The bias-field perturbation model: x = x0·(1 + b) on every channel, max |b| ≤ amplitude. */
export function biasFieldModel(x0: Float32Array, g: ImageGeometry, amplitude: number, order: number): PerturbationModel & { field: (c: Float64Array) => Float64Array } {
  if (!(amplitude > 0 && amplitude < 1)) throw new Error(`the bias-field amplitude is a fraction of intensity between 0 and 1 (0.1 = 10 %), got ${amplitude}`);
  const basis = legendreBasis(order, g.height, g.width);
  const plane = g.height * g.width;
  return {
    scale: amplitude,
    field: (c) => field(c, basis),
    init: () => new Float64Array(basis.length),
    apply(c) {
      const b = field(c, basis);
      return x0.map((v, i) => v * (1 + b[i % plane]));
    },
    adjoint(_c, gx) {
      // ∂x_i/∂c_k = x0_i·B_k(pixel of i), summed over channels.
      const w = new Float64Array(plane);
      for (let i = 0; i < gx.length; i++) w[i % plane] += gx[i] * x0[i];
      return Float64Array.from(basis, (row) => row.reduce((s, v, p) => s + v * w[p], 0));
    },
    project(c) {
      let max = 0;
      for (const v of field(c, basis)) max = Math.max(max, Math.abs(v));
      if (max > amplitude) for (let k = 0; k < c.length; k++) c[k] *= amplitude / max;
    },
  };
}

/**
 * Adversarial bias field (Tian, Guo, Juefei-Xu, Chan, Cheng, Li, Xie & Qin, ICME 2021, "Bias field poses
 * a threat to DNN-based X-ray recognition"): a smooth multiplicative field x = x0·(1 + b), with b in a
 * low-order polynomial basis (Legendre products of total degree ≤ `order`, default 3: 10 coefficients;
 * Tian et al. fit a polynomial field too), optimised by projected gradient ascent on its coefficients.
 * Budget: `amplitude`, the largest |b| anywhere as a fraction of intensity (default 0.1 = 10 %),
 * enforced by rescaling the coefficients. Intensity here is the normalised display value the model sees.
 */
export async function biasField(problem: AttackProblem, settings: AttackSettings): Promise<AttackOutcome> {
  const model = biasFieldModel(problem.x0, problemGeometry(problem), settings.amplitude ?? 0.1, settings.order ?? 3);
  return parametricAttack(problem, settings, model);
}
