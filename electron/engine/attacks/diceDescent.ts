import type { AttackOutcome, AttackProblem, AttackSettings } from './attackTypes';
import { iterativeAttack } from './iterativeAttack';
import { isSegmentation } from './objective';

/**
 * Untargeted Dice descent: PGD (Madry et al. 2018: random start, `steps` steps of 2.5·eps/steps,
 * projection) on the soft Dice loss 1 − mean_c Dice_c of the foreground classes against the clean
 * prediction — the overlap metric segmentation is judged by, as in the Dice-loss attacks on U-Nets
 * reviewed by the seed paper (Ozbulak et al. 2019; Chen et al. 2019). Segmentation models only.
 */
export async function diceDescent(problem: AttackProblem, settings: AttackSettings): Promise<AttackOutcome> {
  if (!isSegmentation(problem.objective)) throw new Error('Dice descent attacks segmentation models (per-pixel logits [K, H, W]); for a classifier use pgd');
  return iterativeAttack({ ...problem, goal: { ...problem.goal, target: undefined, segLoss: 'dice' } }, settings, {
    randomStart: true,
    momentum: 0,
    defaultAlpha: (eps, steps) => (2.5 * eps) / steps,
  });
}
