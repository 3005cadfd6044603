/**
 * Job kind 'attack.margin': the robustness margin of one image — the smallest budget (normalised
 * display units) at which a seeded, early-stopping attack flips the model's call after quantisation
 * to stored values, found by bisection on [0, maxEps] (electron/engine/attacks/robustnessMargin).
 */
import { z } from 'zod';
import type { JobKind } from './registry';

const payload = z.object({
  /** Absolute path of the .onnx file. */
  model: z.string().min(1),
  /** Absolute path of the image (.dcm first frame, .png or .npy). */
  image: z.string().min(1),
  /** A budget-bounded attack; each probe runs it at one eps. */
  method: z.enum(['fgsm', 'bim', 'pgd', 'mifgsm']).default('pgd'),
  norm: z.enum(['linf', 'l2']).default('linf'),
  /** Upper end of the search (normalised units). */
  maxEps: z.number().positive().max(1).default(0.1),
  /** Width of the final bracket (normalised units). */
  tolerance: z.number().positive().default(0.001),
  steps: z.number().int().min(1).max(1000).default(20),
  seed: z.number().int().default(0),
});

/** The margin and every probe, budgets in normalised units; `margin` is null when even maxEps does not flip the call. */
export interface MarginJobResult {
  method: string;
  norm: 'linf' | 'l2';
  maxEps: number;
  tolerance: number;
  margin: number | null;
  robustUpTo: number;
  probes: { eps: number; flipped: boolean }[];
  seconds: number;
}

/** The 'attack.margin' job kind. */
export const marginJob: JobKind<z.infer<typeof payload>> = {
  payload,
  async run(p, { signal, progress }): Promise<MarginJobResult> {
    progress(0, 'Loading the model and the image');
    const [{ openImageTask }, { runAttack }, { robustnessMargin }] = await Promise.all([
      import('../attacks/imageTask'),
      import('../attacks/runAttack'),
      import('../attacks/robustnessMargin'),
    ]);
    const task = await openImageTask(p.model, p.image);
    try {
      const space = task.spaces[0]!;
      // Probes needed: one at maxEps, then ⌈log2(maxEps / tolerance)⌉ halvings.
      const total = 1 + Math.max(0, Math.ceil(Math.log2(p.maxEps / p.tolerance)));
      let done = 0;
      const started = performance.now();
      const flips = async (eps: number): Promise<boolean> => {
        progress(done / total, `Probe ${done + 1} of at most ${total}: eps ${eps.toPrecision(3)}`);
        const r = await runAttack(task.objective, space, { method: p.method, eps, norm: p.norm, steps: p.steps, seed: p.seed, earlyStop: true, signal });
        done += 1;
        return r.success;
      };
      const r = await robustnessMargin(flips, { maxEps: p.maxEps, tolerance: p.tolerance, signal });
      return { method: p.method, norm: p.norm, maxEps: p.maxEps, tolerance: p.tolerance, ...r, seconds: (performance.now() - started) / 1000 };
    } finally {
      await task.objective.release();
    }
  },
};
