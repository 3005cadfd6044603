/**
 * Job kind 'attack': one white-box attack on one DICOM image in stored-pixel space (ARCHITECTURE.md
 * principle 2), re-scored after quantisation and written as a derived DICOM instance (new series,
 * same study) into `outDir`, as `aegis attack --out X.dcm` does. The back end indexes the written
 * file and stores the record (electron/services/lab).
 */
import { mkdir } from 'node:fs/promises';
import { z } from 'zod';
import type { JobKind } from './registry';

/** Iterations per method when the request names none (as `aegis attack`). */
export const DEFAULT_ATTACK_STEPS = { fgsm: 1, bim: 10, pgd: 10, mifgsm: 10, cw: 100, deepfool: 50 } as const;

const payload = z.object({
  /** Absolute path of the .onnx file (metadata.json beside it is optional). */
  model: z.string().min(1),
  /** Absolute path of a DICOM file; its first frame is attacked. */
  image: z.string().min(1),
  method: z.enum(['fgsm', 'bim', 'pgd', 'mifgsm', 'cw', 'deepfool']),
  /** Budget in normalised display units. */
  eps: z.number().min(0),
  norm: z.enum(['linf', 'l2']),
  steps: z.number().int().min(1),
  alpha: z.number().positive().optional(),
  restarts: z.number().int().min(1).optional(),
  targetClass: z.number().int().min(0).optional(),
  finding: z.number().int().min(0).optional(),
  seed: z.number().int(),
  /** Folder the derived instance is written into (created if missing; never overwrites). */
  outDir: z.string().min(1),
  /** Words for the Derivation Description, e.g. the model's name. */
  modelName: z.string().default(''),
});

/** What the job returns: scores before/after, metrics, and the written file (see AttackRecord in shared/labTypes). */
export interface AttackJobResult {
  provider: string;
  classes: string[];
  method: string;
  norm: 'linf' | 'l2';
  eps: number;
  steps: number;
  seed: number;
  decisionBefore: number | number[] | null;
  decisionAfter: number | number[] | null;
  probabilitiesBefore: number[] | null;
  probabilitiesBeforeQuantisation: number[] | null;
  probabilitiesAfter: number[] | null;
  /** Segmentation: fraction of pixels keeping their class after quantisation. */
  pixelsKept: number | null;
  successBeforeQuantisation: boolean;
  success: boolean;
  norms: { stored: { linf: number; l2: number; l0: number }; normalised: { linf: number; l2: number; l0: number } };
  ssim: number | null;
  psnr: number | null;
  dataRange: number;
  iterations: number;
  seconds: number;
  derived: { path: string; sopInstanceUid: string; seriesInstanceUid: string; imageId: string };
}

/** Planar (RR…GG…BB…) stored values → interleaved integers, as DICOM stores colour pixels. */
function interleaved(planar: ArrayLike<number>, pixels: number, channels: number): Int32Array {
  const out = new Int32Array(pixels * channels);
  for (let p = 0; p < pixels; p++) for (let c = 0; c < channels; c++) out[p * channels + c] = planar[c * pixels + p]!;
  return out;
}

/** The 'attack' job kind. */
export const attackJob: JobKind<z.infer<typeof payload>> = {
  payload,
  async run(p, { signal, progress }): Promise<AttackJobResult> {
    progress(0, 'Loading the model and the image');
    const [{ openImageTask }, { runAttack }, { agreement }, { writeDerived, imageIdOf }] = await Promise.all([
      import('../attacks/imageTask'),
      import('../attacks/runAttack'),
      import('../attacks/goal'),
      import('../../dicom/index'),
    ]);
    const task = await openImageTask(p.model, p.image);
    try {
      if (task.image.kind !== 'dicom') throw new Error(`${p.image}: the attack lab attacks DICOM images; this file is ${task.image.kind}`);
      const shape = task.objective.outputShape;
      const classes = shape[0] ?? 0;
      const segmentation = shape.length >= 3;
      const multilabel = task.output.kind === 'multilabel-logits';
      if (p.targetClass !== undefined && p.targetClass >= classes) {
        throw new Error(`target class ${p.targetClass} is out of range: the model has ${classes} classes (0…${classes - 1})`);
      }
      if (multilabel && p.targetClass !== undefined) throw new Error('for a multi-label model choose the finding to flip, not a target class');
      const [modelInput, space] = [task.modelInputs[0]!, task.spaces[0]!];
      let finding = p.finding;
      if (multilabel && finding === undefined) {
        const clean = await task.objective.predict(modelInput);
        finding = clean.indexOf(Math.max(...clean));
      }
      if (finding !== undefined && (!multilabel || finding >= classes)) {
        throw new Error(multilabel ? `finding ${finding} is out of range: the model has ${classes} findings` : 'a finding is chosen only for multi-label models');
      }
      signal.throwIfAborted();
      const pixels = segmentation ? shape.slice(1).reduce((a, b) => a * b, 1) : 0;
      const target = p.targetClass === undefined ? undefined : segmentation ? new Int32Array(pixels).fill(p.targetClass) : p.targetClass;
      progress(0.02, `${p.method.toUpperCase()}: starting`);
      const report = await runAttack(task.objective, space, {
        method: p.method,
        eps: p.eps,
        norm: p.norm,
        steps: p.steps,
        alpha: p.alpha,
        restarts: p.restarts,
        seed: p.seed,
        target,
        multilabelClass: finding,
        signal,
        onProgress: (s) => progress(0.02 + 0.93 * (s.iteration / Math.max(1, s.total)), `${p.method.toUpperCase()}: iteration ${s.iteration} of ${s.total}`),
      });
      signal.throwIfAborted();
      progress(0.96, 'Writing the derived DICOM');
      const { image } = task;
      await mkdir(p.outDir, { recursive: true });
      const written = await writeDerived({
        source: image.path,
        storedPixels: interleaved(report.stored, image.width * image.height, image.channels),
        method: p.method.toUpperCase(),
        budget: p.eps,
        details: `norm ${p.norm}, ${report.iterations} iterations, seed ${p.seed}, model ${p.modelName || 'unnamed'}`,
        outDir: p.outDir,
      });
      const m = report.metrics;
      const list = (a: Float32Array) => Array.from(a);
      const decision = (d: number | Int32Array) => (typeof d === 'number' ? d : null);
      return {
        provider: task.objective.provider,
        classes: [...task.output.classes],
        method: p.method,
        norm: p.norm,
        eps: p.eps,
        steps: p.steps,
        seed: p.seed,
        decisionBefore: segmentation ? null : decision(report.before.decision),
        decisionAfter: segmentation ? null : decision(report.after.decision),
        probabilitiesBefore: segmentation ? null : list(report.before.probabilities),
        probabilitiesBeforeQuantisation: segmentation ? null : list(report.afterFloat.probabilities),
        probabilitiesAfter: segmentation ? null : list(report.after.probabilities),
        pixelsKept: segmentation ? agreement(report.before.decision, report.after.decision) : null,
        successBeforeQuantisation: report.successBeforeQuantisation,
        success: report.success,
        norms: { stored: { ...m.stored }, normalised: { ...m.normalised } },
        ssim: Number.isFinite(m.ssim) ? m.ssim : null,
        psnr: Number.isFinite(m.psnr) ? m.psnr : null,
        dataRange: m.dataRange,
        iterations: report.iterations,
        seconds: report.seconds,
        derived: { ...written, imageId: imageIdOf(written.sopInstanceUid, 0) },
      };
    } finally {
      await task.objective.release();
    }
  },
};
