import type { SaliencyMap, SaliencyModel } from './saliencyModel';
import type { InputShape } from './vanillaGradient';
import { classCount } from './saliencyModel';

/** Occlusion settings, in model-input pixels and units. */
export interface OcclusionOptions {
  classIndex: number;
  /** Side of the square patch (pixels). */
  window?: number;
  /** Step between patches (pixels). */
  stride?: number;
  /** Value written into the patch, in model-input units (default 0). */
  fill?: number;
  batchSize?: number;
  signal?: AbortSignal;
  onProgress?: (fraction: number) => void;
}

function positions(size: number, window: number, stride: number): number[] {
  const out: number[] = [];
  for (let p = 0; p + window <= size; p += stride) out.push(p);
  if (out.length === 0 || out[out.length - 1] + window < size) out.push(Math.max(0, size - window));
  return out;
}

/**
 * Occlusion (Zeiler & Fergus 2014; Captum `Occlusion`): slide a patch filled with `fill` over every
 * channel, record the drop of the class score, and give each pixel the mean drop of the patches that
 * covered it. Needs only forward passes, so it works for models the compiler cannot differentiate.
 * Units: score units.
 */
export async function occlusion(model: SaliencyModel, x: Float32Array, shape: InputShape, options: OcclusionOptions): Promise<SaliencyMap> {
  const window = options.window ?? Math.max(4, Math.round(Math.min(shape.width, shape.height) / 14));
  const stride = options.stride ?? Math.max(1, Math.floor(window / 2));
  const fill = options.fill ?? 0;
  const { channels, height, width } = shape;
  const size = model.sampleSize;
  const plane = height * width;
  const ys = positions(height, window, stride);
  const xs = positions(width, window, stride);
  const patches = ys.flatMap((y) => xs.map((px) => [y, px] as const));
  const base = await model.scores(x, 1);
  const baseScore = base[options.classIndex];
  const total = new Float64Array(plane);
  const count = new Float64Array(plane);
  const batchSize = Math.max(1, options.batchSize ?? 16);
  for (let start = 0; start < patches.length; start += batchSize) {
    options.signal?.throwIfAborted();
    const chunk = patches.slice(start, start + batchSize);
    const batch = new Float32Array(chunk.length * size);
    chunk.forEach(([y0, x0], s) => {
      batch.set(x, s * size);
      for (let c = 0; c < channels; c++) {
        for (let y = y0; y < y0 + window; y++) batch.fill(fill, s * size + c * plane + y * width + x0, s * size + c * plane + y * width + x0 + window);
      }
    });
    const scores = await model.scores(batch, chunk.length);
    const k = classCount(scores, chunk.length);
    chunk.forEach(([y0, x0], s) => {
      const drop = baseScore - scores[s * k + options.classIndex];
      for (let y = y0; y < y0 + window; y++) {
        for (let xx = x0; xx < x0 + window; xx++) {
          total[y * width + xx] += drop;
          count[y * width + xx] += 1;
        }
      }
    });
    options.onProgress?.(Math.min(1, (start + chunk.length) / patches.length));
  }
  const data = new Float32Array(plane);
  for (let i = 0; i < plane; i++) data[i] = count[i] > 0 ? total[i] / count[i] : 0;
  return { data, width, height, method: 'Occlusion', params: { class: options.classIndex, window, stride, fill } };
}
