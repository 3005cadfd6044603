/**
 * What saliency methods need from a model, in raw model-input space (the tensor the ONNX model
 * takes, after preprocessing). An adapter over the compiled gradient model implements it; tests use
 * analytic models. Tensors are flat, row-major; one sample is `sampleSize` floats (C·H·W).
 */
export interface SaliencyModel {
  /** Floats per sample (C·H·W). */
  readonly sampleSize: number;
  /** Scores (logits) for `n` samples stacked in `x`; returns n × classes, row-major. */
  scores(x: Float32Array, n: number): Promise<Float32Array>;
  /**
   * Gradient of the score of `classIndex` with respect to the input, for `n` stacked samples.
   * Returns the scores too (n × classes) so one engine run serves both.
   */
  scoreGradients(x: Float32Array, n: number, classIndex: number): Promise<{ scores: Float32Array; grads: Float32Array }>;
}

/** A spatial feature map and the gradient of a class score with respect to it (Grad-CAM family). */
export interface LayerGradients {
  /** Activation A, shape [K, h, w] (one sample), row-major. */
  activation: Float32Array;
  /** ∂score/∂A, same shape. */
  gradient: Float32Array;
  channels: number;
  height: number;
  width: number;
}

/** A saliency map aligned to the model input's spatial grid (H × W), with how it was made. */
export interface SaliencyMap {
  data: Float32Array;
  width: number;
  height: number;
  method: string;
  /** The method's parameters as shown in the UI ("samples": 50, "sigma": 0.15 …). */
  params: Record<string, number | string>;
}

/** Number of classes implied by a scores array for `n` samples. */
export function classCount(scores: Float32Array, n: number): number {
  if (n <= 0 || scores.length % n !== 0) throw new Error(`saliency: ${scores.length} scores do not split into ${n} samples`);
  return scores.length / n;
}
