/** Options and descriptions shared by the gradient compiler, its cache and its runner. */

/**
 * In-graph losses, each per sample (shape [N]); the gradients returned are of Σᵢ wᵢ·lossᵢ with the
 * per-sample weights w fed as `aegis_weight` (default 1 — pass −1 for a targeted attack that
 * descends, or 1/N for a batch mean).
 * - `ce`: cross-entropy of softmax over the class axis (axis 1) against `aegis_label` (int64 [N]).
 * - `margin`: C&W logit margin max_{j≠y} z_j − z_y (positive once the decision flipped away from y).
 * - `logit`: the single logit z_y (saliency, Grad-CAM).
 * - `pixel-ce`: mean over pixels of the per-pixel cross-entropy, labels int64 [N, ...spatial].
 * - `dice`: soft Dice loss 1 − mean_c (2Σp·g + 1)/(Σp + Σg + 1) with p = softmax over axis 1, g one-hot labels.
 * - `cotangent`: Σ output ⊙ `aegis_cotangent` (a user vector–Jacobian seed shaped like the output).
 */
export type LossKind = 'ce' | 'margin' | 'logit' | 'pixel-ce' | 'dice' | 'cotangent';

/** What to differentiate. */
export interface GradientOptions {
  loss: LossKind;
  /** Graph input to differentiate (default: the first float input). */
  input?: string;
  /** Tensor the loss is computed on (default: the first output, or chosen automatically). */
  output?: string;
  /** Intermediate tensors whose gradients are also returned (Grad-CAM layers, features). */
  wrt?: string[];
  /** Intermediate tensors returned as extra forward outputs (features for detectors). */
  keep?: string[];
  /** Initializers turned into graph inputs whose gradients are returned ('all' = every float initializer that matters). */
  params?: string[] | 'all';
  /** Input shape for the compile-time shape probe when the model's is not fully static (batch may be any size). */
  inputShape?: number[];
}

/** Graph names of the compiled model's extra inputs and outputs. */
export const NAMES = {
  label: 'aegis_label',
  weight: 'aegis_weight',
  cotangent: 'aegis_cotangent',
  loss: 'aegis_loss',
  /** Gradient output for a tensor: `aegis_grad:<tensor name>`. */
  grad: (tensor: string) => `aegis_grad:${tensor}`,
} as const;

/** Description of a compiled gradient model. */
export interface GradientModelInfo {
  /** Differentiated input and its probe shape (batch at the probe size). */
  input: string;
  inputShape: number[];
  /** Tensor the loss reads, and how it was chosen. */
  output: string;
  /** Probe shape of the differentiated output ([N, classes, ...]). */
  outputShape: number[];
  outputChoice: 'requested' | 'first-output' | 'auto';
  outputReason?: string;
  loss: LossKind;
  /** Whether the batch dimension may differ from the probe's. */
  dynamicBatch: boolean;
  /**
   * Forward outputs of the compiled model: the model's outputs (dropped when the output was chosen
   * automatically past non-differentiable post-processing), the loss, the differentiated output
   * tensor, kept and wrt tensors.
   */
  forwardOutputs: string[];
  /** Tensor → name of its gradient output, for the input, wrt tensors and params. */
  gradients: Record<string, string>;
  /** Initializers that became inputs (feed them in this order; their current values are in the runner). */
  params: string[];
  /** Feeds the loss needs besides the input: label, cotangent, weight. */
  feeds: { label?: { shape: 'batch' | 'batch-spatial' }; cotangent?: boolean; weight: true };
  /** Count of backward nodes emitted. */
  backwardNodes: number;
}
