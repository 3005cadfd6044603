import { throwIfAborted, type AttackOutcome, type AttackProblem, type AttackSettings } from './attackTypes';
import { goalLoss, goalReached } from './goal';
import { lossFromLogits } from './losses';
import { l2Norm, projectInPlace, steepestDirection } from './projection';
import { Rng } from './rng';

/** How an iterative gradient attack differs from its siblings. */
export interface IterativeVariant {
  /** Start at a uniformly random point of the ball (PGD) instead of x0. */
  randomStart: boolean;
  /** Momentum μ on L1-normalised gradients (MI-FGSM); 0 for none. */
  momentum: number;
  /** Default step size as a fraction of eps per step count. */
  defaultAlpha: (eps: number, steps: number) => number;
}

/**
 * The loop shared by FGSM, BIM, PGD and MI-FGSM: x ← Π(x + α·dir(±∇L)), with Π the projection onto
 * the eps-ball and the box, for `steps` iterations and `restarts` random restarts. Restarts stop
 * at the first that reaches the goal; otherwise the one with the highest attack objective is kept.
 */
export async function iterativeAttack(
  problem: AttackProblem,
  settings: AttackSettings,
  variant: IterativeVariant,
): Promise<AttackOutcome> {
  const { objective, x0, lower, upper, goal } = problem;
  const { eps, norm, steps, seed, signal, onProgress } = settings;
  if (!(eps >= 0)) throw new Error(`eps must be ≥ 0, got ${eps}`);
  if (!(Number.isInteger(steps) && steps >= 1)) throw new Error(`steps must be a positive integer, got ${steps}`);
  const alpha = settings.alpha ?? variant.defaultAlpha(eps, steps);
  const restarts = variant.randomStart ? Math.max(1, settings.restarts ?? 1) : 1;
  const { loss, sign } = goalLoss(goal);
  const rng = new Rng(seed);
  let best: { outcome: AttackOutcome; score: number } | null = null;
  let iterations = 0;
  for (let r = 0; r < restarts; r++) {
    const x = Float32Array.from(x0);
    if (variant.randomStart) randomStart(x, x0, eps, settings.norm, rng);
    projectInPlace(x, x0, eps, norm, lower, upper);
    const velocity = new Float32Array(x.length);
    for (let t = 0; t < steps; t++) {
      throwIfAborted(signal);
      const ev = await objective.evaluate(x, loss);
      iterations++;
      const success = goalReached(ev.logits, objective.outputShape, goal);
      onProgress?.({ iteration: r * steps + t + 1, total: restarts * steps, loss: sign * ev.loss, success });
      if (success && settings.earlyStop) break;
      let g = ev.grad.map((v) => sign * v);
      if (variant.momentum > 0) {
        let l1 = 0;
        for (const v of g) l1 += Math.abs(v);
        for (let i = 0; i < g.length; i++) velocity[i] = variant.momentum * velocity[i] + (l1 > 0 ? g[i] / l1 : 0);
        g = velocity;
      }
      const dir = steepestDirection(g, norm);
      for (let i = 0; i < x.length; i++) x[i] += alpha * dir[i];
      projectInPlace(x, x0, eps, norm, lower, upper);
    }
    const logits = await objective.predict(x);
    const success = goalReached(logits, objective.outputShape, goal);
    const score = sign * lossFromLogits(logits, objective.outputShape, loss).loss;
    const outcome = { x, logits, success, iterations };
    if (!best || (success && !best.outcome.success) || (success === best.outcome.success && score > best.score)) best = { outcome, score };
    if (success) break;
  }
  if (!best) throw new Error('attack ran no iterations');
  return { ...best.outcome, iterations };
}

function randomStart(x: Float32Array, x0: Float32Array, eps: number, norm: 'linf' | 'l2', rng: Rng): void {
  if (norm === 'linf') {
    for (let i = 0; i < x.length; i++) x[i] = x0[i] + eps * (2 * rng.uniform() - 1);
    return;
  }
  // Uniform in the L2 ball: a Gaussian direction, radius eps·u^(1/n).
  const d = new Float32Array(x.length).map(() => rng.normal());
  const n = l2Norm(d);
  const radius = eps * Math.pow(rng.uniform(), 1 / x.length);
  for (let i = 0; i < x.length; i++) x[i] = x0[i] + (n > 0 ? (d[i] / n) * radius : 0);
}
