/**
 * The "attack an image" action, shared by the 'attack' job, `aegis attack` and batch work: checks
 * the target against the model, picks the multi-label finding, runs the attack on each sample in
 * stored-pixel space (ARCHITECTURE.md principle 2), and reads the report as the job's result fields.
 */
import type { AttackId, AttackNormId } from '../../shared/attackCatalogue';
import type { AttackScores } from '../../shared/jobResults';
import type { AttackProgress, AttackSettings } from '../attacks/attackTypes';
import type { Objective } from '../attacks/objective';
import { overlap } from '../attacks/asma';
import { agreement } from '../attacks/goal';
import type { ImageTask } from '../attacks/imageTask';
import { runAttack, type AttackReport } from '../attacks/runAttack';

/** What to run. Budgets and step sizes in normalised display units; `targetClass`/`finding` are class indices. */
export interface AttackImageParams {
  method: AttackId;
  eps: number;
  norm: AttackNormId;
  steps: number;
  alpha?: number;
  restarts?: number;
  seed: number;
  targetClass?: number;
  /** Multi-label models: the finding whose decision to flip (default: the most likely, per sample). */
  finding?: number;
  /** Catalogue attacks' own settings (query budget, physical budgets, fields, DI/TI, surrogate, guide, universal perturbation): see AttackSettings. */
  extra?: Pick<AttackSettings, 'queries' | 'basis' | 'amplitude' | 'order' | 'variance' | 'displacementMm' | 'grid' | 'diversity' | 'kernel' | 'layer' | 'guide' | 'universal' | 'overshoot' | 'confidence'> & { surrogate?: Objective };
}

/** How the caller names the target and the finding in its error messages (CLI flags or app words). */
export interface TargetWords {
  target: string;
  finding: string;
}

/** The app's words for the target and finding settings. */
export const APP_TARGET_WORDS: TargetWords = { target: 'a target class', finding: 'the finding setting' };

/** One attacked sample: the report and the multi-label finding attacked (undefined otherwise). */
export interface AttackedSample {
  report: AttackReport;
  finding: number | undefined;
}

/** Throws a plain-words error when `targetClass` / `finding` do not fit the task's model. */
export function checkAttackTarget(task: ImageTask, params: Pick<AttackImageParams, 'targetClass' | 'finding'>, words: TargetWords = APP_TARGET_WORDS): void {
  const classes = task.objective.outputShape[0] ?? 0;
  const multilabel = task.output.kind === 'multilabel-logits';
  const { targetClass, finding } = params;
  if (targetClass !== undefined && targetClass >= classes) throw new Error(`target class ${targetClass} is out of range: the model has ${classes} classes (0…${classes - 1})`);
  if (multilabel && targetClass !== undefined) throw new Error(`for a multi-label model choose the finding with ${words.finding}; the attack flips its decision`);
  if (!multilabel && finding !== undefined) throw new Error(`${words.finding} is for multi-label models (metadata.json output kind "multilabel-logits"); use ${words.target}`);
  if (finding !== undefined && finding >= classes) throw new Error(`finding ${finding} is out of range: the model has ${classes} findings (0…${classes - 1})`);
}

/** The attack goal's target for `targetClass`: the class index, or for a segmenter a label map with every pixel set to it. */
export function attackTarget(task: ImageTask, targetClass: number | undefined): number | Int32Array | undefined {
  const shape = task.objective.outputShape;
  if (targetClass === undefined || shape.length < 3) return targetClass;
  return new Int32Array(shape.slice(1).reduce((a, b) => a * b, 1)).fill(targetClass);
}

/**
 * Attacks every sample of `task` (an image gives one; a .npy may stack several), after
 * {@link checkAttackTarget}. `onProgress` gets the sample index with each attack's progress.
 */
export async function attackImage(
  task: ImageTask,
  params: AttackImageParams,
  options: { signal?: AbortSignal; onProgress?: (sample: number, progress: AttackProgress) => void; words?: TargetWords } = {},
): Promise<AttackedSample[]> {
  checkAttackTarget(task, params, options.words);
  const multilabel = task.output.kind === 'multilabel-logits';
  const target = attackTarget(task, params.targetClass);
  const samples: AttackedSample[] = [];
  for (const [i, space] of task.spaces.entries()) {
    options.signal?.throwIfAborted();
    let finding = params.finding;
    if (multilabel && finding === undefined) {
      const clean = await task.objective.predict(task.modelInputs[i]!);
      finding = clean.indexOf(Math.max(...clean));
    }
    const report = await runAttack(task.objective, space, {
      ...params.extra,
      spacingMm: task.image.pixelSpacingMm,
      method: params.method,
      eps: params.eps,
      norm: params.norm,
      steps: params.steps,
      alpha: params.alpha,
      restarts: params.restarts,
      seed: params.seed,
      target,
      multilabelClass: finding,
      signal: options.signal,
      onProgress: options.onProgress && ((s) => options.onProgress!(i, s)),
    });
    samples.push({ report, finding });
  }
  return samples;
}

/** Reads `report` as the job result's (and the attack record's) scores: decisions and probabilities, or `pixelsKept` for segmentation. */
export function attackScores(task: ImageTask, report: AttackReport): AttackScores {
  const segmentation = task.objective.outputShape.length >= 3;
  const m = report.metrics;
  const list = (a: Float32Array) => Array.from(a);
  const decision = (d: number | Int32Array) => (typeof d === 'number' ? d : null);
  return {
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
    ...(report.queries === undefined ? {} : { queries: report.queries }),
    ...(report.winner === undefined ? {} : { winner: report.winner }),
    ...(segmentation ? { overlap: segmentationOverlap(report, task.objective.outputShape[0]!) } : {}),
    seconds: report.seconds,
  };
}

/** Dice and IoU against the clean prediction: of the clean mask itself (1), the float result and the quantised one. */
function segmentationOverlap(report: AttackReport, classes: number): NonNullable<AttackScores['overlap']> {
  const clean = report.before.decision as Int32Array;
  const self = overlap(clean, clean, classes);
  const float = overlap(clean, report.afterFloat.decision as Int32Array, classes);
  const after = overlap(clean, report.after.decision as Int32Array, classes);
  return { diceBefore: self.dice, iouBefore: self.iou, diceBeforeQuantisation: float.dice, iouBeforeQuantisation: float.iou, diceAfter: after.dice, iouAfter: after.iou };
}
