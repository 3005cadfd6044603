import { problemGeometry, type AttackOutcome, type AttackProblem, type AttackSettings, type ImageGeometry } from './attackTypes';
import { parametricAttack, type PerturbationModel } from './parametricAttack';
import { l2Norm } from './projection';

/** The speckle perturbation model: x = x0·(1 + n) per pixel (shared by channels), mean n² ≤ variance. */
export function speckleModel(x0: Float32Array, g: ImageGeometry, variance: number): PerturbationModel {
  if (!(variance > 0 && variance < 1)) throw new Error(`the speckle variance budget must be between 0 and 1 (0.01 = noise of standard deviation 0.1), got ${variance}`);
  const plane = g.height * g.width;
  const radius = Math.sqrt(variance * plane); // ‖n‖₂² = plane · mean n²
  return {
    scale: radius,
    init: () => new Float64Array(plane),
    apply: (n) => x0.map((v, i) => v * (1 + n[i % plane])),
    adjoint(_n, gx) {
      const out = new Float64Array(plane);
      for (let i = 0; i < gx.length; i++) out[i % plane] += gx[i] * x0[i];
      return out;
    },
    project(n) {
      const norm = l2Norm(n);
      if (norm > radius) for (let i = 0; i < n.length; i++) n[i] *= radius / norm;
    },
  };
}

/**
 * Adversarial speckle (Lal, Rehman, Shah, Meraj, Rauf, Damaševičius, Mohammed & Abdulkareem, Sensors
 * 2021): multiplicative noise x = x0·(1 + n), as speckle corrupts ultrasound and fundus images, with
 * the pattern n optimised by projected gradient ascent instead of drawn at random. Budget: `variance`,
 * the mean of n² over the image (default 0.01, noise of standard deviation 0.1), enforced by projecting
 * n onto that L2 ball.
 */
export async function speckle(problem: AttackProblem, settings: AttackSettings): Promise<AttackOutcome> {
  return parametricAttack(problem, settings, speckleModel(problem.x0, problemGeometry(problem), settings.variance ?? 0.01));
}
