import type { GradientRunner } from '../autodiff/runner';
import type { LayerGradients, SaliencyModel } from './saliencyModel';

/**
 * A {@link SaliencyModel} over a compiled gradient model whose loss is `logit` (the single score
 * z_class): one onnxruntime run gives the scores and ∂z_class/∂x for a batch. Models without a
 * dynamic batch are run one sample at a time.
 */
export function runnerSaliencyModel(runner: GradientRunner, sampleShape: readonly number[]): SaliencyModel {
  if (runner.info.loss !== 'logit') throw new Error(`saliency needs a gradient model compiled with loss 'logit', not '${runner.info.loss}'`);
  const sampleSize = sampleShape.reduce((a, b) => a * b, 1);
  const output = runner.info.output;
  const batchLimit = runner.info.dynamicBatch ? Infinity : runner.info.inputShape[0];

  async function run(x: Float32Array, n: number, classIndex: number): Promise<{ scores: Float32Array; grads: Float32Array }> {
    const scores: Float32Array[] = [];
    const grads = new Float32Array(n * sampleSize);
    for (let start = 0; start < n; start += batchLimit) {
      const m = Math.min(batchLimit, n - start);
      const r = await runner.run(x.subarray(start * sampleSize, (start + m) * sampleSize), [m, ...sampleShape], {
        labels: new Array(m).fill(classIndex),
      });
      scores.push(r.outputs[output].data);
      grads.set(r.grad, start * sampleSize);
    }
    const flat = new Float32Array(scores.reduce((a, s) => a + s.length, 0));
    let o = 0;
    for (const s of scores) {
      flat.set(s, o);
      o += s.length;
    }
    return { scores: flat, grads };
  }

  return {
    sampleSize,
    scores: async (x, n) => (await run(x, n, 0)).scores,
    scoreGradients: run,
  };
}

/**
 * The activation of `layer` and ∂z_class/∂layer for one sample, from a runner compiled with
 * `{ loss: 'logit', wrt: [layer] }`. The layer must be a 4-D [1, K, h, w] feature map.
 */
export async function layerGradients(runner: GradientRunner, layer: string, x: Float32Array, sampleShape: readonly number[], classIndex: number): Promise<LayerGradients> {
  const r = await runner.run(x, [1, ...sampleShape], { labels: [classIndex] });
  const activation = r.outputs[layer];
  const gradient = r.grads[layer];
  if (!activation || !gradient) throw new Error(`Grad-CAM: the gradient model does not return layer '${layer}'`);
  if (activation.dims.length !== 4) throw new Error(`Grad-CAM: layer '${layer}' is ${activation.dims.length}-D, a spatial [N, K, h, w] feature map is needed`);
  const [, channels, height, width] = activation.dims;
  return { activation: activation.data, gradient: gradient.data, channels, height, width };
}
