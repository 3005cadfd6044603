/**
 * Adversarial fine-tuning of a trained detector-style classifier (Madry et al. 2018): every
 * mini-batch is replaced by its PGD-k adversarial version before the optimiser step, so the model
 * learns on the worst case inside the L∞ ball of radius ε instead of on the clean images.
 *
 * The attack is computed on the image-level decision the model is shipped with (the max-evidence
 * head, cross-entropy against the image label), which is what an attacker of the shipped model
 * optimises: for an image without a nodule it plants evidence in the most sensitive cell, for one
 * with a nodule it erases it. The update then descends the image-level cross-entropy plus
 * `mapWeight` × the per-cell cross-entropy of the evidence map on the same adversarial batch (the map
 * term keeps the evidence localised). PGD: random start δ ~ U(−ε, ε), `attackSteps` steps of
 * 2.5ε/attackSteps along sign ∇ₓL, projected onto the ball and [0, 1]; ε ramps up linearly over the first
 * 30 % of steps. Deterministic for a given seed and thread count.
 */
import type { ModelProto } from 'onnx-buf';
import { Rng } from '../../electron/engine/phantoms/random';
import { BatchSampler, gather } from './batchSampler';
import { GradientTrainer } from './gradientTrainer';
import { ScheduledAdamW } from './scheduledAdamW';
import type { TrainedModel } from './trainModel';
import type { Weights } from './weights';

/** Hyper-parameters of {@link adversarialFineTune}. */
export interface AdversarialOptions {
  seed: number;
  steps: number;
  batch: number;
  peakLr: number;
  weightDecay: number;
  warmup: number;
  /** L∞ budget in model-input units ([0, 1]). */
  eps: number;
  /** PGD iterations per batch (the k of PGD-k). */
  attackSteps: number;
  /** Weight of the per-cell evidence-map cross-entropy next to the image-level one. */
  mapWeight: number;
  threads?: number;
  /** Consecutive images that stay together in a batch (2 for with/without-nodule twins). */
  group?: number;
}

/** The two graphs of the model for the given weights: image-level logits [N, 2], and the evidence map [N, 2, S, S]. */
export interface ClassifierGraphs {
  image: (w: Weights) => ModelProto;
  map: (w: Weights) => ModelProto;
}

/**
 * Fine-tunes `weights` in place on `inputs` [N, 1, side, side] in [0, 1], with image labels
 * `labels` (N) and per-cell labels `cellLabels` (N × S × S).
 */
export async function adversarialFineTune(
  graphs: ClassifierGraphs,
  weights: Weights,
  inputs: Float32Array,
  labels: Int32Array,
  cellLabels: Int32Array,
  side: number,
  o: AdversarialOptions,
  log: (line: string) => void = () => {},
): Promise<TrainedModel> {
  const start = performance.now();
  const plane = side * side;
  const n = labels.length;
  const cells = cellLabels.length / n;
  const cellSide = Math.round(Math.sqrt(cells));
  if (inputs.length !== n * plane || cellSide * cellSide !== cells) throw new Error(`adversarial training: ${inputs.length / plane} images, ${n} labels and ${cellLabels.length} cell labels do not match`);
  const threads = o.threads ?? 2;
  const image = await GradientTrainer.create(graphs.image(weights), weights, [1, side, side], 'ce', threads);
  const map = await GradientTrainer.create(graphs.map(weights), weights, [1, side, side], 'pixel-ce', threads).catch(async (err: unknown) => {
    await image.release();
    throw err;
  });
  const opt = new ScheduledAdamW(weights, o);
  const rng = new Rng(o.seed);
  const sampler = new BatchSampler(n, o.group ?? 1, rng);
  const clean = new Float32Array(o.batch * plane);
  const x = new Float32Array(o.batch * plane);
  const y = new Int32Array(o.batch);
  const yCells = new Int32Array(o.batch * cells);
  const lossCurve: number[] = [];
  let block = 0;
  let blockCorrect = 0;
  try {
    for (let step = 0; step < o.steps; step++) {
      const batch = sampler.nextBatch(o.batch);
      gather(inputs, batch, plane, clean);
      gather(labels, batch, 1, y);
      gather(cellLabels, batch, cells, yCells);
      const eps = o.eps * Math.min(1, (step + 1) / (0.3 * o.steps));
      await pgdBatch(image, clean, x, o.batch, y, eps, o.attackSteps, rng);
      const r = await image.step(x, o.batch, y);
      const m = await map.step(x, o.batch, yCells, [cellSide, cellSide]);
      for (const [name, g] of Object.entries(r.grads)) {
        const gm = m.grads[name]!;
        for (let i = 0; i < g.length; i++) g[i] += o.mapWeight * gm[i];
      }
      opt.step(r.grads, step);
      block += r.loss;
      for (let b = 0; b < o.batch; b++) blockCorrect += Number((r.logits[2 * b + 1] > r.logits[2 * b] ? 1 : 0) === y[b]);
      if ((step + 1) % 25 === 0) {
        lossCurve.push(block / 25);
        log(`step ${step + 1}/${o.steps}  eps ${eps.toFixed(4)}  adversarial loss ${(block / 25).toFixed(4)}  accuracy ${(blockCorrect / (25 * o.batch)).toFixed(3)}  ${((performance.now() - start) / 1000).toFixed(0)} s`);
        block = 0;
        blockCorrect = 0;
      }
    }
  } finally {
    await image.release();
    await map.release();
  }
  return { weights, seconds: (performance.now() - start) / 1000, lossCurve };
}

/** Writes into `x` the PGD-k adversarial version of the batch `clean` (values in [0, 1]). */
async function pgdBatch(trainer: GradientTrainer, clean: Float32Array, x: Float32Array, n: number, y: Int32Array, eps: number, steps: number, rng: Rng): Promise<void> {
  const alpha = (2.5 * eps) / steps;
  for (let i = 0; i < x.length; i++) x[i] = Math.min(1, Math.max(0, clean[i] + rng.uniform(-eps, eps)));
  for (let k = 0; k < steps; k++) {
    const { inputGrad } = await trainer.inputGradient(x, n, y);
    for (let i = 0; i < x.length; i++) {
      const d = Math.min(eps, Math.max(-eps, x[i] - clean[i] + alpha * Math.sign(inputGrad[i])));
      x[i] = Math.min(1, Math.max(0, clean[i] + d));
    }
  }
}
