import { problemGeometry, throwIfAborted, type AttackOutcome, type AttackProblem, type AttackSettings, type ImageGeometry } from './attackTypes';
import { goalLoss, goalReached } from './goal';
import { projectInPlace, steepestDirection } from './projection';
import { Rng } from './rng';

/**
 * DI's random input transform (Xie et al. 2019): nearest-neighbour shrink to a random size in
 * [0.9, 1)·(H, W), zero-padded back to H×W at a random offset. Linear, so its adjoint scatters a
 * gradient back. `source[i]` is the input index output i copies, −1 where it is padding.
 */
export function diversityIndex(g: ImageGeometry, rng: Rng): Int32Array {
  const scale = 0.9 + 0.1 * rng.uniform();
  const h = Math.max(1, Math.floor(g.height * scale));
  const w = Math.max(1, Math.floor(g.width * scale));
  const top = Math.floor(rng.uniform() * (g.height - h + 1));
  const left = Math.floor(rng.uniform() * (g.width - w + 1));
  const source = new Int32Array(g.channels * g.height * g.width).fill(-1);
  for (let c = 0; c < g.channels; c++) {
    for (let r = 0; r < h; r++) {
      const sr = Math.min(g.height - 1, Math.floor((r * g.height) / h));
      for (let q = 0; q < w; q++) source[(c * g.height + top + r) * g.width + left + q] = (c * g.height + sr) * g.width + Math.min(g.width - 1, Math.floor((q * g.width) / w));
    }
  }
  return source;
}

/** Separable Gaussian smoothing of each channel plane (TI: kernel side k, σ = (k − 1)/6, zero padding). */
export function smoothGradient(grad: Float32Array, g: ImageGeometry, k: number): Float32Array {
  if (!(Number.isInteger(k) && k >= 1 && k % 2 === 1)) throw new Error(`the TI kernel side must be an odd whole number ≥ 1, got ${k}`);
  if (k === 1) return Float32Array.from(grad);
  const half = (k - 1) / 2;
  const sigma = (k - 1) / 6;
  const kernel = Float64Array.from({ length: k }, (_, i) => Math.exp(-((i - half) ** 2) / (2 * sigma * sigma)));
  const sum = kernel.reduce((a, b) => a + b, 0);
  for (let i = 0; i < k; i++) kernel[i] /= sum;
  const tmp = new Float32Array(grad.length);
  const out = new Float32Array(grad.length);
  const plane = g.height * g.width;
  for (let c = 0; c < g.channels; c++) {
    const o = c * plane;
    for (let r = 0; r < g.height; r++) {
      for (let q = 0; q < g.width; q++) {
        let s = 0;
        for (let j = -half; j <= half; j++) if (q + j >= 0 && q + j < g.width) s += kernel[j + half] * grad[o + r * g.width + q + j];
        tmp[o + r * g.width + q] = s;
      }
    }
    for (let r = 0; r < g.height; r++) {
      for (let q = 0; q < g.width; q++) {
        let s = 0;
        for (let j = -half; j <= half; j++) if (r + j >= 0 && r + j < g.height) s += kernel[j + half] * tmp[o + (r + j) * g.width + q];
        out[o + r * g.width + q] = s;
      }
    }
  }
  return out;
}

/**
 * The transfer loop shared by DI- and TI-FGSM: MI-FGSM's momentum (μ = 1 on L1-normalised gradients,
 * Dong et al. 2018) with, per step, DI's random resize-and-pad of the input with probability
 * `diversity` and/or TI's Gaussian smoothing of the gradient with side `kernel`. Step eps/steps.
 */
async function transferLoop(problem: AttackProblem, settings: AttackSettings, diversity: number, kernel: number): Promise<AttackOutcome> {
  const { objective, x0, lower, upper, goal } = problem;
  const { eps, norm, steps, signal, onProgress } = settings;
  if (!(Number.isInteger(steps) && steps >= 1)) throw new Error(`steps must be a positive integer, got ${steps}`);
  if (!(diversity >= 0 && diversity <= 1)) throw new Error(`diversity is a probability from 0 to 1, got ${diversity}`);
  const g = problemGeometry(problem);
  const alpha = settings.alpha ?? eps / steps;
  const { loss, sign } = goalLoss(goal);
  const rng = new Rng(settings.seed);
  const x = Float32Array.from(x0);
  const velocity = new Float32Array(x.length);
  for (let t = 0; t < steps; t++) {
    throwIfAborted(signal);
    const source = diversity > 0 && rng.uniform() < diversity ? diversityIndex(g, rng) : null;
    const input = source ? Float32Array.from(source, (s) => (s < 0 ? 0 : x[s])) : x;
    const ev = await objective.evaluate(input, loss);
    let grad = ev.grad;
    if (source) {
      grad = new Float32Array(x.length);
      source.forEach((s, i) => {
        if (s >= 0) grad[s] += ev.grad[i];
      });
    }
    if (kernel > 1) grad = smoothGradient(grad, g, kernel);
    let l1 = 0;
    for (const v of grad) l1 += Math.abs(v);
    for (let i = 0; i < x.length; i++) velocity[i] = velocity[i] + (l1 > 0 ? (sign * grad[i]) / l1 : 0);
    const dir = steepestDirection(velocity, norm);
    for (let i = 0; i < x.length; i++) x[i] += alpha * dir[i];
    projectInPlace(x, x0, eps, norm, lower, upper);
    onProgress?.({ iteration: t + 1, total: steps, loss: sign * ev.loss, success: goalReached(ev.logits, objective.outputShape, goal) });
  }
  const logits = await objective.predict(x);
  return { x, logits, success: goalReached(logits, objective.outputShape, goal), iterations: steps };
}

/**
 * DI-FGSM (Xie, Zhang, Zhou, Bai, Wang, Ren & Yuille, CVPR 2019, "Improving transferability of
 * adversarial examples with input diversity"), in its momentum form M-DI²-FGSM: each step's gradient is
 * taken at a randomly resized and padded copy with probability `diversity` (default 0.5).
 */
export function difgsm(problem: AttackProblem, settings: AttackSettings): Promise<AttackOutcome> {
  return transferLoop(problem, settings, settings.diversity ?? 0.5, 1);
}

/**
 * TI-FGSM (Dong, Pang, Su & Zhu, CVPR 2019, "Evading defenses to transferable adversarial examples by
 * translation-invariant attacks"), with momentum (TI-MI-FGSM): the gradient is smoothed by a Gaussian
 * kernel of side `kernel` (default 7 pixels, σ = (k − 1)/6 as the paper's 3-sigma kernel), the sum of
 * the gradients of translated copies.
 */
export function tifgsm(problem: AttackProblem, settings: AttackSettings): Promise<AttackOutcome> {
  return transferLoop(problem, settings, 0, settings.kernel ?? 7);
}
