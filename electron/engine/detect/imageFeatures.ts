import type { PlanarImage } from '../defenses/planarImage';
import type { FeatureMap } from './featureMap';
import type { FeatureBatch } from './featureExtractor';
import { DEFAULT_SQUEEZERS, featureSqueezingScore } from './featureSqueezing';
import { noiseResidualMap, type NoiseResidualOptions } from './noiseResidual';

/** Where feature vectors come from: a {@link FeatureExtractor}, or a stand-in in tests. */
export interface FeatureSource {
  readonly layers: string[];
  readonly penultimate: string | null;
  readonly spatialLayer: string | null;
  run(inputs: Float32Array[]): Promise<FeatureBatch>;
}

/** The model seen by the detectors: model inputs in, features and probabilities out. */
export interface DetectionTarget {
  features: FeatureSource;
  /** The model's raw first output for one image → probabilities (softmax, sigmoid, or as is). */
  probabilities(output: Float32Array): Float32Array;
  /** MC-dropout uncertainty at a model input (probability²), when the model has Dropout layers. */
  uncertainty?: (modelInput: Float32Array) => Promise<number>;
}

/** One image to examine: display space [0, 1] at native size, and how it (or a squeezed copy) becomes a model input. */
export interface DetectionImage {
  image: PlanarImage;
  /** Display-space native image → the model's input tensor (C×H×W): the image's own pipeline. */
  toModelInput(image: PlanarImage): Float32Array;
}

/** Everything the detectors read from one image. */
export interface ImageFeatures {
  probabilities: Float32Array;
  /** argmax of the probabilities. */
  predicted: number;
  /** Pooled feature vector per layer. */
  pooled: Record<string, Float32Array>;
  spatial: FeatureMap | null;
  /** Feature-squeezing score (L1 of probabilities, max over squeezers). */
  squeeze: number;
  /** Noise-residual map (image-aligned) and its mean. */
  noise: { map: Float32Array; score: number };
  /** MC-dropout uncertainty, or null when the model has no Dropout. */
  uncertainty: number | null;
}

/**
 * Runs the model once per image on the image and its squeezed copies (one batch) and collects
 * the features every detector needs, plus the model-free noise-residual map.
 */
export async function extractImageFeatures(target: DetectionTarget, item: DetectionImage, noise: NoiseResidualOptions = {}): Promise<ImageFeatures> {
  const { image } = item;
  let batch: FeatureBatch | null = null;
  const squeeze = await featureSqueezingScore(
    image,
    async (images) => {
      batch = await target.features.run(images.map((im) => item.toModelInput(im)));
      return batch.outputs.map((o) => target.probabilities(o));
    },
    DEFAULT_SQUEEZERS,
  );
  const b = batch as FeatureBatch | null;
  if (!b) throw new Error('Feature extraction: the model was not run.');
  const probabilities = target.probabilities(b.outputs[0]);
  let predicted = 0;
  for (let c = 1; c < probabilities.length; c++) if (probabilities[c] > probabilities[predicted]) predicted = c;
  const pooled: Record<string, Float32Array> = {};
  for (const [layer, rows] of Object.entries(b.pooled)) pooled[layer] = rows[0];
  return {
    probabilities,
    predicted,
    pooled,
    spatial: b.spatial ? b.spatial[0] : null,
    squeeze: squeeze.score,
    noise: noiseResidualMap(image, noise),
    uncertainty: target.uncertainty ? await target.uncertainty(item.toModelInput(image)) : null,
  };
}

/** Softmax over a logit vector (numerically stable); probabilities sum to 1. */
export function softmax(logits: ArrayLike<number>): Float32Array {
  let m = -Infinity;
  for (let i = 0; i < logits.length; i++) m = Math.max(m, logits[i]);
  const e = Float64Array.from(logits, (v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return Float32Array.from(e, (v) => v / s);
}
