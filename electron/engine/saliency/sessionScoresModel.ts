import { Tensor, type InferenceSession } from 'onnxruntime-node';
import { concatFloat32 } from '../io/concatFloat32';
import type { SaliencyModel } from './saliencyModel';

/**
 * A forward-only {@link SaliencyModel} over a plain onnxruntime session, for models the gradient
 * compiler cannot differentiate: occlusion works with it, gradient methods refuse with `reason`.
 * Samples are run one at a time unless the model's batch is dynamic.
 */
export function sessionScoresModel(
  session: InferenceSession,
  sampleShape: readonly number[],
  options: { input: string; output: string; dynamicBatch: boolean; reason: string },
): SaliencyModel {
  const sampleSize = sampleShape.reduce((a, b) => a * b, 1);
  const step = options.dynamicBatch ? Infinity : 1;
  return {
    sampleSize,
    async scores(x, n) {
      const parts: Float32Array[] = [];
      for (let start = 0; start < n; start += step) {
        const m = Math.min(step, n - start);
        const feed = new Tensor('float32', x.slice(start * sampleSize, (start + m) * sampleSize), [m, ...sampleShape]);
        const out = await session.run({ [options.input]: feed });
        parts.push(out[options.output].data as Float32Array);
      }
      return concatFloat32(parts);
    },
    async scoreGradients() {
      throw new Error(`gradient saliency is not available for this model: ${options.reason}. Use occlusion.`);
    },
  };
}
