import type { AttackOutcome, AttackProblem, AttackSettings } from './attackTypes';
import { iterativeAttack } from './iterativeAttack';

/**
 * Fast Gradient Sign Method (Goodfellow, Shlens & Szegedy 2015): one step of size eps along
 * sign(∇L) (L∞) or ∇L/‖∇L‖₂ (L2). Reads eps and norm; `steps` and `alpha` are ignored.
 */
export function fgsm(problem: AttackProblem, settings: AttackSettings): Promise<AttackOutcome> {
  return iterativeAttack(problem, { ...settings, steps: 1, alpha: settings.eps, restarts: 1 }, {
    randomStart: false,
    momentum: 0,
    defaultAlpha: (eps) => eps,
  });
}
