import type { AttackGoal } from './goal';
import type { Objective } from './objective';

/** Norm of the perturbation budget. */
export type AttackNorm = 'linf' | 'l2';

/**
 * One attack problem in attack space. For images this is the native image in normalised display
 * units (1.0 = the full intensity window), so `eps` = 0.02 means 2 % of the window.
 */
export interface AttackProblem {
  objective: Objective;
  /** The clean input. */
  x0: Float32Array;
  /** Per-value box the result must stay in (e.g. the valid stored range, in the same units). */
  lower: Float32Array;
  upper: Float32Array;
  goal: AttackGoal;
  /**
   * Normalised units per stored unit when the result will be rounded to stored integers (absent for
   * float storage). Attacks that place values at ±eps round eps down to a multiple of it, so their
   * points survive quantisation unchanged.
   */
  quantum?: number;
  /** Layout of x0 (planar channels, then rows): attacks that work on image windows, bases or fields need it. */
  geometry?: ImageGeometry;
}

/** Planar image layout of an attack-space point. */
export interface ImageGeometry {
  channels: number;
  height: number;
  width: number;
}

/** A universal perturbation (one δ for many images): normalised display units, planar, with its layout. */
export interface UniversalPerturbation {
  delta: Float32Array;
  geometry: ImageGeometry;
}

/** The largest budget ≤ eps that is a whole number of quanta (eps itself for float storage). */
export function quantisedBudget(eps: number, quantum: number | undefined): number {
  return quantum && quantum > 0 ? Math.floor(eps / quantum + 1e-9) * quantum : eps;
}

/** The problem's layout; without one, a single-channel square image, else one row. */
export function problemGeometry(problem: Pick<AttackProblem, 'x0' | 'geometry'>): ImageGeometry {
  if (problem.geometry) {
    const g = problem.geometry;
    if (g.channels * g.height * g.width !== problem.x0.length) throw new Error(`image geometry ${g.channels}×${g.height}×${g.width} does not match ${problem.x0.length} values`);
    return g;
  }
  const side = Math.round(Math.sqrt(problem.x0.length));
  return side * side === problem.x0.length ? { channels: 1, height: side, width: side } : { channels: 1, height: 1, width: problem.x0.length };
}

/** Progress of a running attack, reported once per gradient evaluation. */
export interface AttackProgress {
  iteration: number;
  total: number;
  /** The attack loss at the current point (its own sign convention per method). */
  loss: number;
  success: boolean;
}

/** Settings shared by the attacks; each documents which it reads and its defaults. */
export interface AttackSettings {
  /** Budget in attack-space units (normalised). */
  eps: number;
  norm: AttackNorm;
  /** Iterations (gradient evaluations per restart). */
  steps: number;
  /** Step size in attack-space units; default per method. */
  alpha?: number;
  /** Seed of every random choice. */
  seed: number;
  /** Random restarts (PGD); each starts from a fresh random point in the ball. */
  restarts?: number;
  /** C&W: confidence κ (default 0), initial constant c (default 1), binary-search steps (default 5). */
  confidence?: number;
  initialConst?: number;
  searchSteps?: number;
  /** DeepFool: overshoot (default 0.02) and how many top classes to consider (default 10). */
  overshoot?: number;
  candidates?: number;
  /** Query attacks: the most model queries (forward passes, one per candidate image) to spend. */
  queries?: number;
  /** SimBA: orthonormal basis of the search directions (default 'dct'). */
  basis?: 'pixel' | 'dct';
  /** Bias field: largest |field − 1| anywhere, as a fraction of intensity (0.1 = 10 %). */
  amplitude?: number;
  /** Bias field: total degree of the Legendre polynomial basis (default 3). */
  order?: number;
  /** Speckle: variance budget of the multiplicative noise n (mean n² ≤ variance). */
  variance?: number;
  /** Elastic: largest displacement of any pixel, in mm. */
  displacementMm?: number;
  /** Elastic / ZOO: control-grid points per axis of the smooth field (elastic default 8; ZOO's reduced attack space default 32). */
  grid?: number;
  /** Pixel spacing (row, column) in mm (Pixel Spacing, else Imager Pixel Spacing); elastic needs it. */
  spacingMm?: [number, number];
  /** DI-FGSM: probability of the random resize-and-pad input transform per step (default 0.5). */
  diversity?: number;
  /** TI-FGSM: side of the Gaussian kernel the gradient is smoothed with, in pixels (default 7). */
  kernel?: number;
  /** Feature attack: the tensor whose activations are moved (default: the last spatial feature map). */
  layer?: string;
  /** Feature attack: a guide image in attack space (same geometry) whose features the attack moves toward. */
  guide?: Float32Array;
  /** Universal perturbation to apply (the catalogue's universal attack). */
  universal?: UniversalPerturbation;
  /** Stop as soon as the goal is reached (used by the robustness-margin search). */
  earlyStop?: boolean;
  signal?: AbortSignal;
  onProgress?: (progress: AttackProgress) => void;
}

/** What an attack returns: the adversarial input and how it got there. */
export interface AttackOutcome {
  x: Float32Array;
  logits: Float32Array;
  success: boolean;
  /** Gradient evaluations used (query attacks: model queries). */
  iterations: number;
  /** Query attacks: forward passes used (every candidate image scored counts one). */
  queries?: number;
  /** Ensemble: the member attack whose result this is. */
  winner?: string;
}

/** Throws a DOMException named AbortError when `signal` is aborted (the job was cancelled). */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DOMException('attack cancelled', 'AbortError');
}
