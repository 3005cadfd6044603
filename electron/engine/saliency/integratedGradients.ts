import type { SaliencyMap, SaliencyModel } from './saliencyModel';
import type { InputShape } from './vanillaGradient';
import { classCount } from './saliencyModel';
import { reduceChannels } from './channelReduce';
import { gaussLegendre01 } from './gaussLegendre';

/** Integrated Gradients settings. */
export interface IntegratedGradientsOptions {
  classIndex: number;
  /** Quadrature points along the path (Sundararajan et al. 2017 use 20–300; default 50). */
  steps?: number;
  /** Baseline x′ in model-input space; default all zeros (a black image). Same size as x. */
  baseline?: Float32Array;
  /** `gausslegendre` (Captum's default) or `trapezoid`. */
  rule?: 'gausslegendre' | 'trapezoid';
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/** The completeness check of IG: Σ attributions should equal f(x) − f(x′). Units: score units. */
export interface Completeness {
  attributionSum: number;
  scoreDifference: number;
  /** |Σ attributions − (f(x) − f(x′))|. */
  gap: number;
  /** gap / |f(x) − f(x′)| (Sundararajan et al. ask for under 5 %). */
  relativeGap: number;
}

/** An IG map (signed, summed over channels) with its completeness check. */
export interface IntegratedGradientsResult extends SaliencyMap {
  completeness: Completeness;
}

function pathRule(rule: 'gausslegendre' | 'trapezoid', steps: number): { nodes: Float64Array; weights: Float64Array } {
  if (rule === 'gausslegendre') return gaussLegendre01(steps);
  if (steps < 2) throw new Error('Integrated Gradients: the trapezoid rule needs at least 2 steps');
  const nodes = new Float64Array(steps);
  const weights = new Float64Array(steps);
  for (let i = 0; i < steps; i++) {
    nodes[i] = i / (steps - 1);
    weights[i] = (i === 0 || i === steps - 1 ? 0.5 : 1) / (steps - 1);
  }
  return { nodes, weights };
}

/**
 * Integrated Gradients (Sundararajan, Taly & Yan 2017): (x − x′) ⊙ ∫₀¹ ∂f(x′ + α(x − x′))/∂x dα by
 * quadrature, with the path points batched into engine runs. Returns the signed map and the
 * completeness check (Captum's convergence delta).
 */
export async function integratedGradients(
  model: SaliencyModel,
  x: Float32Array,
  shape: InputShape,
  options: IntegratedGradientsOptions,
): Promise<IntegratedGradientsResult> {
  const steps = options.steps ?? 50;
  const rule = options.rule ?? 'gausslegendre';
  const size = model.sampleSize;
  const baseline = options.baseline ?? new Float32Array(size);
  if (baseline.length !== size) throw new Error(`Integrated Gradients: baseline has ${baseline.length} values, the input ${size}`);
  const { nodes, weights } = pathRule(rule, steps);
  const batchSize = Math.max(1, options.batchSize ?? 10);
  const avgGrad = new Float64Array(size);
  for (let start = 0; start < steps; start += batchSize) {
    options.signal?.throwIfAborted();
    const n = Math.min(batchSize, steps - start);
    const batch = new Float32Array(n * size);
    for (let s = 0; s < n; s++) {
      const a = nodes[start + s];
      for (let i = 0; i < size; i++) batch[s * size + i] = baseline[i] + a * (x[i] - baseline[i]);
    }
    const { grads } = await model.scoreGradients(batch, n, options.classIndex);
    for (let s = 0; s < n; s++) {
      const w = weights[start + s];
      for (let i = 0; i < size; i++) avgGrad[i] += w * grads[s * size + i];
    }
    options.onProgress?.((start + n) / steps);
  }
  const attr = new Float64Array(size);
  let attributionSum = 0;
  for (let i = 0; i < size; i++) {
    attr[i] = (x[i] - baseline[i]) * avgGrad[i];
    attributionSum += attr[i];
  }
  const ends = new Float32Array(2 * size);
  ends.set(x, 0);
  ends.set(baseline, size);
  const scores = await model.scores(ends, 2);
  const k = classCount(scores, 2);
  const scoreDifference = scores[options.classIndex] - scores[k + options.classIndex];
  const gap = Math.abs(attributionSum - scoreDifference);
  return {
    data: reduceChannels(attr, shape.channels, shape.height, shape.width, false),
    width: shape.width,
    height: shape.height,
    method: 'Integrated Gradients',
    params: { class: options.classIndex, steps, rule, baseline: options.baseline ? 'user' : 'zeros (black)' },
    completeness: { attributionSum, scoreDifference, gap, relativeGap: gap / Math.max(Math.abs(scoreDifference), 1e-12) },
  };
}
