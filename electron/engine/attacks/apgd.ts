import { throwIfAborted, type AttackOutcome, type AttackProblem, type AttackSettings } from './attackTypes';
import { goalLoss, goalReached, type AttackGoal } from './goal';
import { isSegmentation, type AttackLoss } from './objective';
import { l2Norm, projectInPlace, steepestDirection } from './projection';
import { Rng } from './rng';

/**
 * The loss APGD ascends: minus the goal's logit margin (see queryOracle's goalMargin), so it is defined
 * for two-class and multi-label heads, unlike AutoAttack's DLR loss (which needs ≥ 3 classes).
 * Untargeted: max_{j≠y} z_j − z_y; targeted: z_t − max_{j≠t} z_j; multi-label: ±z_k towards the wanted
 * decision. Segmentation falls back to the goal's per-pixel loss.
 */
export function marginObjective(goal: AttackGoal, segmentation: boolean): { loss: AttackLoss; sign: 1 | -1 } {
  if (goal.multilabel || segmentation) return goalLoss(goal);
  if (typeof goal.target === 'number') return { loss: { kind: 'margin', label: goal.target }, sign: 1 };
  return { loss: { kind: 'margin', label: goal.label as number }, sign: -1 };
}

/** APGD's checkpoints: p₀ = 0, p₁ = 0.22, p_{j+1} = p_j + max(p_j − p_{j−1} − 0.03, 0.06), as iteration numbers. */
export function apgdCheckpoints(steps: number): number[] {
  const p = [0, 0.22];
  while (p[p.length - 1] < 1) p.push(p[p.length - 1] + Math.max(p[p.length - 1] - p[p.length - 2] - 0.03, 0.06));
  return [...new Set(p.filter((v) => v <= 1).map((v) => Math.ceil(v * steps - 1e-9)))].filter((w) => w > 0);
}

/**
 * Auto-PGD (Croce & Hein, ICML 2020) with the margin loss of {@link marginObjective}: random start,
 * step η = 2·eps halved at checkpoints when fewer than ρ = 0.75 of the steps since the last one
 * raised the loss, or when neither η nor the best loss changed (then restarting from the best point),
 * and momentum 0.75 between the projected step and the previous iterate. L∞ or L2; `steps` iterations
 * (default 100 in the catalogue). Returns the best point found (a success if any was).
 */
export async function apgd(problem: AttackProblem, settings: AttackSettings): Promise<AttackOutcome> {
  const { objective, x0, lower, upper, goal } = problem;
  const { eps, norm, steps, signal, onProgress } = settings;
  if (!(eps > 0)) throw new Error(`eps must be > 0 for APGD, got ${eps}`);
  if (!(Number.isInteger(steps) && steps >= 1)) throw new Error(`steps must be a positive integer, got ${steps}`);
  const { loss, sign } = marginObjective(goal, isSegmentation(objective));
  const rng = new Rng(settings.seed);
  const checkpoints = new Set(apgdCheckpoints(steps));
  let x = Float32Array.from(x0);
  const start = new Float32Array(x.length).map(() => 2 * rng.uniform() - 1);
  const scale = norm === 'linf' ? eps : eps / (l2Norm(start) || 1);
  for (let i = 0; i < x.length; i++) x[i] += scale * start[i];
  projectInPlace(x, x0, eps, norm, lower, upper);
  let eta = 2 * eps;
  let prev = Float32Array.from(x);
  let ev = await objective.evaluate(x, loss);
  let f = sign * ev.loss;
  let best = { x: Float32Array.from(x), logits: ev.logits, f, success: goalReached(ev.logits, objective.outputShape, goal) };
  let rises = 0;
  let lastCheck = 0;
  let etaAtCheck = eta;
  let bestAtCheck = f;
  let iterations = 1;
  for (let k = 0; k < steps - 1 && !best.success; k++) {
    throwIfAborted(signal);
    const dir = steepestDirection(ev.grad.map((v) => sign * v), norm);
    const z = x.map((v, i) => v + eta * dir[i]);
    projectInPlace(z, x0, eps, norm, lower, upper);
    const a = k === 0 ? 1 : 0.75;
    const next = x.map((v, i) => v + a * (z[i] - v) + (1 - a) * (v - prev[i]));
    projectInPlace(next, x0, eps, norm, lower, upper);
    prev = x;
    x = next;
    ev = await objective.evaluate(x, loss);
    iterations++;
    const fNext = sign * ev.loss;
    if (fNext > f) rises++;
    f = fNext;
    const success = goalReached(ev.logits, objective.outputShape, goal);
    if (success || f > best.f) best = { x: Float32Array.from(x), logits: ev.logits, f, success };
    onProgress?.({ iteration: iterations, total: steps, loss: best.f, success: best.success });
    if (checkpoints.has(k + 1)) {
      const since = k + 1 - lastCheck;
      const halve = rises < 0.75 * since || (etaAtCheck === eta && bestAtCheck === best.f);
      etaAtCheck = eta;
      bestAtCheck = best.f;
      if (halve) {
        eta /= 2;
        x = Float32Array.from(best.x);
        prev = Float32Array.from(best.x);
        ev = await objective.evaluate(x, loss);
        iterations++;
        f = sign * ev.loss;
      }
      rises = 0;
      lastCheck = k + 1;
    }
  }
  return { x: best.x, logits: best.logits, success: best.success, iterations };
}
