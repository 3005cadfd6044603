import type { AttackOutcome, AttackProblem, AttackSettings } from './attackTypes';
import { iterativeAttack } from './iterativeAttack';

/**
 * Momentum Iterative FGSM (Dong et al. 2018): g ← μ·g + ∇L/‖∇L‖₁ with μ = 1.0, step alpha
 * (default eps/steps) along sign(g) (L∞) or g/‖g‖₂ (L2), projected after each step.
 */
export function mifgsm(problem: AttackProblem, settings: AttackSettings): Promise<AttackOutcome> {
  return iterativeAttack(problem, { ...settings, restarts: 1 }, {
    randomStart: false,
    momentum: 1.0,
    defaultAlpha: (eps, steps) => eps / steps,
  });
}
