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
  /** Gradient evaluations used. */
  iterations: number;
}

/** Throws a DOMException named AbortError when `signal` is aborted (the job was cancelled). */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new DOMException('attack cancelled', 'AbortError');
}
