import { throwIfAborted, type AttackOutcome, type AttackProblem, type AttackSettings } from './attackTypes';
import { goalReached } from './goal';
import { isSegmentation } from './objective';

/**
 * Carlini & Wagner L2 (2017): minimise ‖x − x0‖₂² + c·max(f(x), −κ) over x = lo + (hi − lo)·(tanh w + 1)/2
 * (so x stays in the box), with f = z_y − max_{j≠y} z_j (untargeted) or max_{j≠t} z_j − z_t (targeted).
 * Adam (lr = alpha, default 0.01) for `steps` iterations per constant, binary search over c for
 * `searchSteps` rounds starting at `initialConst`. Returns the smallest-L2 successful point, else the
 * last iterate. A minimum-norm attack: eps is not used as a bound. Classification only.
 */
export async function cw(problem: AttackProblem, settings: AttackSettings): Promise<AttackOutcome> {
  const { objective, x0, lower, upper, goal } = problem;
  if (isSegmentation(objective) || typeof goal.label !== 'number' || goal.multilabel) {
    throw new Error('C&W is implemented for single-label classification models; use fgsm, bim, pgd or mifgsm for this model');
  }
  const steps = settings.steps;
  if (!(Number.isInteger(steps) && steps >= 1)) throw new Error(`steps must be a positive integer, got ${steps}`);
  const lr = settings.alpha ?? 0.01;
  const kappa = settings.confidence ?? 0;
  const searchSteps = settings.searchSteps ?? 5;
  const targeted = typeof goal.target === 'number';
  const cls = targeted ? (goal.target as number) : goal.label;
  const n = x0.length;
  // w0 = atanh of x0 in box coordinates, pulled slightly inside so it is finite at the box edges.
  const half = new Float32Array(n).map((_, i) => (upper[i] - lower[i]) / 2);
  const w0 = new Float64Array(n).map((_, i) => (half[i] > 0 ? Math.atanh(Math.max(-1 + 1e-6, Math.min(1 - 1e-6, (x0[i] - lower[i]) / half[i] - 1))) : 0));
  let c = settings.initialConst ?? 1;
  let cLow = 0;
  let cHigh = Infinity;
  let best: { x: Float32Array; logits: Float32Array; dist: number } | null = null;
  let last: { x: Float32Array; logits: Float32Array } | null = null;
  let iterations = 0;
  const total = steps * searchSteps;
  for (let s = 0; s < searchSteps; s++) {
    const w = Float64Array.from(w0);
    const m = new Float64Array(n);
    const v = new Float64Array(n);
    let succeededHere = false;
    for (let t = 1; t <= steps; t++) {
      throwIfAborted(settings.signal);
      const x = new Float32Array(n);
      for (let i = 0; i < n; i++) x[i] = lower[i] + half[i] * (Math.tanh(w[i]) + 1);
      const ev = await objective.evaluate(x, { kind: 'margin', label: cls });
      iterations++;
      const f = targeted ? -ev.loss : ev.loss;
      let dist = 0;
      for (let i = 0; i < n; i++) dist += (x[i] - x0[i]) ** 2;
      const success = goalReached(ev.logits, objective.outputShape, goal);
      settings.onProgress?.({ iteration: iterations, total, loss: dist + c * Math.max(f, -kappa), success });
      last = { x, logits: ev.logits };
      if (success && f <= -kappa) {
        succeededHere = true;
        if (!best || dist < best.dist) best = { x, logits: ev.logits, dist };
      }
      const active = f > -kappa ? c : 0;
      const b1 = 0.9;
      const b2 = 0.999;
      for (let i = 0; i < n; i++) {
        const gx = 2 * (x[i] - x0[i]) + active * (targeted ? -ev.grad[i] : ev.grad[i]);
        const th = Math.tanh(w[i]);
        const g = gx * half[i] * (1 - th * th);
        m[i] = b1 * m[i] + (1 - b1) * g;
        v[i] = b2 * v[i] + (1 - b2) * g * g;
        w[i] -= (lr * (m[i] / (1 - b1 ** t))) / (Math.sqrt(v[i] / (1 - b2 ** t)) + 1e-8);
      }
    }
    if (succeededHere) cHigh = Math.min(cHigh, c);
    else cLow = Math.max(cLow, c);
    c = cHigh < Infinity ? (cLow + cHigh) / 2 : c * 10;
  }
  if (best) return { x: best.x, logits: best.logits, success: true, iterations };
  if (!last) throw new Error('C&W ran no iterations');
  const logits = await objective.predict(last.x);
  return { x: last.x, logits, success: goalReached(logits, objective.outputShape, goal), iterations };
}
