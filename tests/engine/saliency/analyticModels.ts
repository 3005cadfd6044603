/** Analytic models with known gradients, for testing saliency methods without ONNX. */
import type { SaliencyModel } from '../../../electron/engine/saliency/saliencyModel';

/** score_c(x) = Σ_i w[c][i] · tanh(x_i) + b_c, gradient w[c][i] · (1 − tanh²(x_i)). */
export function tanhLinearModel(weights: Float32Array[], bias: number[] = weights.map(() => 0)): SaliencyModel {
  const size = weights[0].length;
  const classes = weights.length;
  const scores = async (x: Float32Array, n: number) => {
    const out = new Float32Array(n * classes);
    for (let s = 0; s < n; s++) {
      for (let c = 0; c < classes; c++) {
        let acc = bias[c];
        for (let i = 0; i < size; i++) acc += weights[c][i] * Math.tanh(x[s * size + i]);
        out[s * classes + c] = acc;
      }
    }
    return out;
  };
  return {
    sampleSize: size,
    scores,
    async scoreGradients(x, n, classIndex) {
      const grads = new Float32Array(n * size);
      for (let s = 0; s < n; s++) {
        for (let i = 0; i < size; i++) {
          const t = Math.tanh(x[s * size + i]);
          grads[s * size + i] = weights[classIndex][i] * (1 - t * t);
        }
      }
      return { scores: await scores(x, n), grads };
    },
  };
}

/** A deterministic pseudo-random vector in [−1, 1). */
export function randomVector(n: number, seed: number): Float32Array {
  let a = seed >>> 0;
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    a = (Math.imul(a, 1664525) + 1013904223) >>> 0;
    out[i] = a / 2 ** 31 - 1;
  }
  return out;
}
