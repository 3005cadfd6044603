/**
 * Job kind 'attack.margin': the robustness margin of one image — the smallest budget (normalised
 * display units) at which a seeded, early-stopping attack flips the model's call after quantisation
 * to stored values, found by bisection on [0, maxEps] (electron/engine/attacks/robustnessMargin).
 */
import { defineJob } from './defineJob';

/** The 'attack.margin' job kind; payload and result: `JOB_KINDS['attack.margin']` in electron/shared/jobKinds. */
export const marginJob = defineJob('attack.margin', async (p, { signal, progress }) => {
  progress(0, 'Loading the model and the image');
  const [{ openImageTask }, { imageRobustnessMargin }] = await Promise.all([import('../attacks/imageTask'), import('../attacks/robustnessMargin')]);
  const task = await openImageTask(p.model, p.image);
  try {
    // Probes needed: one at maxEps, then ⌈log2(maxEps / tolerance)⌉ halvings.
    const total = 1 + Math.max(0, Math.ceil(Math.log2(p.maxEps / p.tolerance)));
    const started = performance.now();
    const r = await imageRobustnessMargin(task.objective, task.spaces[0]!, {
      ...p,
      signal,
      onProbe: (done, eps) => progress(done / total, `Probe ${done + 1} of at most ${total}: eps ${eps.toPrecision(3)}`),
    });
    return { method: p.method, norm: p.norm, maxEps: p.maxEps, tolerance: p.tolerance, ...r, seconds: (performance.now() - started) / 1000 };
  } finally {
    await task.objective.release();
  }
});
