/**
 * Trains an image model (classifier or segmenter) through the gradient compiler: mini-batches drawn from a
 * seeded shuffle, AdamW (weight decay on weights, not biases), linear warm-up + cosine schedule and,
 * optionally, FGSM adversarial training with a random start (Wong, Rice & Kolter 2020, "Fast is
 * better than free": δ ~ U(−ε, ε), δ ← clip(δ + 1.25ε·sign ∇ₓL, −ε, ε)), ε ramped up over the first
 * 30 % of steps. Deterministic for a given seed and thread count.
 */
import type { ModelProto } from 'onnx-buf';
import { Rng } from '../phantom/random';
import { AdamW } from './adamW';
import { GradientTrainer, type TrainLoss } from './gradientTrainer';
import { cosineWithWarmup } from './learningRate';
import type { Weights } from './weights';

/** Training hyper-parameters. */
export interface TrainingOptions {
  seed: number;
  steps: number;
  batch: number;
  peakLr: number;
  weightDecay: number;
  warmup: number;
  /** FGSM-RS adversarial training budget in input units ([0, 1]); 0 or absent = standard training. */
  adversarialEps?: number;
  threads?: number;
  /** In-graph loss: 'ce' for classifiers (one label per image), 'pixel-ce' or 'dice' for segmenters. */
  loss?: TrainLoss;
  /** Consecutive images that stay together in a batch (2 for with/without-nodule twins; default 1). */
  group?: number;
}

/** What training produced. */
export interface TrainedModel {
  weights: Weights;
  seconds: number;
  /** Mean training loss per block of 50 steps. */
  lossCurve: number[];
}

/**
 * Trains `weights` in place on `inputs` [N, 1, side, side] with `labels` (N class indices, or
 * N square per-pixel class maps at the model output's resolution for segmentation losses).
 * @param build rebuilds the model graph for the given weights (the compiler reads initializers from it).
 */
export async function trainModel(
  build: (w: Weights) => ModelProto,
  weights: Weights,
  inputs: Float32Array,
  labels: Int32Array,
  side: number,
  o: TrainingOptions,
  log: (line: string) => void = () => {},
): Promise<TrainedModel> {
  const start = performance.now();
  const plane = side * side;
  const n = inputs.length / plane;
  const perSample = labels.length / n;
  const labelSide = Math.round(Math.sqrt(perSample));
  if (perSample !== 1 && labelSide * labelSide !== perSample) throw new Error(`training: ${labels.length} labels for ${n} images (need 1 or a square map per image)`);
  const labelDims = perSample === 1 ? [] : [labelSide, labelSide];
  const group = o.group ?? 1;
  if (n % group || o.batch % group) throw new Error(`training: images (${n}) and batch (${o.batch}) must be multiples of the group size ${group}`);
  const trainer = await GradientTrainer.create(build(weights), weights, [1, side, side], o.loss ?? 'ce', o.threads ?? 2);
  const params = new Map([...weights].map(([k, v]) => [k, v.data]));
  const opt = new AdamW(params, { weightDecay: o.weightDecay, decays: (name) => name.endsWith('.weight') });
  const rng = new Rng(o.seed);
  let order: number[] = [];
  const x = new Float32Array(o.batch * plane);
  const y = new Int32Array(o.batch * perSample);
  const lossCurve: number[] = [];
  let block = 0;
  try {
    for (let step = 0; step < o.steps; step++) {
      for (let b = 0; b < o.batch; b++) {
        if (order.length === 0) order = shuffled(n / group, rng).flatMap((g) => Array.from({ length: group }, (_, k) => g * group + group - 1 - k));
        const i = order.pop() as number;
        x.set(inputs.subarray(i * plane, (i + 1) * plane), b * plane);
        y.set(labels.subarray(i * perSample, (i + 1) * perSample), b * perSample);
      }
      const eps = (o.adversarialEps ?? 0) * Math.min(1, (step + 1) / (0.3 * o.steps));
      if (eps > 0) await fgsmRandomStart(trainer, x, o.batch, y, labelDims, eps, rng);
      const r = await trainer.step(x, o.batch, y, labelDims);
      opt.step(r.grads, cosineWithWarmup(step, { peak: o.peakLr, warmup: o.warmup, total: o.steps, floor: o.peakLr * 0.01 }));
      block += r.loss;
      if ((step + 1) % 50 === 0) {
        lossCurve.push(block / 50);
        log(`step ${step + 1}/${o.steps}  loss ${(block / 50).toFixed(4)}${eps > 0 ? `  eps ${eps.toFixed(4)}` : ''}  ${((performance.now() - start) / 1000).toFixed(0)} s`);
        block = 0;
      }
    }
  } finally {
    await trainer.release();
  }
  return { weights, seconds: (performance.now() - start) / 1000, lossCurve };
}

function shuffled(n: number, rng: Rng): number[] {
  const a = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** Replaces the batch `x` (in [0, 1]) by its FGSM-RS adversarial version, in place. */
async function fgsmRandomStart(trainer: GradientTrainer, x: Float32Array, n: number, y: Int32Array, labelDims: number[], eps: number, rng: Rng): Promise<void> {
  const delta = Float32Array.from(x, () => rng.uniform(-eps, eps));
  const start = Float32Array.from(x, (v, i) => Math.min(1, Math.max(0, v + delta[i])));
  const { inputGrad } = await trainer.step(start, n, y, labelDims);
  const alpha = 1.25 * eps;
  for (let i = 0; i < x.length; i++) {
    const d = Math.min(eps, Math.max(-eps, delta[i] + alpha * Math.sign(inputGrad[i])));
    x[i] = Math.min(1, Math.max(0, x[i] + d));
  }
}
