import type { SaliencyMap, SaliencyModel } from './saliencyModel';
import type { InputShape } from './vanillaGradient';
import { reduceChannels } from './channelReduce';
import { Rng } from '../attacks/rng';

/** SmoothGrad settings. `sigmaFraction` is relative to the model's input range, not absolute. */
export interface SmoothGradOptions {
  classIndex: number;
  /** Noisy copies averaged (Smilkov et al. 2017 use ≈ 50). */
  samples?: number;
  /** Noise σ as a fraction of (inputMax − inputMin); the paper recommends 10–20 %, default 15 %. */
  sigmaFraction?: number;
  /** The range of values the model expects, e.g. [0, 1] or [−1024, 1024]. */
  inputRange: [number, number];
  /** Noisy copies sent to the engine in one run. */
  batchSize?: number;
  seed?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

/**
 * SmoothGrad (Smilkov et al. 2017): the mean of |∂ score_c / ∂x| over copies of x with Gaussian
 * noise of σ = sigmaFraction · (input range), summed over channels — as Captum's NoiseTunnel over
 * `Saliency(abs=True)` but with σ scaled to the input range (Captum's default σ = 1 is absolute and
 * meaningless for [0, 1] or HU inputs).
 */
export async function smoothGrad(model: SaliencyModel, x: Float32Array, shape: InputShape, options: SmoothGradOptions): Promise<SaliencyMap> {
  const samples = options.samples ?? 50;
  const fraction = options.sigmaFraction ?? 0.15;
  const batchSize = Math.max(1, Math.min(options.batchSize ?? 10, samples));
  const seed = options.seed ?? 0;
  const sigma = fraction * (options.inputRange[1] - options.inputRange[0]);
  if (!(sigma > 0)) throw new Error(`SmoothGrad: the input range ${options.inputRange.join('…')} gives no noise`);
  const size = model.sampleSize;
  const rng = new Rng(seed);
  const sum = new Float64Array(size);
  for (let done = 0; done < samples; ) {
    options.signal?.throwIfAborted();
    const n = Math.min(batchSize, samples - done);
    const batch = new Float32Array(n * size);
    for (let s = 0; s < n; s++) for (let i = 0; i < size; i++) batch[s * size + i] = x[i] + sigma * rng.normal();
    const { grads } = await model.scoreGradients(batch, n, options.classIndex);
    for (let s = 0; s < n; s++) for (let i = 0; i < size; i++) sum[i] += Math.abs(grads[s * size + i]);
    done += n;
    options.onProgress?.(done / samples);
  }
  for (let i = 0; i < size; i++) sum[i] /= samples;
  return {
    data: reduceChannels(sum, shape.channels, shape.height, shape.width, false),
    width: shape.width,
    height: shape.height,
    method: 'SmoothGrad',
    params: { class: options.classIndex, samples, sigma: `${Math.round(fraction * 100)} % of input range (${sigma.toPrecision(3)})`, seed },
  };
}
