import { throwIfAborted, type AttackOutcome, type AttackProblem, type AttackSettings } from './attackTypes';
import { goalLoss, goalReached } from './goal';
import { clipInPlace, l2Norm } from './projection';

/**
 * A perturbation model with few parameters θ (a bias field's coefficients, a speckle pattern, a
 * displacement field): the image it makes, the adjoint that carries an image gradient back to θ, and
 * the projection onto its physical budget.
 */
export interface PerturbationModel {
  /** Parameters at the start (inside the budget). */
  init(): Float64Array;
  /** The perturbed image in attack space (normalised units), before the box clip. */
  apply(theta: Float64Array): Float32Array;
  /** ∂L/∂θ from ∂L/∂x at `theta`. */
  adjoint(theta: Float64Array, gradX: Float32Array): Float64Array;
  /** Projects θ onto the budget, in place. */
  project(theta: Float64Array): void;
  /** Size of one unit step in θ: the budget's radius (e.g. the amplitude, the displacement in mm). */
  scale: number;
}

/**
 * Projected gradient ascent on a perturbation model's parameters: θ ← Π(θ + α·scale·∇θL/‖∇θL‖₂),
 * α = `alpha` (default 2.5/steps, so the path can cross the budget 2.5 times, as PGD's 2.5·eps/steps),
 * with L the goal's loss through the image. Stops at the first point that reaches the goal; otherwise
 * keeps the point of highest loss. The budget is physical (the model's projection), so eps is unused.
 */
export async function parametricAttack(problem: AttackProblem, settings: AttackSettings, model: PerturbationModel): Promise<AttackOutcome> {
  const { objective, lower, upper, goal } = problem;
  const { steps, signal, onProgress } = settings;
  if (!(Number.isInteger(steps) && steps >= 1)) throw new Error(`steps must be a positive integer, got ${steps}`);
  const alpha = settings.alpha ?? 2.5 / steps;
  const { loss, sign } = goalLoss(goal);
  const theta = model.init();
  model.project(theta);
  let best: { x: Float32Array; logits: Float32Array; score: number; success: boolean } | null = null;
  let iterations = 0;
  for (let t = 0; t < steps; t++) {
    throwIfAborted(signal);
    const x = model.apply(theta);
    clipInPlace(x, lower, upper);
    const ev = await objective.evaluate(x, loss);
    iterations++;
    const success = goalReached(ev.logits, objective.outputShape, goal);
    const score = sign * ev.loss;
    onProgress?.({ iteration: t + 1, total: steps, loss: score, success });
    if (!best || (success && !best.success) || (success === best.success && score > best.score)) best = { x, logits: ev.logits, score, success };
    if (success) break;
    const g = model.adjoint(theta, ev.grad.map((v) => sign * v));
    const n = l2Norm(g);
    if (!(n > 0)) break;
    for (let i = 0; i < theta.length; i++) theta[i] += (alpha * model.scale * g[i]) / n;
    model.project(theta);
  }
  if (!best) throw new Error('attack ran no iterations');
  if (!best.success) {
    // The last step has not been scored yet: score it too.
    const x = model.apply(theta);
    clipInPlace(x, lower, upper);
    const logits = await objective.predict(x);
    if (goalReached(logits, objective.outputShape, goal)) best = { x, logits, score: Infinity, success: true };
  }
  return { x: best.x, logits: best.logits, success: best.success, iterations };
}
