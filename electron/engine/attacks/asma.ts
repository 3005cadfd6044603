import { throwIfAborted, type AttackOutcome, type AttackProblem, type AttackSettings } from './attackTypes';
import { decide, goalReached } from './goal';
import { isSegmentation } from './objective';
import { projectInPlace, steepestDirection } from './projection';

/**
 * Dice and IoU of the foreground classes 1…K−1 between two label maps, averaged over the classes
 * present in either (1 when neither has foreground).
 */
export function overlap(a: Int32Array, b: Int32Array, classes: number): { dice: number; iou: number } {
  if (a.length !== b.length) throw new Error(`label maps of ${a.length} and ${b.length} pixels`);
  let dice = 0;
  let iou = 0;
  let counted = 0;
  for (let c = 1; c < classes; c++) {
    let inter = 0;
    let na = 0;
    let nb = 0;
    for (let i = 0; i < a.length; i++) {
      const ia = a[i] === c;
      const ib = b[i] === c;
      if (ia) na++;
      if (ib) nb++;
      if (ia && ib) inter++;
    }
    if (na + nb === 0) continue;
    counted++;
    dice += (2 * inter) / (na + nb);
    iou += inter / (na + nb - inter);
  }
  return counted === 0 ? { dice: 1, iou: 1 } : { dice: dice / counted, iou: iou / counted };
}

/**
 * Adaptive Segmentation Mask Attack (Ozbulak, Van Messem & De Neve, MICCAI 2019): drives a
 * segmentation towards a chosen target mask (`goal.target`; default all background, i.e. erase every
 * structure). Each step follows the gradient of Σ over pixels whose prediction does not yet match the
 * target of the target class's logit minus the predicted class's logit — the adaptive mask drops pixels
 * as soon as they reach the target, so the perturbation is spent where the mask still differs — with
 * steps α (default 2.5·eps/steps) along sign (L∞) or direction (L2), projected onto the eps-ball and
 * the box. Stops when every pixel matches the target (success is judged as for any targeted
 * segmentation goal: ≥ 90 % of pixels), else keeps the best-matching point.
 */
export async function asma(problem: AttackProblem, settings: AttackSettings): Promise<AttackOutcome> {
  const { objective, x0, lower, upper } = problem;
  if (!isSegmentation(objective)) throw new Error('ASMA attacks segmentation models (per-pixel logits [K, H, W]); for a classifier use pgd or square');
  const { eps, norm, steps, signal, onProgress } = settings;
  if (!(Number.isInteger(steps) && steps >= 1)) throw new Error(`steps must be a positive integer, got ${steps}`);
  const shape = objective.outputShape;
  const k = shape[0];
  const pixels = shape.slice(1).reduce((a, b) => a * b, 1);
  const target = problem.goal.target instanceof Int32Array ? problem.goal.target : new Int32Array(pixels).fill(typeof problem.goal.target === 'number' ? problem.goal.target : 0);
  if (target.length !== pixels) throw new Error(`the target mask has ${target.length} pixels, the model output has ${pixels}`);
  for (const t of target) if (!(t >= 0 && t < k)) throw new Error(`target class ${t} is out of range: the model has ${k} classes`);
  const goal = { ...problem.goal, target };
  const alpha = settings.alpha ?? (2.5 * eps) / steps;
  const x = Float32Array.from(x0);
  let best: { x: Float32Array; logits: Float32Array; match: number } | null = null;
  let iterations = 0;
  for (let t = 0; t < steps; t++) {
    throwIfAborted(signal);
    const logits = await objective.predict(x);
    const pred = decide(logits, shape) as Int32Array;
    const seed = new Float32Array(logits.length);
    let match = 0;
    for (let p = 0; p < pixels; p++) {
      if (pred[p] === target[p]) match++;
      else {
        seed[target[p] * pixels + p] = 1;
        seed[pred[p] * pixels + p] = -1;
      }
    }
    if (!best || match > best.match) best = { x: Float32Array.from(x), logits, match };
    onProgress?.({ iteration: t + 1, total: steps, loss: 1 - match / pixels, success: goalReached(logits, shape, goal) });
    if (match === pixels) break; // the paper iterates until the mask is the target, not just close to it
    const ev = await objective.evaluate(x, { kind: 'cotangent', seed });
    iterations++;
    const dir = steepestDirection(ev.grad, norm);
    for (let i = 0; i < x.length; i++) x[i] += alpha * dir[i];
    projectInPlace(x, x0, eps, norm, lower, upper);
  }
  const logits = await objective.predict(x);
  const match = agreementCount(decide(logits, shape) as Int32Array, target);
  if (!best || match >= best.match) best = { x, logits, match };
  return { x: best.x, logits: best.logits, success: goalReached(best.logits, shape, goal), iterations };
}

function agreementCount(a: Int32Array, b: Int32Array): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) if (a[i] === b[i]) n++;
  return n;
}
