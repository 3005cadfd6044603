import type { AttackLoss } from './objective';

/**
 * Reference implementation of every {@link AttackLoss} on logits in JavaScript: the value and its
 * cotangent ∂loss/∂logits. The analytic test model uses it, and so can any model whose gradient
 * graph takes a cotangent (vector–Jacobian seed) as input. `shape` is [K] or [K, H, W].
 */
export function lossFromLogits(
  logits: Float32Array,
  shape: readonly number[],
  loss: AttackLoss,
): { loss: number; seed: Float32Array } {
  const k = shape[0];
  const pixels = logits.length / k;
  const seed = new Float32Array(logits.length);
  switch (loss.kind) {
    case 'cotangent': {
      if (loss.seed.length !== logits.length) throw new Error(`cotangent has ${loss.seed.length} values, the output has ${logits.length}`);
      let v = 0;
      for (let i = 0; i < logits.length; i++) v += loss.seed[i] * logits[i];
      seed.set(loss.seed);
      return { loss: v, seed };
    }
    case 'ce': {
      checkClass(loss.label, k);
      const p = softmaxAt(logits, k, pixels, 0);
      for (let c = 0; c < k; c++) seed[c] = p[c] - (c === loss.label ? 1 : 0);
      return { loss: -Math.log(Math.max(p[loss.label], 1e-300)), seed };
    }
    case 'logit': {
      checkClass(loss.index, k);
      seed[loss.index] = 1;
      return { loss: logits[loss.index], seed };
    }
    case 'margin': {
      checkClass(loss.label, k);
      let other = -1;
      for (let c = 0; c < k; c++) if (c !== loss.label && (other < 0 || logits[c] > logits[other])) other = c;
      seed[loss.label] = 1;
      seed[other] = -1;
      return { loss: logits[loss.label] - logits[other], seed };
    }
    case 'segCE': {
      checkLabels(loss.labels, pixels, k);
      let total = 0;
      for (let px = 0; px < pixels; px++) {
        const p = softmaxAt(logits, k, pixels, px);
        const y = loss.labels[px];
        total -= Math.log(Math.max(p[y], 1e-300));
        for (let c = 0; c < k; c++) seed[c * pixels + px] = (p[c] - (c === y ? 1 : 0)) / pixels;
      }
      return { loss: total / pixels, seed };
    }
    case 'dice': {
      checkLabels(loss.labels, pixels, k);
      if (k < 2) throw new Error('Dice loss needs at least 2 classes (background + foreground)');
      const probs = new Float64Array(logits.length);
      for (let px = 0; px < pixels; px++) {
        const p = softmaxAt(logits, k, pixels, px);
        for (let c = 0; c < k; c++) probs[c * pixels + px] = p[c];
      }
      // dice_c = (2·I + ε)/(S + ε), I = Σ p·y, S = Σ p + Σ y; loss = 1 − mean_c dice_c.
      const eps = 1e-6;
      const dProb = new Float64Array(logits.length);
      let mean = 0;
      for (let c = 1; c < k; c++) {
        let inter = 0;
        let sum = 0;
        for (let px = 0; px < pixels; px++) {
          const y = loss.labels[px] === c ? 1 : 0;
          inter += probs[c * pixels + px] * y;
          sum += probs[c * pixels + px] + y;
        }
        const dice = (2 * inter + eps) / (sum + eps);
        mean += dice / (k - 1);
        for (let px = 0; px < pixels; px++) {
          const y = loss.labels[px] === c ? 1 : 0;
          dProb[c * pixels + px] = -((2 * y) / (sum + eps) - dice / (sum + eps)) / (k - 1);
        }
      }
      // Back through the per-pixel softmax: ∂L/∂z_c = p_c·(∂L/∂p_c − Σ_j p_j·∂L/∂p_j).
      for (let px = 0; px < pixels; px++) {
        let dot = 0;
        for (let c = 0; c < k; c++) dot += probs[c * pixels + px] * dProb[c * pixels + px];
        for (let c = 0; c < k; c++) seed[c * pixels + px] = probs[c * pixels + px] * (dProb[c * pixels + px] - dot);
      }
      return { loss: 1 - mean, seed };
    }
  }
}

/** Softmax over the class axis at one pixel (numerically stable), as float64. */
export function softmaxAt(logits: ArrayLike<number>, k: number, pixels: number, px: number): Float64Array {
  let max = -Infinity;
  for (let c = 0; c < k; c++) max = Math.max(max, logits[c * pixels + px]);
  const p = new Float64Array(k);
  let sum = 0;
  for (let c = 0; c < k; c++) {
    p[c] = Math.exp(logits[c * pixels + px] - max);
    sum += p[c];
  }
  for (let c = 0; c < k; c++) p[c] /= sum;
  return p;
}

function checkClass(label: number, k: number): void {
  if (!(Number.isInteger(label) && label >= 0 && label < k)) throw new Error(`class ${label} is out of range: the model has ${k} classes (0…${k - 1})`);
}

function checkLabels(labels: Int32Array, pixels: number, k: number): void {
  if (labels.length !== pixels) throw new Error(`label map has ${labels.length} pixels, the output has ${pixels}`);
  for (const y of labels) checkClass(y, k);
}
