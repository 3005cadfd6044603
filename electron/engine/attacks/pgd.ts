import type { AttackOutcome, AttackProblem, AttackSettings } from './attackTypes';
import { iterativeAttack } from './iterativeAttack';

/**
 * Projected Gradient Descent (Madry et al. 2018), L∞ or L2: a seeded uniformly random start in the
 * eps-ball, `steps` steps of alpha (default 2.5·eps/steps) and `restarts` random restarts (default 1).
 */
export function pgd(problem: AttackProblem, settings: AttackSettings): Promise<AttackOutcome> {
  return iterativeAttack(problem, settings, {
    randomStart: true,
    momentum: 0,
    defaultAlpha: (eps, steps) => (2.5 * eps) / steps,
  });
}
