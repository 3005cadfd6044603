import type { AttackOutcome, AttackProblem, AttackSettings } from './attackTypes';
import { apgd } from './apgd';
import { isSegmentation } from './objective';
import { goalMargin } from './queryOracle';
import { square } from './square';

/**
 * Worst case over methods, AutoAttack-style (Croce & Hein, ICML 2020): APGD with the margin loss (a
 * white-box attack defined for binary and multi-label heads, see apgd.ts), then — only where it failed —
 * the Square attack (black-box, so gradient masking cannot hide the model from it) with the `queries`
 * budget. The image counts as broken when either succeeds; `winner` names the attack whose result is
 * returned ('apgd', 'square', or the one with the lower margin when both fail, suffixed "(failed)").
 */
export async function ensemble(problem: AttackProblem, settings: AttackSettings): Promise<AttackOutcome> {
  const first = await apgd(problem, settings);
  if (first.success || isSegmentation(problem.objective)) return { ...first, winner: first.success ? 'apgd' : 'apgd (failed)' };
  const second = await square(problem, settings);
  const iterations = first.iterations + second.iterations;
  if (second.success) return { ...second, iterations, winner: 'square' };
  const apgdBetter = goalMargin(first.logits, problem.goal) <= goalMargin(second.logits, problem.goal);
  return { ...(apgdBetter ? first : second), iterations, queries: second.queries, winner: `${apgdBetter ? 'apgd' : 'square'} (failed)` };
}
