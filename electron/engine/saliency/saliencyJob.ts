/**
 * Job kind 'saliency': one saliency map of a model's call on an image, run in the engine process
 * with progress and cancel. The map comes back on the image's own pixel grid for the overlay.
 */
import { defineJob } from '../jobs/defineJob';
import { saliencyResult } from './saliencyResult';

/** The 'saliency' job kind; payload and result: `JOB_KINDS.saliency` in electron/shared/jobKinds. */
export const saliencyJob = defineJob('saliency', async ({ model, image, ...request }, { signal, progress }) => {
  progress(0, 'Preparing the model');
  const { explainImage } = await import('./explainImage');
  const r = await explainImage(model, image, { ...request, signal, onProgress: (f, m) => progress(0.05 + 0.9 * f, m) });
  return saliencyResult(r);
});
