/**
 * Job kind 'saliency': one saliency map of a model's call on an image, run in the engine process
 * with progress and cancel. The map comes back on the image's own pixel grid for the overlay.
 */
import { z } from 'zod';
import type { JobKind } from '../jobs/registry';
import { saliencyParamsSchema, type SaliencyResult } from '../../shared/labTypes';

const payload = saliencyParamsSchema.extend({
  /** Absolute path of the .onnx file (metadata.json beside it is optional). */
  model: z.string().min(1),
  /** Absolute path of the image: .dcm (first frame), .png or .npy. */
  image: z.string().min(1),
});

/** The 'saliency' job kind. */
export const saliencyJob: JobKind<z.infer<typeof payload>> = {
  payload,
  async run({ model, image, ...request }, { signal, progress }): Promise<SaliencyResult> {
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
