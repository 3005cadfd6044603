import type { AttackSpace } from './attackSpace';
import { problemGeometry, throwIfAborted, type AttackOutcome, type AttackProblem, type AttackProgress, type AttackSettings, type ImageGeometry, type UniversalPerturbation } from './attackTypes';
import { goalReached, type AttackGoal } from './goal';
import { marginObjective } from './apgd';
import { evaluateMany, type Objective } from './objective';
import { clipInPlace } from './projection';
import { goalMargin } from './queryOracle';
import { Rng } from './rng';

/** One training image of a universal perturbation: its attack space and what fooling it means. */
export interface UniversalItem {
  space: AttackSpace;
  goal: AttackGoal;
}

/** Settings of {@link trainUniversal}. */
export interface UniversalSettings {
  /** L∞ budget in normalised units. */
  eps: number;
  /** Passes over the training images (default 10). */
  epochs?: number;
  /** Images per update (default 8), scored in one model run when the model allows. */
  batch?: number;
  /** Step per update (default eps/10). */
  alpha?: number;
  /** Logit margin an image must be pushed past before it stops contributing (default 1). */
  confidence?: number;
  seed: number;
  signal?: AbortSignal;
  onProgress?: (p: AttackProgress) => void;
}

/**
 * A universal adversarial perturbation (Moosavi-Dezfooli, Fawzi, Fawzi & Frossard, CVPR 2017: one
 * image-agnostic δ that fools the model on most images of a distribution), trained by stochastic
 * projected gradient (Shafahi, Najibi, Xu, Dickerson, Davis & Goldstein, AAAI 2020): per minibatch,
 * δ ← clip(δ − α·sign(Σᵢ ∇ marginᵢ(clip(xᵢ + δ))), −eps, eps) (apgd.ts's margin objective) over the images whose margin is not yet
 * below −κ — as Moosavi-Dezfooli et al. update only on images not yet fooled. All images must share
 * one layout; δ lives on it in normalised units. Returns δ and the fraction of training images fooled
 * (before quantisation).
 */
export async function trainUniversal(model: Objective, items: UniversalItem[], settings: UniversalSettings): Promise<UniversalPerturbation & { trainFooled: number }> {
  if (items.length === 0) throw new Error('a universal perturbation needs at least one training image');
  const { eps } = settings;
  if (!(eps > 0 && eps <= 1)) throw new Error(`eps must be in (0, 1], got ${eps}`);
  const s0 = items[0].space;
  const geometry = { channels: s0.channels, height: s0.height, width: s0.width };
  for (const it of items) {
    if (it.space.width !== s0.width || it.space.height !== s0.height || it.space.channels !== s0.channels) {
      throw new Error(`training images must share one size: ${s0.width}×${s0.height}×${s0.channels} and ${it.space.width}×${it.space.height}×${it.space.channels}`);
    }
  }
  const epochs = settings.epochs ?? 10;
  const batch = settings.batch ?? 8;
  const alpha = settings.alpha ?? eps / 10;
  const kappa = settings.confidence ?? 1;
  const rng = new Rng(settings.seed);
  const delta = new Float32Array(s0.x0.length);
  const perturbed = (it: UniversalItem) => {
    const u = it.space.x0.map((v, i) => v + delta[i]);
    clipInPlace(u, it.space.lower, it.space.upper);
    return u;
  };
  const total = epochs * Math.ceil(items.length / batch);
  let step = 0;
  for (let e = 0; e < epochs; e++) {
    const order = items.map((_, i) => i);
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rng.uniform() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (let b = 0; b < order.length; b += batch) {
      throwIfAborted(settings.signal);
      const chosen = order.slice(b, b + batch).map((i) => items[i]);
      const us = chosen.map(perturbed);
      const losses = chosen.map((it) => marginObjective(it.goal, false)); // ascended: the margin falls
      const evs = await evaluateMany(model, us.map((u, i) => chosen[i].space.toModelInput(u)), losses.map((l) => l.loss));
      const sum = new Float64Array(delta.length);
      let active = 0;
      evs.forEach((ev, i) => {
        if (goalMargin(ev.logits, chosen[i].goal) <= -kappa) return;
        active++;
        const g = chosen[i].space.backward(ev.grad, us[i]);
        for (let p = 0; p < sum.length; p++) sum[p] += losses[i].sign * g[p];
      });
      if (active > 0) for (let p = 0; p < delta.length; p++) delta[p] = Math.max(-eps, Math.min(eps, delta[p] + alpha * Math.sign(sum[p])));
      step++;
      settings.onProgress?.({ iteration: step, total, loss: active, success: active === 0 });
    }
  }
  let fooled = 0;
  for (const it of items) if (goalReached(await model.predict(it.space.toModelInput(perturbed(it))), model.outputShape, it.goal)) fooled++;
  return { delta, geometry, trainFooled: fooled / items.length };
}

/** Bilinear resampling of a planar perturbation to another layout (same channel count). */
export function resamplePerturbation(p: UniversalPerturbation, to: ImageGeometry): Float32Array {
  const { delta, geometry: from } = p;
  if (from.channels !== to.channels) throw new Error(`the perturbation has ${from.channels} channel(s), the image ${to.channels}`);
  if (from.height === to.height && from.width === to.width) return Float32Array.from(delta);
  const out = new Float32Array(to.channels * to.height * to.width);
  const coord = (k: number, n: number, m: number) => Math.min(m - 1, Math.max(0, ((k + 0.5) * m) / n - 0.5));
  for (let c = 0; c < to.channels; c++) {
    for (let r = 0; r < to.height; r++) {
      const y = coord(r, to.height, from.height);
      const y0 = Math.floor(y);
      const y1 = Math.min(from.height - 1, y0 + 1);
      const fy = y - y0;
      for (let q = 0; q < to.width; q++) {
        const x = coord(q, to.width, from.width);
        const x0 = Math.floor(x);
        const x1 = Math.min(from.width - 1, x0 + 1);
        const fx = x - x0;
        const at = (yy: number, xx: number) => delta[(c * from.height + yy) * from.width + xx];
        out[(c * to.height + r) * to.width + q] = (1 - fy) * ((1 - fx) * at(y0, x0) + fx * at(y0, x1)) + fy * ((1 - fx) * at(y1, x0) + fx * at(y1, x1));
      }
    }
  }
  return out;
}

/**
 * Applies a universal perturbation (`settings.universal`) to one image: x = clip(x0 + δ), δ resampled
 * bilinearly when the image's size differs. No model query beyond the final score; eps should be the
 * perturbation's own budget (its largest |δ|).
 */
export async function applyUniversal(problem: AttackProblem, settings: AttackSettings): Promise<AttackOutcome> {
  if (!settings.universal) throw new Error('no universal perturbation given: make one with `aegis uap --model M --data DIR --eps E --out UAP.npy`');
  const delta = resamplePerturbation(settings.universal, problemGeometry(problem));
  const x = problem.x0.map((v, i) => v + delta[i]);
  clipInPlace(x, problem.lower, problem.upper);
  const logits = await problem.objective.predict(x);
  return { x, logits, success: goalReached(logits, problem.objective.outputShape, problem.goal), iterations: 0, queries: 1 };
}
