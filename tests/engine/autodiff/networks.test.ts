import { describe, expect, it } from 'vitest';
import { GradientRunner } from '../../../electron/engine/autodiff';
import { checkGradient, rng } from './gradcheck';
import { resnetLike, unetLike, vitLike } from './networks';

const uniform = (n: number, seed: number) => {
  const r = rng(seed);
  return Float32Array.from({ length: n }, () => r());
};

/** Σᵢ wᵢ·CE(softmax(yᵢ), labelᵢ) in float64. */
const crossEntropy = (labels: number[], weights: number[]) => (y: Float32Array, dims: number[]) => {
  const c = dims[1];
  let total = 0;
  labels.forEach((label, i) => {
    const row = Array.from(y.subarray(i * c, (i + 1) * c));
    const max = Math.max(...row);
    const lse = Math.log(row.reduce((s, v) => s + Math.exp(v - max), 0)) + max;
    total += weights[i] * (lse - row[label]);
  });
  return total;
};

describe('whole small networks: compiled gradients equal finite differences', () => {
  it('ResNet-like classifier, cross-entropy, batch of 2 (one targeted, weight −1)', async () => {
    const labels = [2, 0];
    const weights = [1, -1];
    await checkGradient(resnetLike(), [2, 1, 8, 8], { x: uniform(128, 3), loss: 'ce', seeds: { labels, weights }, objective: crossEntropy(labels, weights) });
  });

  it('ResNet-like: logit margin (C&W) and single logit', async () => {
    const margin = (y: Float32Array) => {
      const row = Array.from(y);
      const others = row.filter((_, j) => j !== 1);
      return Math.max(...others) - row[1];
    };
    await checkGradient(resnetLike(), [1, 1, 8, 8], { x: uniform(64, 4), loss: 'margin', seeds: { labels: [1] }, objective: margin });
    await checkGradient(resnetLike(), [1, 1, 8, 8], { x: uniform(64, 5), loss: 'logit', seeds: { labels: [2] }, objective: (y) => y[2] });
  });

  it('ResNet-like: parameter gradients for training (params: all)', async () => {
    const model = resnetLike();
    const convW = model.graph!.node[0].input[1];
    const gemmW = model.graph!.node.at(-1)!.input[1];
    const labels = [1, 2];
    await checkGradient(model, [2, 1, 8, 8], { x: uniform(128, 6), loss: 'ce', seeds: { labels }, objective: crossEntropy(labels, [1, 1]), params: [convW, gemmW], h: 2e-4 });
  });

  // Inputs are chosen so no ReLU pre-activation or pooling tie lies within the finite-difference
  // step (at such kinks central differences average two one-sided slopes and prove nothing).
  it('U-Net-like segmenter (ConvTranspose, Resize, Concat, InstanceNorm): per-pixel CE and soft Dice', async () => {
    const r = rng(8);
    const labels = Array.from({ length: 64 }, () => (r() < 0.4 ? 1 : 0));
    const pixelCe = (y: Float32Array) => {
      let s = 0;
      for (let p = 0; p < 64; p += 1) {
        const a = y[p];
        const b = y[64 + p];
        const m = Math.max(a, b);
        s += Math.log(Math.exp(a - m) + Math.exp(b - m)) + m - (labels[p] ? b : a);
      }
      return s / 64;
    };
    const dice = (y: Float32Array) => {
      let total = 0;
      for (let c = 0; c < 2; c += 1) {
        let inter = 0;
        let sp = 0;
        let sg = 0;
        for (let p = 0; p < 64; p += 1) {
          const prob = 1 / (1 + Math.exp(y[(1 - c) * 64 + p] - y[c * 64 + p]));
          const g = labels[p] === c ? 1 : 0;
          inter += prob * g;
          sp += prob;
          sg += g;
        }
        total += (2 * inter + 1) / (sp + sg + 1);
      }
      return 1 - total / 2;
    };
    await checkGradient(unetLike(), [1, 1, 8, 8], { x: uniform(64, 10), loss: 'pixel-ce', seeds: { labels }, objective: pixelCe, h: 2e-4, atol: 1e-3 });
    await checkGradient(unetLike(), [1, 1, 8, 8], { x: uniform(64, 11), loss: 'dice', seeds: { labels }, objective: dice, h: 2e-4, atol: 1e-3 });
  });

  it('ViT-like block (patchify, class token, LayerNorm, attention Softmax, Erf GELU): cotangent', async () => {
    await checkGradient(vitLike(), [2, 1, 8, 8], { x: uniform(128, 11) });
  });

  it('Grad-CAM: gradient and value of an intermediate tensor, batch size free', async () => {
    const model = resnetLike();
    const layer = model.graph!.node.find((n) => n.opType === 'GlobalAveragePool')!.input[0];
    const runner = await GradientRunner.create({ model }, { loss: 'logit', wrt: [layer] }, { cacheDir: null });
    expect(runner.info.dynamicBatch).toBe(true);
    const x = uniform(3 * 64, 12);
    const r = await runner.run(x, [3, 1, 8, 8], { labels: [0, 1, 2] });
    const fmap = r.outputs[layer];
    const grad = r.grads[layer];
    expect(fmap.dims).toEqual([3, 6, 2, 2]);
    // Through GAP → Gemm, ∂logit_k/∂A[c, i, j] = W[k, c] / (H·W) for every position.
    const gemm = model.graph!.node.at(-1)!;
    const wName = gemm.input[1];
    const { decodeTensor } = await import('../../../electron/engine/onnx/tensorValues');
    const W = decodeTensor(model.graph!.initializer.find((t) => t.name === wName)!).values;
    for (let n = 0; n < 3; n += 1) for (let c = 0; c < 6; c += 1) for (let p = 0; p < 4; p += 1) {
      expect(grad.data[((n * 6) + c) * 4 + p]).toBeCloseTo(W[n * 6 + c] / 4, 6);
    }
    await runner.release();
  });
});
