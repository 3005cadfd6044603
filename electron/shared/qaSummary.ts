/**
 * The measures of a finished QA session, each with its 95 % interval and the n it rests on, as the
 * report, the CLI's JSON, the 'qa.session' job result and the QA mode show them. Fractions are in
 * [0, 1]; PSNR in dB; budgets in normalised display units. Strict zod objects (the job result is
 * checked against them before it leaves the engine); types are inferred from them.
 */
import { z } from 'zod';

/**
 * A sample figure with its 95 % interval: Wilson (proportions), DeLong (AUC; Newcombe's score
 * interval where DeLong's variance is 0 at complete separation) or seeded bootstrap (means, differences).
 */
export const qaIntervalSchema = z.strictObject({
  estimate: z.number(),
  low: z.number(),
  high: z.number(),
  n: z.number().int(),
  method: z.enum(['wilson', 'delong', 'newcombe', 'bootstrap']),
});
export type QaInterval = z.infer<typeof qaIntervalSchema>;
const interval = qaIntervalSchema.nullable();

/** Clean performance of one model: accuracy, AUC (two classes), sensitivity/specificity at the argmax operating point; Dice/IoU for segmentation. */
export const qaCleanMeasuresSchema = z.strictObject({ accuracy: interval, auc: interval, sensitivity: interval, specificity: interval, dice: interval, iou: interval });
export type QaCleanMeasures = z.infer<typeof qaCleanMeasuresSchema>;

/** A defence's effect: accuracy (or Dice) with the defence, and its paired change vs without. */
export const qaDefenceEffectSchema = z.strictObject({ defence: z.string(), withDefence: qaIntervalSchema, change: qaIntervalSchema });
export type QaDefenceEffect = z.infer<typeof qaDefenceEffectSchema>;

/** One model × attack × budget row; `successRate` is among images right when clean; `detectorAuc` is clean (negatives) vs attacked (positives). */
export const qaAttackRowSchema = z.strictObject({
  model: z.string(),
  attack: z.string(),
  eps: z.number(),
  steps: z.number().int(),
  accuracy: interval,
  auc: interval,
  successRate: interval,
  ssim: interval,
  psnr: interval,
  dice: interval,
  iou: interval,
  detectorAuc: z.record(z.string(), qaIntervalSchema),
  defences: z.array(qaDefenceEffectSchema),
});
export type QaAttackRow = z.infer<typeof qaAttackRowSchema>;

/** Worst case over the session's attacks at one budget: an image counts only if it survives every attack. */
export const qaWorstCaseSchema = z.strictObject({ model: z.string(), eps: z.number(), accuracy: interval, dice: interval });
export type QaWorstCase = z.infer<typeof qaWorstCaseSchema>;

/** Robustness margin: images (right when clean) by the smallest budget any attack flipped them at; eps null = not flipped at the largest budget. */
export const qaMarginBinSchema = z.strictObject({ model: z.string(), eps: z.number().nullable(), count: z.number().int(), n: z.number().int() });
export type QaMarginBin = z.infer<typeof qaMarginBinSchema>;

/** One cell of a transfer matrix: accuracy of `target` on the images attacked on `surrogate`. */
export const qaTransferCellSchema = z.strictObject({ attack: z.string(), eps: z.number(), surrogate: z.string(), target: z.string(), accuracy: qaIntervalSchema });
export type QaTransferCell = z.infer<typeof qaTransferCellSchema>;

/** One point of an empirical ROC curve (false- and true-positive fractions). */
export const qaRocPointSchema = z.strictObject({ model: z.string(), condition: z.string(), fpr: z.number(), tpr: z.number() });
export type QaRocPoint = z.infer<typeof qaRocPointSchema>;

/** A model of the session: its name, content hash (sha256) and where it ran. */
export const qaModelInfoSchema = z.strictObject({ name: z.string(), path: z.string(), hash: z.string(), classes: z.array(z.string()), segmentation: z.boolean(), provider: z.string() });
export type QaModelInfo = z.infer<typeof qaModelInfoSchema>;

/** Everything a QA report shows; `clean` is keyed by model hash. */
export const qaSummarySchema = z.strictObject({
  sessionId: z.string(),
  appVersion: z.string(),
  createdAt: z.string(),
  config: z.record(z.string(), z.unknown()),
  models: z.array(qaModelInfoSchema),
  images: z.number().int(),
  computed: z.number().int(),
  reused: z.number().int(),
  reusedImages: z.number().int(),
  clean: z.record(z.string(), qaCleanMeasuresSchema),
  rows: z.array(qaAttackRowSchema),
  worstCase: z.array(qaWorstCaseSchema),
  margins: z.array(qaMarginBinSchema),
  transfer: z.array(qaTransferCellSchema),
  roc: z.array(qaRocPointSchema),
});
export type QaSummary = z.infer<typeof qaSummarySchema>;
