/**
 * Trains an image model (classifier or segmenter) through the gradient compiler: mini-batches drawn from a
 * seeded shuffle, AdamW (weight decay on weights, not biases) and a linear warm-up + cosine schedule.
 * Deterministic for a given seed and thread count.
 */
import type { ModelProto } from 'onnx-buf';
import { Rng } from '../../electron/engine/phantoms/random';
import { BatchSampler, gather } from './batchSampler';
import { GradientTrainer, type TrainLoss } from './gradientTrainer';
import { ScheduledAdamW } from './scheduledAdamW';
import type { Weights } from './weights';

/** Training hyper-parameters. */
export interface TrainingOptions {
  seed: number;
  steps: number;
  batch: number;
  peakLr: number;
  weightDecay: number;
  warmup: number;
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
  const trainer = await GradientTrainer.create(build(weights), weights, [1, side, side], o.loss ?? 'ce', o.threads ?? 2);
  const opt = new ScheduledAdamW(weights, o);
  const sampler = new BatchSampler(n, o.group ?? 1, new Rng(o.seed));
  const x = new Float32Array(o.batch * plane);
  const y = new Int32Array(o.batch * perSample);
  const lossCurve: number[] = [];
  let block = 0;
  try {
    for (let step = 0; step < o.steps; step++) {
      const batch = sampler.nextBatch(o.batch);
      gather(inputs, batch, plane, x);
      gather(labels, batch, perSample, y);
      const r = await trainer.step(x, o.batch, y, labelDims);
      opt.step(r.grads, step);
      block += r.loss;
      if ((step + 1) % 50 === 0) {
        lossCurve.push(block / 50);
        log(`step ${step + 1}/${o.steps}  loss ${(block / 50).toFixed(4)}  ${((performance.now() - start) / 1000).toFixed(0)} s`);
        block = 0;
      }
    }
  } finally {
    await trainer.release();
  }
  return { weights, seconds: (performance.now() - start) / 1000, lossCurve };
}
