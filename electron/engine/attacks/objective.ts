/**
 * What an attack needs from a model: loss, gradient and logits at one input. Attacks are written
 * against this, so unit tests can use an analytic model and the product an onnxruntime gradient graph.
 */

/** Loss built from the model output ("logits": pre-softmax scores; class axis first for segmentation). */
export type AttackLoss =
  /** Cross-entropy −log softmax(z)[label] (classification). */
  | { kind: 'ce'; label: number }
  /** Logit margin z[label] − max_{j≠label} z[j] (Carlini & Wagner's f, without the κ clamp). */
  | { kind: 'margin'; label: number }
  /** The single logit z[index] (multi-label models: one finding's score). */
  | { kind: 'logit'; index: number }
  /** ⟨seed, z⟩: the caller's own cotangent ∂L/∂z (e.g. e_k − e_l for DeepFool). */
  | { kind: 'cotangent'; seed: Float32Array }
  /** Mean per-pixel cross-entropy against `labels` (segmentation, logits [K, H, W]). */
  | { kind: 'segCE'; labels: Int32Array }
  /** 1 − mean soft Dice of the foreground classes 1…K−1 against `labels` (segmentation). */
  | { kind: 'dice'; labels: Int32Array };

/** One evaluation: the loss, its gradient w.r.t. the input, and the logits. */
export interface Evaluation {
  loss: number;
  /** ∂loss/∂input, same length as the input. */
  grad: Float32Array;
  logits: Float32Array;
}

/** A differentiable model seen from an attack. */
export interface Objective {
  /** Values in one input. */
  readonly inputSize: number;
  /** Logit shape: [K] for classification, [K, H, W] for segmentation. */
  readonly outputShape: readonly number[];
  /** Loss, gradient and logits at `x`. */
  evaluate(x: Float32Array, loss: AttackLoss): Promise<Evaluation>;
  /** Logits at `x` (no gradient). */
  predict(x: Float32Array): Promise<Float32Array>;
  /** Optional: logits at several inputs in one model run (query attacks' candidate batches); see {@link predictMany}. */
  predictBatch?(xs: Float32Array[]): Promise<Float32Array[]>;
  /** Optional: several evaluations in one model run (same loss kind); see {@link evaluateMany}. */
  evaluateBatch?(xs: Float32Array[], losses: AttackLoss[]): Promise<Evaluation[]>;
  /**
   * Optional: the same model read at an intermediate tensor (`name`, default the last spatial feature
   * map): an objective whose "logits" are that layer's activations, for feature-space attacks.
   */
  layer?(name?: string): Promise<Objective & { readonly layerName: string }>;
  /** Optional: prepare everything the given losses need (e.g. compile), so attack timings exclude it. */
  warmUp?(kinds: AttackLoss['kind'][]): Promise<void>;
}

/** Evaluates each (x, loss) pair: in one batch when the objective can, else one by one. */
export async function evaluateMany(objective: Objective, xs: Float32Array[], losses: AttackLoss[]): Promise<Evaluation[]> {
  if (xs.length !== losses.length) throw new Error(`evaluateMany: ${xs.length} inputs but ${losses.length} losses`);
  if (objective.evaluateBatch && xs.length > 1) return objective.evaluateBatch(xs, losses);
  const out: Evaluation[] = [];
  for (let i = 0; i < xs.length; i++) out.push(await objective.evaluate(xs[i], losses[i]));
  return out;
}

/** Logits at each input: in one batch when the objective can, else one by one. */
export async function predictMany(objective: Objective, xs: Float32Array[]): Promise<Float32Array[]> {
  if (objective.predictBatch && xs.length > 1) return objective.predictBatch(xs);
  const out: Float32Array[] = [];
  for (const x of xs) out.push(await objective.predict(x));
  return out;
}

/** Whether the output is a per-pixel map. */
export function isSegmentation(objective: Pick<Objective, 'outputShape'>): boolean {
  return objective.outputShape.length >= 3;
}
