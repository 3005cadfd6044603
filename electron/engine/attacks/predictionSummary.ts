import { decide, probabilities } from './goal';

/**
 * One model output read as a prediction: per-class probabilities and the decision for a classifier,
 * or the share of pixels given to each class for a segmenter.
 */
export type PredictionSummary =
  | {
      /** Raw output values (logits), one per class. */
      logits: number[];
      /** Softmax over classes, or per-class sigmoid for multi-label logits; each in [0, 1]. */
      probabilities: number[];
      /** The argmax class, or every class with p ≥ 0.5 for multi-label logits. */
      decision: number | number[];
    }
  | {
      /** Per class, the fraction (0–1) of pixels whose argmax is that class. */
      pixelFractions: number[];
    };

/**
 * Reads one model output as `aegis predict` and the 'predict' job report it. `shape` is the output
 * shape without the batch axis ([classes] or [classes, H, W]); `outputKind` is the metadata.json
 * output kind ('segmentation' and 'multilabel-logits' change the reading; anything else is softmax).
 */
export function summarisePrediction(logits: Float32Array, shape: readonly number[], outputKind: string): PredictionSummary {
  if (shape.length >= 3 || outputKind === 'segmentation') {
    const map = decide(logits, shape) as Int32Array;
    const counts = new Array<number>(shape[0]!).fill(0);
    for (const k of map) counts[k]! += 1;
    return { pixelFractions: counts.map((n) => n / map.length) };
  }
  if (outputKind === 'multilabel-logits') {
    const probs = Array.from(logits, (z) => 1 / (1 + Math.exp(-z)));
    return { logits: Array.from(logits), probabilities: probs, decision: probs.flatMap((p, k) => (p >= 0.5 ? [k] : [])) };
  }
  return { logits: Array.from(logits), probabilities: Array.from(probabilities(logits, shape)), decision: decide(logits, shape) as number };
}
