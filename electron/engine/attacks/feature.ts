import { throwIfAborted, type AttackOutcome, type AttackProblem, type AttackSettings } from './attackTypes';
import { goalReached } from './goal';
import { projectInPlace, steepestDirection } from './projection';
import { Rng } from './rng';

/**
 * Feature-space attack (Wang, Shu, Wang, Feng, Zhang & Yi, IEEE Trans. Cybern. 2022, "A feature
 * space-restricted attention attack on medical deep learning systems": the perturbation works on an
 * intermediate representation rather than on the output). With a guide image (`guide`, e.g. an image
 * of the class wanted), it descends ½‖φ(x) − φ(guide)‖² so the layer's features move toward the
 * guide's; without one, it ascends ½‖φ(x) − φ(x0)‖² from a random start (feature disruption). φ is
 * the layer `layer` (default: the last spatial feature map). Steps α (default 2.5·eps/steps) along
 * sign (L∞) or direction (L2), projected onto the eps-ball and the box; success is judged on the
 * model's output, and the attack stops at the first success.
 */
export async function feature(problem: AttackProblem, settings: AttackSettings): Promise<AttackOutcome> {
  const { objective, x0, lower, upper, goal } = problem;
  if (!objective.layer) throw new Error('the feature attack needs a model it can read at an intermediate layer (an ONNX model)');
  const { eps, norm, steps, signal, onProgress } = settings;
  if (!(Number.isInteger(steps) && steps >= 1)) throw new Error(`steps must be a positive integer, got ${steps}`);
  const layer = await objective.layer(settings.layer);
  const guide = settings.guide;
  if (guide && guide.length !== x0.length) throw new Error(`the guide image has ${guide.length} values, the attacked image ${x0.length}; use a guide of the same size`);
  const anchor = await layer.predict(guide ?? x0);
  const sign = guide ? -1 : 1;
  const alpha = settings.alpha ?? (2.5 * eps) / steps;
  const x = Float32Array.from(x0);
  if (!guide) {
    const rng = new Rng(settings.seed);
    for (let i = 0; i < x.length; i++) x[i] += (norm === 'linf' ? eps : eps / Math.sqrt(x.length)) * (2 * rng.uniform() - 1);
    projectInPlace(x, x0, eps, norm, lower, upper);
  }
  let iterations = 0;
  for (let t = 0; t < steps; t++) {
    throwIfAborted(signal);
    const logits = await objective.predict(x);
    if (goalReached(logits, objective.outputShape, goal)) return { x, logits, success: true, iterations };
    const phi = await layer.predict(x);
    const seed = phi.map((v, i) => v - anchor[i]);
    const ev = await layer.evaluate(x, { kind: 'cotangent', seed });
    iterations++;
    const distance = seed.reduce((s, v) => s + v * v, 0) / 2;
    onProgress?.({ iteration: t + 1, total: steps, loss: sign * distance, success: false });
    const dir = steepestDirection(ev.grad.map((v) => sign * v), norm);
    for (let i = 0; i < x.length; i++) x[i] += alpha * dir[i];
    projectInPlace(x, x0, eps, norm, lower, upper);
  }
  const logits = await objective.predict(x);
  return { x, logits, success: goalReached(logits, objective.outputShape, goal), iterations };
}
