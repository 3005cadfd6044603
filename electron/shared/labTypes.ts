/**
 * Domain types of the review and attack lab (models, predictions, saliency, attacks and their
 * records), shared by the back end and the renderer. Pure TypeScript: no `node:*`, no `electron`.
 */
import { z } from 'zod';
import { ATTACK_IDS, attackEntry, EPS_BOUNDED_ATTACK_IDS } from './attackCatalogue';
import { attackScoresSchema } from './jobResults';
import { ModelMetadataSchema } from './modelMetadata';

/** Where a model comes from: shipped with Aegis (native-models/<id>), or imported into the workspace. */
export const modelSourceSchema = z.enum(['bundled', 'imported']);

/** One ONNX graph input or output: name, element type ("FLOAT"), dimensions (strings are dynamic). */
export const tensorInfoSchema = z.object({ name: z.string(), type: z.string(), shape: z.array(z.union([z.number(), z.string()])) });

/**
 * A model the lab can use. `id` is what every other lab call takes ("bundled:<folder>" or
 * "imported:<id>"). `hash` is the sha256 (hex) of the .onnx bytes and its external data, recorded in
 * every attack record. `inputShape` is NCHW as the pipeline feeds it (metadata size, else the ONNX
 * shape; strings are dynamic dimensions). `differentiable` is false when the gradient compiler
 * cannot differentiate the model: `unsupportedOps` names the ops that stop it (black-box methods and
 * occlusion still work). `error` is set, in plain words, when the model could not be read at all.
 */
export const modelEntrySchema = z.object({
  id: z.string(),
  source: modelSourceSchema,
  name: z.string(),
  /** Absolute path of the .onnx file. */
  path: z.string(),
  hash: z.string().nullable(),
  /** Whether a metadata.json sits beside the model; false means every preprocessing field is a default. */
  hasMetadata: z.boolean(),
  /** The metadata in effect (defaults applied). */
  metadata: ModelMetadataSchema,
  classes: z.array(z.string()),
  outputKind: z.string(),
  inputShape: z.array(z.union([z.number(), z.string()])),
  inputs: z.array(tensorInfoSchema),
  outputs: z.array(tensorInfoSchema),
  opset: z.number().int().nullable(),
  differentiable: z.boolean(),
  unsupportedOps: z.array(z.string()),
  /** The tensor gradients are taken of, when it is not the first output, and why. */
  gradientOutput: z.string().nullable(),
  gradientOutputReason: z.string().nullable(),
  /** MODEL_CARD.md beside the model (Markdown), when present. */
  card: z.string().nullable(),
  error: z.string().nullable(),
});
export type ModelEntry = z.infer<typeof modelEntrySchema>;

/** The attacks the lab runs: the ids of the attack catalogue (./attackCatalogue), which says which are minimum-norm. */
export const attackMethodSchema = z.enum(ATTACK_IDS);
export type LabAttackMethod = z.infer<typeof attackMethodSchema>;

/** An attack eps bounds (not a minimum-norm one): what a budget search such as the robustness margin can probe with. */
export const boundedAttackMethodSchema = attackMethodSchema.refine((id) => attackEntry(id).epsBounded, {
  message: `choose an attack that eps bounds: ${EPS_BOUNDED_ATTACK_IDS.join(', ')} (minimum-norm attacks ignore the budget)`,
});

/**
 * Attack parameters. Budgets and step sizes are in normalised display units (eps 0.02 = 2 % of the
 * intensity window the model sees). `steps`, `norm` and `eps` default per method as the attack
 * catalogue's `defaults` say; `alpha` to the method's own default.
 * An L∞ `eps` is at most 1 (the whole window); an L2 `eps` is the Euclidean norm over all pixels.
 * `targetClass`: targeted attack (segmentation: every pixel to that class). `finding`: for
 * multi-label models, the finding whose decision to flip.
 */
/**
 * The catalogue attacks' own settings (query budget, SimBA basis, physical budgets: fraction of
 * intensity, noise variance, mm; field grid; DI/TI): attack-catalogue parameters beyond eps/steps.
 */
export const catalogueSettingsSchema = z.object({
  queries: z.number().int().min(1).max(1_000_000).optional(),
  basis: z.enum(['dct', 'pixel']).optional(),
  amplitude: z.number().positive().max(0.99).optional(),
  order: z.number().int().min(0).max(10).optional(),
  variance: z.number().positive().max(0.99).optional(),
  displacementMm: z.number().positive().optional(),
  grid: z.number().int().min(1).max(64).optional(),
  diversity: z.number().min(0).max(1).optional(),
  kernel: z.number().int().min(1).max(63).optional(),
});

export const attackParamsSchema = z.object({
  method: attackMethodSchema,
  eps: z.number().min(0).optional(),
  norm: z.enum(['linf', 'l2']).optional(),
  steps: z.number().int().min(1).max(10_000).optional(),
  alpha: z.number().positive().optional(),
  restarts: z.number().int().min(1).max(100).optional(),
  targetClass: z.number().int().min(0).optional(),
  finding: z.number().int().min(0).optional(),
  seed: z.number().int().default(0),
  ...catalogueSettingsSchema.shape,
});
export type AttackParams = z.infer<typeof attackParamsSchema>;

/** A named parameter set from the literature, for the attack lab's preset menu. */
export const attackPresetSchema = z.object({
  id: z.string(),
  label: z.string(),
  /** Where the setting comes from, as the UI should cite it. */
  reference: z.string(),
  params: attackParamsSchema,
});
export type AttackPreset = z.infer<typeof attackPresetSchema>;

/** Perturbation norms of one attack: `stored` in stored pixel values, `normalised` in display units. */
const normsSchema = z.object({ linf: z.number(), l2: z.number(), l0: z.number().optional() });

/**
 * One attack as stored in the workspace and exported as JSON. Probabilities are per class (softmax;
 * per-class sigmoid for multi-label). `before`: the clean image; `beforeQuantisation`: the float
 * result; `after`: the written DICOM's stored values, which is what the exported file produces.
 * `success` is judged after quantisation. SSIM (Wang et al. 2004) and PSNR (dB) compare stored
 * values with one normalised unit as the data range. Segmentation models report `pixelsKept`
 * (fraction of pixels whose class did not change) instead of decisions.
 */
export const attackRecordSchema = z.object({
  attackId: z.string(),
  jobId: z.string().nullable(),
  createdAt: z.number(),
  sourceImageId: z.string(),
  studyInstanceUid: z.string().nullable(),
  model: z.object({ id: z.string(), name: z.string(), hash: z.string().nullable(), provider: z.string() }),
  params: attackParamsSchema.extend({ eps: z.number(), norm: z.enum(['linf', 'l2']), steps: z.number().int() }),
  classes: z.array(z.string()),
  ...attackScoresSchema.shape,
  /** Records written before L0 was measured lack it. */
  norms: z.object({ stored: normsSchema, normalised: normsSchema }),
  derived: z.object({
    path: z.string(),
    imageId: z.string(),
    seriesInstanceUid: z.string(),
    sopInstanceUid: z.string(),
  }),
});
export type AttackRecord = z.infer<typeof attackRecordSchema>;

/** A started job: follow it with 'job.progress' / 'job.finished' and cancel it with 'jobs.cancel'. */
export const startedJobSchema = z.object({ jobId: z.string() });

/**
 * Saliency methods (electron/engine/saliency): vanilla gradient |∂f/∂x|, SmoothGrad (Smilkov et al.
 * 2017), Integrated Gradients (Sundararajan et al. 2017), Grad-CAM (Selvaraju et al. 2017), HiResCAM
 * (Draelos & Carin 2020), occlusion (for models the compiler cannot differentiate).
 */
export const saliencyMethodSchema = z.enum(['vanilla', 'smoothgrad', 'ig', 'gradcam', 'hirescam', 'occlusion']);

/**
 * What to explain and how (the 'saliency.run' call and the 'saliency' job): `classIndex` defaults to
 * the predicted class; SmoothGrad `samples` and `sigmaFraction` (of the input range); IG `steps`;
 * Grad-CAM/HiResCAM `layer`; `seed` for the random parts; `sanity` also runs the weight-randomisation check.
 */
export const saliencyParamsSchema = z.object({
  method: saliencyMethodSchema,
  classIndex: z.number().int().nonnegative().optional(),
  layer: z.string().optional(),
  samples: z.number().int().positive().max(500).optional(),
  sigmaFraction: z.number().positive().lt(1).optional(),
  steps: z.number().int().min(2).max(1000).optional(),
  /** Integrated Gradients baseline: a black image (default), the image blurred, or a constant. */
  baselineKind: z.enum(['black', 'blurred', 'constant']).optional(),
  /** The constant baseline, in model-input units (after normalisation). */
  baselineValue: z.number().optional(),
  seed: z.number().int().optional(),
  sanity: z.boolean().optional(),
});

/** A tensor travelling as binary on every transport. */
export const float32ArraySchema = z.custom<Float32Array>((v) => v instanceof Float32Array, 'expected a Float32Array');
