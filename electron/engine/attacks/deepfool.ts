import { throwIfAborted, type AttackOutcome, type AttackProblem, type AttackSettings } from './attackTypes';
import { goalReached } from './goal';
import { evaluateMany, isSegmentation } from './objective';
import { clipInPlace } from './projection';

/**
 * DeepFool (Moosavi-Dezfooli, Fawzi & Frossard 2016): linearise the model at x, step to the nearest
 * linearised decision boundary among the top `candidates` classes (or only the target), accumulate,
 * and overshoot the total by (1 + overshoot). L2 by default; with norm 'linf' the step is the L∞
 * variant |f|/‖w‖₁·sign(w). Up to `steps` iterations, each one gradient evaluation per candidate
 * (batched into one model run when the objective supports it).
 * A minimum-norm attack: eps is not used as a bound. Classification only.
 */
export async function deepfool(problem: AttackProblem, settings: AttackSettings): Promise<AttackOutcome> {
  const { objective, x0, lower, upper, goal } = problem;
  if (isSegmentation(objective) || typeof goal.label !== 'number' || goal.multilabel) {
    throw new Error('DeepFool is implemented for single-label classification models; use fgsm, bim, pgd or mifgsm for this model');
  }
  const k = objective.outputShape[0];
  const orig = goal.label;
  const overshoot = settings.overshoot ?? 0.02;
  const n = x0.length;
  let logits = await objective.predict(x0);
  let candidates: number[];
  if (typeof goal.target === 'number') candidates = [goal.target];
  else {
    const order = Array.from({ length: k }, (_, i) => i).filter((i) => i !== orig);
    order.sort((a, b) => logits[b] - logits[a]);
    candidates = order.slice(0, Math.max(1, (settings.candidates ?? 10) - 1));
  }
  const rTotal = new Float64Array(n);
  const x = Float32Array.from(x0);
  let iterations = 0;
  for (let it = 0; it < settings.steps; it++) {
    if (goalReached(logits, objective.outputShape, goal)) break;
    let bestDist = Infinity;
    let bestStep: Float64Array | null = null;
    throwIfAborted(settings.signal);
    // One gradient of z_c − z_orig per candidate, in one batch when the model allows.
    const seeds = candidates.map((c) => {
      const seed = new Float32Array(k);
      seed[c] = 1;
      seed[orig] = -1;
      return { kind: 'cotangent' as const, seed };
    });
    const evs = await evaluateMany(objective, candidates.map(() => x), seeds);
    iterations += candidates.length;
    settings.onProgress?.({ iteration: iterations, total: settings.steps * candidates.length, loss: evs[0].loss, success: false });
    for (const ev of evs) {
      const f = ev.loss; // z_c − z_orig < 0 while orig wins
      const w = ev.grad;
      const dual = settings.norm === 'linf' ? w.reduce((s, v) => s + Math.abs(v), 0) : Math.sqrt(w.reduce((s, v) => s + v * v, 0));
      if (dual === 0) continue;
      const dist = Math.abs(f) / dual;
      if (dist < bestDist) {
        bestDist = dist;
        const scale = settings.norm === 'linf' ? (Math.abs(f) + 1e-4) / dual : (Math.abs(f) + 1e-4) / (dual * dual);
        bestStep = Float64Array.from(w, (v) => (settings.norm === 'linf' ? scale * Math.sign(v) : scale * v));
      }
    }
    if (!bestStep) break; // flat model: no direction changes the decision
    for (let i = 0; i < n; i++) {
      rTotal[i] += bestStep[i];
      x[i] = x0[i] + (1 + overshoot) * rTotal[i];
    }
    clipInPlace(x, lower, upper);
    logits = await objective.predict(x);
  }
  return { x, logits, success: goalReached(logits, objective.outputShape, goal), iterations };
}
