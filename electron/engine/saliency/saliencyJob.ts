/**
 * Job kind 'saliency': one saliency map of a model's call on an image, run in the engine process
 * with progress and cancel. The map comes back on the image's own pixel grid for the overlay.
 */
import { z } from 'zod';
import type { JobKind } from '../jobs/registry';
import { SALIENCY_METHODS } from './computeSaliency';

const payload = z.object({
  /** Absolute path of the .onnx file (metadata.json beside it is optional). */
  model: z.string().min(1),
  /** Absolute path of the image: .dcm (first frame), .png or .npy. */
  image: z.string().min(1),
  method: z.enum(SALIENCY_METHODS),
  classIndex: z.number().int().nonnegative().optional(),
  layer: z.string().optional(),
  samples: z.number().int().positive().max(500).optional(),
  sigmaFraction: z.number().positive().lt(1).optional(),
  steps: z.number().int().min(2).max(1000).optional(),
  seed: z.number().int().optional(),
  sanity: z.boolean().optional(),
});

/** What the viewer draws and states: the map on the image grid, the method and its checks. */
export interface SaliencyJobResult {
  method: string;
  params: Record<string, number | string>;
  classIndex: number;
  className: string;
  note: string | null;
  /** Row-major H×W on the image's pixels; unitless (scaled per method). */
  map: Float32Array;
  width: number;
  height: number;
  completeness: { attributionSum: number; scoreDifference: number; relativeGap: number } | null;
  sanity: { spearmanAbs: number; ssim: number | null; passed: boolean } | null;
  seconds: number;
}

/** The 'saliency' job kind. */
export const saliencyJob: JobKind<z.infer<typeof payload>> = {
  payload,
  async run({ model, image, ...request }, { signal, progress }): Promise<SaliencyJobResult> {
    progress(0, 'Preparing the model');
    const { explainImage } = await import('./explainImage');
    const r = await explainImage(model, image, { ...request, signal, onProgress: (f, m) => progress(0.05 + 0.9 * f, m) });
    return {
      method: r.map.method,
      params: r.map.params,
      classIndex: r.classIndex,
      className: r.className,
      note: r.note ?? null,
      map: r.native.data,
      width: r.native.width,
      height: r.native.height,
      completeness: r.completeness ? { attributionSum: r.completeness.attributionSum, scoreDifference: r.completeness.scoreDifference, relativeGap: r.completeness.relativeGap } : null,
      sanity: r.sanity ? { spearmanAbs: r.sanity.spearmanAbs, ssim: r.sanity.ssim, passed: r.sanity.passed } : null,
      seconds: r.seconds,
    };
  },
};
