/**
 * Dice of a two-class segmenter's lung prediction against the phantom lung masks, computed by
 * onnxruntime on the model file itself: per image D = 2|P∩G| / (|P| + |G|) with P = argmax == 1,
 * then the mean and the minimum over images.
 */
import { InferenceSession, Tensor } from 'onnxruntime-node';

/** Dice summary over a set. */
export interface DiceMetrics {
  meanDice: number;
  minDice: number;
  count: number;
}

/** Dice of one predicted mask (logits [2, H, W] flattened) against a ground-truth mask. */
export function diceFromLogits(logits: ArrayLike<number>, truth: ArrayLike<number>): number {
  const plane = truth.length;
  if (logits.length !== 2 * plane) throw new Error(`dice: ${logits.length} logits for a ${plane}-pixel mask (expected 2 per pixel)`);
  let inter = 0;
  let p = 0;
  let g = 0;
  for (let i = 0; i < plane; i++) {
    const pred = logits[plane + i] > logits[i] ? 1 : 0;
    const gt = truth[i] ? 1 : 0;
    inter += pred & gt;
    p += pred;
    g += gt;
  }
  return p + g === 0 ? 1 : (2 * inter) / (p + g);
}

/** Mean and minimum Dice of the model at `modelBytes` on inputs [N, 1, side, side] against `masks`. */
export async function segmenterDice(modelBytes: Uint8Array, inputs: Float32Array, masks: Uint8Array, side: number, batch = 16): Promise<DiceMetrics> {
  const session = await InferenceSession.create(modelBytes, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  try {
    const plane = side * side;
    const n = inputs.length / plane;
    let sum = 0;
    let min = 1;
    for (let i = 0; i < n; i += batch) {
      const b = Math.min(batch, n - i);
      const x = new Tensor('float32', inputs.subarray(i * plane, (i + b) * plane), [b, 1, side, side]);
      const out = (await session.run({ [session.inputNames[0]]: x }))[session.outputNames[0]].data as Float32Array;
      for (let k = 0; k < b; k++) {
        const d = diceFromLogits(out.subarray(2 * k * plane, 2 * (k + 1) * plane), masks.subarray((i + k) * plane, (i + k + 1) * plane));
        sum += d;
        min = Math.min(min, d);
      }
    }
    return { meanDice: sum / n, minDice: min, count: n };
  } finally {
    await session.release();
  }
}
