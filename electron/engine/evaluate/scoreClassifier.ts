/**
 * Clean scores of a two-class classifier on a phantom set, computed by onnxruntime on the model
 * file itself (so a card's numbers are the shipped model's), and the summary statistics.
 */
import { InferenceSession, Tensor } from 'onnxruntime-node';
import { rocAuc } from '../stats/rocAuc';

/** AUC of the logit difference and accuracy of the argmax, both in [0, 1]. */
export interface BinaryMetrics {
  auc: number;
  accuracy: number;
  count: number;
}

/**
 * Metrics from per-image logit pairs: score = z₁ − z₀ (monotone in the softmax probability of class
 * 1 and free of float saturation), decision = argmax.
 */
export function binaryMetrics(logits: Float32Array, labels: ArrayLike<number>): BinaryMetrics {
  const n = labels.length;
  if (logits.length !== 2 * n) throw new Error(`binaryMetrics: ${logits.length} logits for ${n} labels (expected 2 per image)`);
  const neg: number[] = [];
  const pos: number[] = [];
  let correct = 0;
  for (let i = 0; i < n; i++) {
    const s = logits[2 * i + 1] - logits[2 * i];
    (labels[i] ? pos : neg).push(s);
    if ((s > 0 ? 1 : 0) === labels[i]) correct++;
  }
  return { auc: rocAuc(neg, pos), accuracy: correct / n, count: n };
}

/**
 * Logits [N, 2] of the model at `modelBytes` for inputs [N, 1, side, side], in batches, one thread
 * (deterministic and fair to a shared machine).
 */
export async function classifierLogits(modelBytes: Uint8Array, inputs: Float32Array, side: number, batch = 32): Promise<Float32Array> {
  const session = await InferenceSession.create(modelBytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  try {
    const plane = side * side;
    const n = inputs.length / plane;
    const out = new Float32Array(2 * n);
    for (let i = 0; i < n; i += batch) {
      const b = Math.min(batch, n - i);
      const x = new Tensor('float32', inputs.subarray(i * plane, (i + b) * plane), [b, 1, side, side]);
      const r = await session.run({ [session.inputNames[0]]: x });
      out.set(r[session.outputNames[0]].data as Float32Array, 2 * i);
    }
    return out;
  } finally {
    await session.release();
  }
}
