import type { AttackOutcome, AttackProblem, AttackSettings } from './attackTypes';
import { iterativeAttack } from './iterativeAttack';

/**
 * Basic Iterative Method / I-FGSM (Kurakin, Goodfellow & Bengio 2017): FGSM repeated `steps` times
 * from the clean image with step alpha (default eps/steps·1.25, so the ball's edge is reachable),
 * projected onto the eps-ball and the valid range after each step.
 */
export function bim(problem: AttackProblem, settings: AttackSettings): Promise<AttackOutcome> {
  return iterativeAttack(problem, { ...settings, restarts: 1 }, {
    randomStart: false,
    momentum: 0,
    defaultAlpha: (eps, steps) => (1.25 * eps) / steps,
  });
}
